import importlib.util
import os
import threading
import unittest
from unittest import mock

import numpy as np

import embedders
from embedders import models
from tests import synth

TORCH = importlib.util.find_spec("torch") is not None


class ModelsTest(unittest.TestCase):
    def tearDown(self):
        embedders.unload_all_models()

    def test_load_reports_what_was_built(self):
        embedders.unload_all_models()
        calls = []
        report = embedders.load_all_models(progress=lambda *args: calls.append(args), backend="numpy")
        self.assertEqual(report["backend"], "numpy")
        self.assertEqual(report["device"], "cpu")
        self.assertEqual(report["models"], {"note_table": 256, "dct_basis": 1024})
        self.assertEqual(report["image_embedding_dim"], 175)
        self.assertEqual(report["video_embedding_dim"], 370)
        self.assertEqual([(done, total) for done, total, _ in calls], [(1, 2), (2, 2)])
        self.assertTrue(all(message.startswith("load_all_models: ") for _, _, message in calls))

    def test_loading_twice_keeps_the_models(self):
        embedders.load_all_models(backend="numpy")
        first = models.current()
        embedders.load_all_models(backend="numpy")
        self.assertIs(models.current(), first)

    def test_unload_names_what_it_dropped_and_functions_load_again(self):
        embedders.load_all_models(backend="numpy")
        self.assertEqual(embedders.unload_all_models(), ["note_table", "dct_basis"])
        self.assertEqual(embedders.unload_all_models(), [])
        self.assertEqual(embedders.transcribe(synth.melody(["A4"], 22050), 22050), "A4")
        self.assertEqual(embedders.unload_all_models(), ["note_table", "dct_basis"])

    def test_results_do_not_change_across_reloads(self):
        image = synth.photo(9)
        before = embedders.embed_images([image])
        embedders.unload_all_models()
        embedders.load_all_models(backend="numpy")
        self.assertTrue(np.array_equal(before, embedders.embed_images([image])))

    def test_backend_choice(self):
        with mock.patch.dict(os.environ, {models.BACKEND_VARIABLE: "numpy"}):
            self.assertEqual(models.resolve_backend(None), "numpy")
        with mock.patch.dict(os.environ, {models.BACKEND_VARIABLE: "auto"}):
            self.assertEqual(models.resolve_backend(None), "torch" if TORCH else "numpy")
        with self.assertRaisesRegex(ValueError, "backend must be one of"):
            embedders.load_all_models(backend="tensorflow")
        if not TORCH:
            with self.assertRaisesRegex(ImportError, "torch is not importable"):
                embedders.load_all_models(backend="torch")

    def test_concurrent_calls_and_unloads(self):
        errors, results = [], []
        image = synth.photo(1)
        expected = embedders.embed_images([image])

        def work():
            try:
                for _ in range(5):
                    results.append(embedders.embed_images([image]))
                    embedders.unload_all_models()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(results), 20)
        self.assertTrue(all(np.array_equal(result, expected) for result in results))


@unittest.skipUnless(TORCH, "torch is not importable")
class TorchBackendTest(unittest.TestCase):
    def setUp(self):
        self.report = embedders.load_all_models(backend="torch")

    def tearDown(self):
        embedders.unload_all_models()
        embedders.load_all_models(backend="numpy")

    def test_report_and_dimensions(self):
        self.assertEqual(self.report["backend"], "torch")
        self.assertIn("convnet", self.report["models"])
        vectors = embedders.embed_images([synth.photo(0), synth.shapes(0)])
        self.assertEqual(vectors.shape, (2, self.report["image_embedding_dim"]))
        self.assertEqual(embedders.embed_video(np.stack([synth.photo(0)] * 3)).shape, (self.report["video_embedding_dim"],))

    def test_duplicates_are_nearest_and_results_are_repeatable(self):
        originals = [synth.photo(seed) for seed in range(5)] + [synth.shapes(seed) for seed in range(5)]
        index = embedders.embed_images(originals)
        noisy = embedders.embed_images([synth.noisy(image, seed=2, sigma=8) for image in originals])
        self.assertEqual((noisy @ index.T).argmax(axis=1).tolist(), list(range(len(originals))))
        embedders.unload_all_models()
        embedders.load_all_models(backend="torch")
        np.testing.assert_allclose(embedders.embed_images(originals), index, atol=1e-5)


if __name__ == "__main__":
    unittest.main()
