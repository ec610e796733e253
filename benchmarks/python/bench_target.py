"""The Python side of every benchmark: the C API baseline and the JMH benchmarks call these same functions.

Keep the functions trivial: the benchmarks measure the cost of crossing between languages, not Python work.
numpy is imported only by the functions that need it, so the module imports on interpreters without numpy.
"""


def noop():
    return None


def add(a, b):
    return a + b


def pair(a, b):
    return a, b


def echo(x):
    return x


def make_dict():
    """Ten keys, str -> int / float / str, the shape of a typical small result record."""
    return {
        "id": 42,
        "count": 7,
        "offset": -3,
        "year": 2025,
        "score": 0.875,
        "ratio": 1.5,
        "mean": -2.25,
        "name": "pybridge",
        "label": "meme",
        "lang": "en",
    }


def raise_value_error():
    raise ValueError("bad value: 42")


def make_array(n):
    """A numpy float32 array of n elements (0, 1, 2, ... cast to float32)."""
    import numpy

    return numpy.arange(n, dtype=numpy.float32)


def sum_array(a):
    """Sum of a float32 array, accumulated in float64."""
    import numpy

    return float(numpy.sum(a, dtype=numpy.float64))


# What FirstUseMain calls once and again: the kinds of argument and result the reference application passes.
def shape_text(a):
    """The shape of an array as text, e.g. "12x64x64x3"."""
    return "x".join(str(n) for n in a.shape)


def head(a, n):
    """The first n elements of an array, flattened, as a new float32 array."""
    import numpy

    return numpy.asarray(a, dtype=numpy.float32).reshape(-1)[:n].copy()


def describe(a):
    """A small record-shaped dict about an array."""
    return {"description": f"{a.ndim}-d array of {a.size} elements", "keywords": [str(a.dtype), "array"],
            "is_meme": False}


def words():
    return ["alpha", "beta", "gamma"]


def count_all(arrays):
    """The elements of every array in a list."""
    return sum(a.size for a in arrays)
