"""The Python side of the crash hunt (CrashHuntTest): objects whose conversions run Python code that
lets the GIL go, recursion through Java, and counters the Java side checks its results against."""
import sys
import threading
import time

_lock = threading.Lock()
_finalized = 0


class Slippery:
    """Each conversion hook lets the GIL go for a moment before answering, so that other threads, and
    closes of the PyObject holding this, run in the middle of the conversion."""

    def __init__(self, n):
        self.n = n

    @staticmethod
    def _pause():
        time.sleep(0.0002)

    def __float__(self):
        self._pause()
        return self.n + 0.5

    def __index__(self):
        self._pause()
        return self.n

    def __len__(self):
        self._pause()
        return 3

    def __iter__(self):
        self._pause()
        return iter([self.n, self.n + 1, self.n + 2])

    @property
    def first(self):
        self._pause()
        return str(self.n)

    @property
    def second(self):
        self._pause()
        return str(self.n + 1)

    def __repr__(self):
        self._pause()
        return 'Slippery(%d)' % self.n

    def __call__(self, x):
        self._pause()
        return self.n + x

    def __del__(self):
        global _finalized
        with _lock:
            _finalized += 1


def make(n):
    return Slippery(n)


def finalized():
    with _lock:
        return _finalized


def descend(java_step, n):
    """n levels of Python -> Java -> Python: java_step(n - 1) calls back into this function."""
    return 0 if n == 0 else 1 + java_step(n - 1)


def checksum(data):
    """A cheap digest of a large bytes-like object, to compare with the Java side's."""
    view = memoryview(data).cast('B')
    step = max(1, len(view) // 4096)
    return (len(view), sum(view[::step]))


def allow_deep_recursion(limit):
    sys.setrecursionlimit(limit)
