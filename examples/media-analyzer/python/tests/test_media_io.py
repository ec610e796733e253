import os
import struct
import tempfile
import unittest
import zlib

import numpy as np

from embedders import media_io
from embedders.media_io import MediaFormatError, bmp, gif, png, sniff, wav
from tests import synth

PALETTE = np.array([[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]], dtype=np.uint8)
RED, GREEN, BLUE, WHITE = (PALETTE[i].tolist() for i in range(4))


class WavTest(unittest.TestCase):
    def setUp(self):
        self.channels = np.random.default_rng(0).uniform(-1, 1, (1000, 2))
        self.mono = self.channels.mean(axis=1)

    def test_every_encoding_reads_back_mixed_to_mono(self):
        tolerance = {"pcm8": 1 / 128, "pcm16": 1 / 32768, "pcm24": 1e-6, "pcm32": 1e-6, "float32": 1e-6, "float64": 1e-6}
        for encoding, limit in tolerance.items():
            with self.subTest(encoding):
                samples, rate = wav.decode(synth.wav_bytes(self.channels, 22050, encoding))
                self.assertEqual(rate, 22050)
                self.assertEqual(samples.dtype, np.float32)
                self.assertEqual(samples.shape, (1000,))
                self.assertLessEqual(np.abs(samples - self.mono).max(), limit)

    def test_extremes_of_24_bit(self):
        extremes = np.array([[-1.0], [1.0 - 2.0**-23], [0.0]])
        samples, _ = wav.decode(synth.wav_bytes(extremes, 8000, "pcm24"))
        np.testing.assert_allclose(samples, extremes[:, 0], atol=1e-7)

    def test_corrupt_files_say_what_is_wrong(self):
        good = synth.wav_bytes(self.channels, 22050, "pcm16")
        cases = {
            "not a RIFF WAVE": b"RIFX" + good[4:],
            "truncated": good[:-100],
            "no 'data' chunk": good[:36],
            "encoding 0x0002": good[:20] + struct.pack("<H", 2) + good[22:],
            "12-bit PCM": good[:34] + struct.pack("<H", 12) + good[36:],
            "0 channels": good[:22] + struct.pack("<H", 0) + good[24:],
        }
        for reason, data in cases.items():
            with self.subTest(reason):
                with self.assertRaisesRegex(MediaFormatError, reason):
                    wav.decode(data, "x.wav")


class PngTest(unittest.TestCase):
    def test_every_filter_type_round_trips(self):
        image = synth.photo(1, 37, 53)
        for kind in range(5):
            with self.subTest(filter=kind):
                self.assertTrue(np.array_equal(png.decode(synth.png_bytes(image, filters=(kind,))), image))

    def test_bad_crc_and_truncation(self):
        data = bytearray(synth.png_bytes(synth.photo(1, 20, 20)))
        with self.assertRaisesRegex(MediaFormatError, "truncated"):
            png.decode(bytes(data[:-30]), "x.png")
        data[40] ^= 0xFF
        with self.assertRaisesRegex(MediaFormatError, "CRC"):
            png.decode(bytes(data), "x.png")

    def test_palette_with_transparency_is_composited_over_white(self):
        def chunk(kind, body):
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

        indices = np.array([[0, 1], [2, 3]], dtype=np.uint8)
        raw = b"".join(b"\x00" + bytes(row) for row in indices)
        data = (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 3, 0, 0, 0))
            + chunk(b"PLTE", bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0]))
            + chunk(b"tRNS", bytes([255, 255, 255, 0]))
            + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b"")
        )
        np.testing.assert_array_equal(png.decode(data), [[RED, GREEN], [BLUE, WHITE]])


class BmpTest(unittest.TestCase):
    def test_odd_width_rows_are_padded(self):
        image = synth.photo(2, 9, 7)
        self.assertTrue(np.array_equal(bmp.decode(synth.bmp_bytes(image)), image))

    def test_truncated(self):
        with self.assertRaisesRegex(MediaFormatError, "truncated"):
            bmp.decode(synth.bmp_bytes(synth.photo(2, 9, 7))[:-10], "x.bmp")


class GifTest(unittest.TestCase):
    def frames(self, *frames):
        return gif.decode(synth.gif_bytes(8, 6, PALETTE, frames))

    def test_disposal_methods_and_transparency(self):
        background = (np.zeros((6, 8), dtype=np.uint8), 0, 0, 1, None)  # red, kept
        square = np.full((2, 2), 2, dtype=np.uint8)  # blue
        square[0, 0] = 3  # transparent below
        frames = self.frames(
            background,
            (square, 1, 1, 2, 3),  # drawn, then cleared to transparent
            (np.full((1, 1), 1, dtype=np.uint8), 6, 4, 3, None),  # green, then restored
            (np.full((1, 1), 2, dtype=np.uint8), 0, 0, 0, None),
        )
        self.assertEqual(frames.shape, (4, 6, 8, 3))
        self.assertTrue((frames[0] == RED).all())
        self.assertEqual(frames[1, 1, 1].tolist(), RED)  # transparent pixel shows what was under it
        self.assertEqual(frames[1, 2, 2].tolist(), BLUE)
        self.assertEqual(frames[2, 2, 2].tolist(), WHITE)  # disposal 2 left a transparent hole
        self.assertEqual(frames[2, 4, 6].tolist(), GREEN)
        self.assertEqual(frames[3, 4, 6].tolist(), RED)  # disposal 3 restored the previous screen
        self.assertEqual(frames[3, 2, 2].tolist(), WHITE)
        self.assertEqual(frames[3, 0, 0].tolist(), BLUE)

    def test_frame_overhanging_the_screen_is_clipped(self):
        frames = self.frames((np.full((4, 4), 1, dtype=np.uint8), 6, 4, 0, None))
        self.assertEqual(frames.shape, (1, 6, 8, 3))
        self.assertEqual(frames[0, 5, 7].tolist(), GREEN)
        self.assertEqual(frames[0, 0, 0].tolist(), WHITE)

    def test_large_frame_uses_wider_lzw_codes(self):
        palette = np.stack([np.arange(256)] * 3, axis=1).astype(np.uint8)
        indices = (np.arange(64 * 80) % 251).astype(np.uint8).reshape(64, 80)
        frames = gif.decode(synth.gif_bytes(80, 64, palette, [(indices, 0, 0, 0, None)]))
        self.assertTrue(np.array_equal(frames[0, :, :, 0], indices))

    def test_corrupt(self):
        data = synth.gif_bytes(8, 6, PALETTE, [(np.zeros((6, 8), dtype=np.uint8), 0, 0, 0, None)])
        with self.assertRaisesRegex(MediaFormatError, "truncated"):
            gif.decode(data[:40], "x.gif")
        self.assertEqual(gif.decode(data[:-1]).shape, (1, 6, 8, 3))  # only the trailer byte missing
        with self.assertRaisesRegex(MediaFormatError, "no frames"):
            gif.decode(data[:13 + 12] + b"\x3b", "x.gif")


class SniffAndPathsTest(unittest.TestCase):
    def test_kind_comes_from_content_not_name(self):
        self.assertEqual(sniff(synth.png_bytes(synth.photo(0, 4, 4))), "png")
        self.assertEqual(sniff(b"GIF89a...."), "gif")
        self.assertEqual(sniff(b"\xff\xd8\xff\xe0"), "jpeg")
        self.assertEqual(sniff(synth.bmp_bytes(synth.photo(0, 4, 4))), "bmp")
        self.assertEqual(sniff(synth.wav_bytes(np.zeros((4, 1)), 8000, "pcm16")), "wav")
        self.assertEqual(sniff(b""), "empty")
        self.assertEqual(sniff(b"hello"), "unknown")
        with tempfile.TemporaryDirectory() as folder:
            disguised = os.path.join(folder, "song.wav")
            with open(disguised, "wb") as file:
                file.write(synth.png_bytes(synth.photo(0, 4, 4)))
            self.assertEqual(media_io.read_image(disguised).shape, (4, 4, 3))
            with self.assertRaisesRegex(MediaFormatError, "song.wav: expected a WAV file, found png"):
                media_io.read_audio(disguised)
            jpeg = os.path.join(folder, "photo.jpg")
            with open(jpeg, "wb") as file:
                file.write(b"\xff\xd8\xff\xe0" + bytes(20))
            with self.assertRaisesRegex(MediaFormatError, "JPEG"):
                media_io.read_image(jpeg)
            with self.assertRaisesRegex(MediaFormatError, "cannot be read"):
                media_io.read_frames(os.path.join(folder, "missing.gif"))

    def test_still_image_is_a_one_frame_clip_and_gif_first_frame_is_an_image(self):
        with tempfile.TemporaryDirectory() as folder:
            still = os.path.join(folder, "a.png")
            with open(still, "wb") as file:
                file.write(synth.png_bytes(synth.photo(0, 5, 6)))
            self.assertEqual(media_io.read_frames(still).shape, (1, 5, 6, 3))
            animated = os.path.join(folder, "b.gif")
            frames = [(np.full((6, 8), i, dtype=np.uint8), 0, 0, 0, None) for i in range(3)]
            with open(animated, "wb") as file:
                file.write(synth.gif_bytes(8, 6, PALETTE, frames))
            self.assertTrue((media_io.read_image(animated) == RED).all())
            self.assertEqual(media_io.read_frames(animated).shape, (3, 6, 8, 3))


if __name__ == "__main__":
    unittest.main()
