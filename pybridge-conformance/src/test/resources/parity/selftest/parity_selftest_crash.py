"""A test that kills its process when embedded (os.abort() off the main thread): the harness must say so."""
import os
import threading
import unittest


class CrashTest(unittest.TestCase):
    def test_passes_first(self):
        pass

    def test_aborts_when_embedded(self):
        if threading.current_thread() is not threading.main_thread():
            os.abort()
