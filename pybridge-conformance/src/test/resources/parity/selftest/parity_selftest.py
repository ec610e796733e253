"""Tests of the parity harness itself: one of each outcome, and one that fails only off the main thread."""
import threading
import unittest


class SelfTest(unittest.TestCase):
    def test_passes_everywhere(self):
        self.assertEqual(2, 1 + 1)

    def test_fails_only_embedded(self):
        # Embedded, the driver runs on a Java thread, never on Python's main thread.
        self.assertIs(threading.current_thread(), threading.main_thread())

    def test_fails_everywhere(self):
        self.fail("fails on both sides")

    @unittest.skip("skipped on both sides")
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.fail("expected")

    def test_subtest_fails_only_embedded(self):
        for n in range(3):
            with self.subTest(n=n):
                if n == 2:
                    self.assertIs(threading.current_thread(), threading.main_thread())
