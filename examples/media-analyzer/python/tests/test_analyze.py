import os
import tempfile
import unittest

import numpy as np

import embedders
from tests import synth


def blurred(image: np.ndarray) -> np.ndarray:
    """A 3x3 blur, as anti-aliased or re-encoded text looks."""
    padded = np.pad(image.astype(np.float64), ((1, 1), (1, 1), (0, 0)), mode="edge")
    kernel = np.array([[1, 1, 1], [1, 4, 1], [1, 1, 1]]) / 12.0
    h, w, _ = image.shape
    out = sum(kernel[dy, dx] * padded[dy : dy + h, dx : dx + w] for dy in range(3) for dx in range(3))
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


class MemeTest(unittest.TestCase):
    def assertMeme(self, image, expected=True):
        result = embedders.analyze(synth.read_only(image))
        self.assertIs(result["is_meme"], expected, result["description"])
        return result

    def test_caption_bands_make_a_meme(self):
        for seed in range(5):
            with self.subTest(seed=seed):
                self.assertMeme(synth.meme(synth.photo(seed)))

    def test_one_band_is_enough_top_or_bottom(self):
        self.assertMeme(synth.meme(synth.photo(1), bottom_text=None))
        self.assertMeme(synth.meme(synth.photo(2), top_text=None, band_colour=(0, 0, 0), ink=(255, 255, 255)))
        self.assertMeme(synth.meme(synth.photo(3), band_colour=(120, 120, 120), ink=(255, 255, 0)))

    def test_blurred_noisy_and_large_memes(self):
        self.assertMeme(blurred(synth.meme(synth.photo(4))))
        self.assertMeme(synth.noisy(blurred(synth.meme(synth.photo(5))), seed=1, sigma=5))
        large = np.repeat(np.repeat(synth.photo(6), 8, axis=0), 8, axis=1)
        self.assertMeme(synth.meme(large, band_share=0.15, scale=12))

    def test_photo_like_gradients_are_not_memes(self):
        for seed in range(10):
            with self.subTest(seed=seed):
                self.assertMeme(synth.photo(seed), expected=False)
                self.assertMeme(synth.shapes(seed), expected=False)
        sky = np.linspace(0.0, 1.0, 120)[:, None, None] * np.array([150, 90, 20]) + np.array([90, 150, 230])
        self.assertMeme(np.broadcast_to(sky, (120, 160, 3)).astype(np.uint8), expected=False)

    def test_bands_without_text_and_pages_of_text_are_not_memes(self):
        empty = synth.meme(synth.photo(1), top_text="", bottom_text="")
        self.assertMeme(empty, expected=False)
        with_logo = empty.copy()
        with_logo[5:18, 40:120] = 0  # a solid block is not text
        self.assertMeme(with_logo, expected=False)
        page = np.full((200, 160, 3), 250, dtype=np.uint8)
        for top in range(10, 190, 20):
            synth.draw_text(page, "SOME TEXT HERE", top, (20, 20, 20), 1)
        self.assertMeme(page, expected=False)
        fence = synth.photo(5)
        fence[:30] = 255
        fence[10:20, ::6] = 0  # stripes are the same in every row, unlike letters
        self.assertMeme(fence, expected=False)
        self.assertMeme(np.full((50, 50, 3), 255, dtype=np.uint8), expected=False)

    def test_animated_meme(self):
        frames = []
        for index in range(8):
            picture = synth.photo(2)
            picture[40:60, 10 + 10 * index : 30 + 10 * index] = (255, 0, 0)
            frames.append(synth.meme(picture))
        result = self.assertMeme(np.stack(frames))
        self.assertIn("animated", result["keywords"])


class DescriptionTest(unittest.TestCase):
    def test_still_image_properties(self):
        image = np.zeros((100, 200, 3), dtype=np.uint8)
        image[:, :120] = (20, 40, 230)  # blue
        image[:, 120:] = (250, 250, 250)  # white
        result = embedders.analyze(image)
        self.assertEqual(set(result), {"description", "keywords", "is_meme"})
        self.assertIsInstance(result["keywords"], list)
        self.assertTrue(result["description"].startswith("Still 200x100 landscape image"), result["description"])
        self.assertIn("blue (60%)", result["description"])
        self.assertIn("white (40%)", result["description"])
        self.assertEqual(result["keywords"][:3], ["still", "landscape", "small"])
        self.assertIn("blue", result["keywords"])
        self.assertIn("white", result["keywords"])
        self.assertIn("high-contrast", result["keywords"])
        self.assertNotIn("meme", result["keywords"])

    def test_brightness_and_colour_words(self):
        dark = embedders.analyze(np.full((64, 48, 3), 15, dtype=np.uint8))
        self.assertEqual(dark["keywords"][:6], ["still", "portrait", "tiny", "dark", "greyscale", "flat"])
        self.assertIn("black", dark["keywords"])
        bright_red = embedders.analyze(np.tile(np.array([[[250, 30, 30]], [[255, 210, 210]]], dtype=np.uint8), (20, 40, 1)))
        self.assertIn("colourful", bright_red["keywords"])
        self.assertIn("red", bright_red["keywords"])

    def test_animation_reports_frames_and_motion(self):
        still = np.stack([synth.photo(3)] * 5)
        self.assertIn("5 frames, no visible motion", embedders.analyze(still)["description"])
        moving = np.stack([np.roll(synth.shapes(3), 12 * i, axis=1) for i in range(5)])
        result = embedders.analyze(moving)
        self.assertRegex(result["description"], r"^Animated 160x120 landscape image \(5 frames, (gentle|lively) motion\)")
        self.assertIn("animated", result["keywords"])

    def test_meme_words(self):
        result = embedders.analyze(synth.meme(synth.photo(0)))
        self.assertIn("caption bands at the top and bottom (meme)", result["description"])
        self.assertIn("meme", result["keywords"])
        self.assertIn("caption", result["keywords"])

    def test_paths(self):
        image = synth.meme(synth.photo(0))
        with tempfile.TemporaryDirectory() as folder:
            png = os.path.join(folder, "meme.png")
            bmp = os.path.join(folder, "meme.bmp")
            with open(png, "wb") as file:
                file.write(synth.png_bytes(image))
            with open(bmp, "wb") as file:
                file.write(synth.bmp_bytes(image))
            self.assertEqual(embedders.analyze(png), embedders.analyze(image))
            self.assertEqual(embedders.analyze(bmp), embedders.analyze(image))

    def test_bad_input_is_rejected_clearly(self):
        with self.assertRaisesRegex(ValueError, r"\[height, width, 3\]"):
            embedders.analyze(np.zeros((10, 10), dtype=np.uint8))
        with self.assertRaisesRegex(TypeError, "uint8"):
            embedders.analyze(np.zeros((10, 10, 3), dtype=np.float64))


if __name__ == "__main__":
    unittest.main()
