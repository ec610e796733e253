"""A test that never ends when embedded: the harness must stop it and name it."""
import threading
import time
import unittest


class HangTest(unittest.TestCase):
    def test_hangs_when_embedded(self):
        while threading.current_thread() is not threading.main_thread():
            time.sleep(1)
