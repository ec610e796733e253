import os
import tempfile
import unittest

import numpy as np

import embedders
from embedders.media_io import gif
from embedders.video import MOTION_DIM
from tests import synth


def clip(seed: int, frames: int = 10, moving: bool = True) -> np.ndarray:
    """A red box sliding over (or resting on) a photo-like background."""
    background = synth.photo(seed, 64, 80)
    out = []
    for index in range(frames):
        frame = background.copy()
        left = (5 + 5 * index) % 60 if moving else 20
        frame[20:40, left : left + 15] = (255, 40, 40)
        out.append(frame)
    return np.stack(out)


class EmbedVideoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.clips = [clip(seed) for seed in range(4)] + [clip(seed, moving=False) for seed in range(4, 7)]
        cls.index = np.stack([embedders.embed_video(synth.read_only(c)) for c in cls.clips])

    def test_vector_is_float32_unit_length(self):
        dims = embedders.load_all_models()
        self.assertEqual(self.index.dtype, np.float32)
        self.assertEqual(self.index.shape, (len(self.clips), dims["video_embedding_dim"]))
        self.assertEqual(dims["video_embedding_dim"], 2 * dims["image_embedding_dim"] + MOTION_DIM)
        np.testing.assert_allclose(np.linalg.norm(self.index, axis=1), 1.0, rtol=1e-5)

    def test_noisy_copy_finds_its_original(self):
        noisy = [np.stack([synth.noisy(frame, seed=3, sigma=6) for frame in c]) for c in self.clips]
        vectors = np.stack([embedders.embed_video(c) for c in noisy])
        self.assertEqual((vectors @ self.index.T).argmax(axis=1).tolist(), list(range(len(self.clips))))

    def test_motion_energy_is_zero_for_still_frames_and_positive_for_moving_ones(self):
        dim = self.index.shape[1]
        moving, still = self.index[0, dim - MOTION_DIM :], self.index[4, dim - MOTION_DIM :]
        self.assertTrue(np.all(still == 0.0))
        self.assertGreater(moving[0], 0.0)  # mean step energy
        self.assertGreater(moving[3], 0.0)  # share of moving steps

    def test_same_background_moving_or_not_differ_in_motion(self):
        moving = embedders.embed_video(clip(1))
        still = embedders.embed_video(clip(1, moving=False))
        self.assertLess(float(moving @ still), 0.99)

    def test_single_frame_is_a_clip(self):
        vector = embedders.embed_video(clip(0, frames=1))
        self.assertTrue(np.isfinite(vector).all())
        self.assertAlmostEqual(float(np.linalg.norm(vector)), 1.0, places=5)

    def test_progress_counts_frames(self):
        calls = []
        embedders.embed_video(clip(0, frames=5), progress=lambda done, total, message: calls.append((done, total)))
        self.assertEqual(calls, [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)])

    def test_progress_callback_can_stop_the_work(self):
        class Cancelled(Exception):
            pass

        def stop(done, total, message):
            raise Cancelled(message)

        with self.assertRaises(Cancelled):
            embedders.embed_video(clip(0), progress=stop)

    def test_gif_path(self):
        palette = np.array([[0, 0, 0], [255, 255, 255], [200, 30, 30], [30, 30, 200]], dtype=np.uint8)
        frames = [(np.full((16, 24), 3, dtype=np.uint8), 0, 0, 1, None)]
        frames += [(np.full((4, 4), 2, dtype=np.uint8), 2 * i, 6, 2, None) for i in range(6)]
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "clip.gif")
            with open(path, "wb") as file:
                file.write(synth.gif_bytes(24, 16, palette, frames))
            from_path = embedders.embed_video(path)
        decoded = gif.decode(synth.gif_bytes(24, 16, palette, frames))
        self.assertEqual(decoded.shape, (7, 16, 24, 3))
        np.testing.assert_allclose(from_path, embedders.embed_video(decoded), atol=1e-6)

    def test_bad_input_is_rejected_clearly(self):
        with self.assertRaisesRegex(ValueError, r"\[t, height, width, 3\]"):
            embedders.embed_video(np.zeros((8, 8, 3), dtype=np.uint8))
        with self.assertRaisesRegex(ValueError, "no frame"):
            embedders.embed_video(np.zeros((0, 8, 8, 3), dtype=np.uint8))
        with self.assertRaisesRegex(TypeError, "uint8"):
            embedders.embed_video(np.zeros((2, 8, 8, 3), dtype=np.int64))


if __name__ == "__main__":
    unittest.main()
