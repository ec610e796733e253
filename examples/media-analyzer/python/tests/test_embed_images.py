import os
import tempfile
import unittest

import numpy as np

import embedders
from tests import synth

ORIGINALS = [synth.photo(seed) for seed in range(6)] + [synth.shapes(seed) for seed in range(6)]


class EmbedImagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.index = embedders.embed_images([synth.read_only(image) for image in ORIGINALS])

    def nearest(self, images):
        return (embedders.embed_images(images) @ self.index.T).argmax(axis=1).tolist()

    def test_vectors_are_float32_unit_length_one_per_image(self):
        self.assertEqual(self.index.dtype, np.float32)
        self.assertEqual(self.index.shape, (len(ORIGINALS), embedders.load_all_models()["image_embedding_dim"]))
        np.testing.assert_allclose(np.linalg.norm(self.index, axis=1), 1.0, rtol=1e-5)

    def test_a_duplicate_is_its_own_nearest_neighbour(self):
        expected = list(range(len(ORIGINALS)))
        self.assertEqual(self.nearest([image.copy() for image in ORIGINALS]), expected)
        np.testing.assert_allclose(embedders.embed_images([ORIGINALS[3]])[0], self.index[3], atol=1e-6)

    def test_altered_copies_find_their_original(self):
        expected = list(range(len(ORIGINALS)))
        alterations = {
            "noise": lambda image: synth.noisy(image, seed=99, sigma=8),
            "brighter": lambda image: synth.brighter(image, 20),
            "darker": lambda image: synth.brighter(image, -25),
            "half size": synth.half_size,
            "cropped": lambda image: image[3:-3, 4:-4],
        }
        for name, alter in alterations.items():
            with self.subTest(name):
                self.assertEqual(self.nearest([alter(image) for image in ORIGINALS]), expected)

    def test_duplicates_are_much_closer_than_different_images(self):
        similarity = self.index @ self.index.T
        np.fill_diagonal(similarity, -1.0)
        noisy = embedders.embed_images([synth.noisy(image, seed=5, sigma=6) for image in ORIGINALS])
        self_similarity = (noisy * self.index).sum(axis=1)
        self.assertGreater(self_similarity.min(), similarity.max() + 0.2)

    def test_is_deterministic(self):
        again = embedders.embed_images(ORIGINALS)
        self.assertTrue(np.array_equal(again, self.index))

    def test_mixed_sizes_batch_array_and_paths(self):
        big = np.repeat(np.repeat(ORIGINALS[0], 3, axis=0), 3, axis=1)
        tiny = np.full((1, 1, 3), 7, dtype=np.uint8)
        vectors = embedders.embed_images([big, tiny, ORIGINALS[1]])
        self.assertEqual(vectors.shape[0], 3)
        self.assertEqual(self.nearest([big])[0], 0)
        batch = embedders.embed_images(np.stack(ORIGINALS[:4]))
        np.testing.assert_allclose(batch, self.index[:4], atol=1e-6)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "picture.png")
            with open(path, "wb") as file:
                file.write(synth.png_bytes(ORIGINALS[2]))
            np.testing.assert_allclose(embedders.embed_images([path])[0], self.index[2], atol=1e-6)

    def test_empty_list_gives_no_rows(self):
        vectors = embedders.embed_images([])
        self.assertEqual(vectors.shape, (0, self.index.shape[1]))
        self.assertEqual(vectors.dtype, np.float32)

    def test_flat_image_embeds_without_nan(self):
        vector = embedders.embed_images([np.full((20, 30, 3), 128, dtype=np.uint8)])[0]
        self.assertTrue(np.isfinite(vector).all())
        self.assertAlmostEqual(float(np.linalg.norm(vector)), 1.0, places=5)

    def test_progress_counts_images(self):
        calls = []
        embedders.embed_images(ORIGINALS[:3], progress=lambda *args: calls.append(args[:2]))
        self.assertEqual(calls, [(1, 3), (2, 3), (3, 3)])

    def test_bad_input_is_rejected_clearly(self):
        with self.assertRaisesRegex(TypeError, "uint8"):
            embedders.embed_images([np.zeros((4, 4, 3), dtype=np.float32)])
        with self.assertRaisesRegex(ValueError, r"images\[1\].*\[height, width, 3\]"):
            embedders.embed_images([ORIGINALS[0], np.zeros((4, 4, 4), dtype=np.uint8)])
        with self.assertRaisesRegex(ValueError, "empty"):
            embedders.embed_images([np.zeros((0, 4, 3), dtype=np.uint8)])
        with self.assertRaisesRegex(TypeError, "single path"):
            embedders.embed_images("picture.png")
        with self.assertRaisesRegex(ValueError, "cannot be read"):
            embedders.embed_images(["/nonexistent/picture.png"])


if __name__ == "__main__":
    unittest.main()
