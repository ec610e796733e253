"""Python side of benchmarks/iteration.sh: the generator both sides read, and the Python for loop baseline."""
import time


def numbers(n):
    for i in range(n):
        yield i


def for_loop_seconds(n):
    """The baseline: a Python for loop over the same generator, timed in Python."""
    start = time.perf_counter()
    for _ in numbers(n):
        pass
    return time.perf_counter() - start


def consume_seconds(iterator):
    """A Python for loop over a Java iterator passed in."""
    start = time.perf_counter()
    for _ in iterator:
        pass
    return time.perf_counter() - start
