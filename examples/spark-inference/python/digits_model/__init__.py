"""A handwritten-digit classifier for examples/spark-inference: trained once (on the Spark driver),
pickled, shipped to every executor and scored there batch by batch, in the executor's own JVM.

scikit-learn's MLPClassifier on its bundled digits dataset where scikit-learn imports; otherwise a numpy
MLP of the same shape on synthetic digits. Either way the model is a ReLU MLP (64 -> 64 -> 10) whose
weights ``weights(model)`` hands to Java, so a pure-Java UDF can do the same arithmetic for comparison.
"""

import pickle
import time
import warnings

import numpy as np

from .glyphs import synthetic_digits
from .mlp import NumpyMLP

__all__ = ["dataset", "train", "dumps", "loads", "describe", "weights", "predict", "score_batch",
           "score_batch_timed"]

PIXEL_SCALE = 16.0


def _sklearn():
    try:
        import sklearn.datasets
        import sklearn.neural_network
    except ImportError:
        return None
    return sklearn


def dataset(seed=0):
    """(name, train_pixels, train_labels, test_pixels, test_labels); pixels uint8 (n, 64) in 0..16."""
    sklearn = _sklearn()
    if sklearn is not None:
        digits = sklearn.datasets.load_digits()
        pixels, labels, name = digits.data, digits.target.astype(np.int64), "scikit-learn digits"
    else:
        pixels, labels = synthetic_digits(1800, seed)
        name = "synthetic digits"
    order = np.random.RandomState(seed).permutation(len(labels))
    cut = int(len(labels) * 0.75)
    train_rows, test_rows = order[:cut], order[cut:]
    pixels = pixels.astype(np.uint8)
    return name, pixels[train_rows], labels[train_rows], pixels[test_rows], labels[test_rows]


def train(seed=0):
    """A fitted classifier: scikit-learn's MLPClassifier where it imports, else NumpyMLP."""
    _, pixels, labels, _, _ = dataset(seed)
    features = pixels / PIXEL_SCALE
    sklearn = _sklearn()
    if sklearn is not None:
        model = sklearn.neural_network.MLPClassifier(hidden_layer_sizes=(64,), max_iter=300, random_state=seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # ConvergenceWarning at max_iter says nothing useful here
            return model.fit(features, labels)
    return NumpyMLP(hidden=64, seed=seed).fit(features, labels)


def describe(model):
    return f"{type(model).__module__.split('.')[0]} {type(model).__name__}"


def dumps(model):
    return pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)


def loads(payload):
    return pickle.loads(bytes(payload))


def weights(model):
    """[W1, b1, W2, b2] as float64 arrays, and the class labels, for the Java UDF."""
    if len(model.coefs_) != 2:
        raise ValueError("the Java UDF mirrors one hidden layer")
    out = []
    for W, b in zip(model.coefs_, model.intercepts_):
        out += [np.ascontiguousarray(W, dtype=np.float64), np.ascontiguousarray(b, dtype=np.float64)]
    return out + [np.asarray(model.classes_, dtype=np.int64)]


def predict(model, pixels):
    """(labels int64, confidence float64) for uint8 pixels (n, 64): the model's own predict_proba."""
    probabilities = model.predict_proba(np.asarray(pixels, dtype=np.float64) / PIXEL_SCALE)
    best = probabilities.argmax(axis=1)
    return np.asarray(model.classes_, dtype=np.int64)[best], probabilities[np.arange(len(best)), best]


def _pixels(batch):
    """The (n, 64) uint8 pixels of a record batch: a pybridge_arrow.Batch (in place) or a pyarrow one."""
    if hasattr(batch, "raw_buffers"):   # pybridge_arrow.Batch: a fixed-size list column reads as 2-D
        return np.asarray(batch["pixels"])
    column = batch.column("pixels")     # pyarrow.RecordBatch: a FixedSizeListArray
    return column.flatten().to_numpy().reshape(len(column), column.type.list_size)


def score_batch(model, batch):
    """The scores of a record batch with a ``pixels`` column (64 uint8 per row): label and confidence."""
    labels, confidence = predict(model, _pixels(batch))
    return {"label": labels, "confidence": confidence}


def score_batch_timed(model, batch):
    """``score_batch`` and the nanoseconds its Python work took (to separate the bridge's share)."""
    start = time.perf_counter_ns()
    scores = score_batch(model, batch)
    return scores, time.perf_counter_ns() - start
