"""The Python side of the concurrency benchmarks (ConcurrencyBenchmark, InterpreterPoolBenchmark).

Importable in an isolated sub-interpreter: numpy is imported only by the functions that need it.
"""


def add(a, b):
    return a + b


def count_to(n):
    """Pure-Python CPU work that holds the GIL (about 30 ns per step)."""
    total = 0
    for i in range(n):
        total += i
    return total


def fib(n):
    """Pure-Python CPU work: recursive Fibonacci."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def float64_array(n):
    import numpy

    return numpy.linspace(0.0, 1.0, n)


def sin_into(a, out):
    """numpy work that releases the GIL: an element-wise sine over the whole array, single-threaded."""
    import numpy

    numpy.sin(a, out=out)
    return None


def sleep(seconds):
    import time

    time.sleep(seconds)
