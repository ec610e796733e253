"""A small multi-layer perceptron in numpy, for interpreters without scikit-learn. It has the attributes
of scikit-learn's MLPClassifier that scoring uses (coefs_, intercepts_, classes_, predict_proba), and the
same arithmetic: ReLU hidden layers, softmax output."""

import numpy as np


def _softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class NumpyMLP:
    def __init__(self, hidden=64, epochs=150, batch_size=128, learning_rate=0.01, alpha=1e-4, seed=0):
        self.hidden = hidden
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.alpha = alpha
        self.seed = seed

    def fit(self, X, y):
        rng = np.random.RandomState(self.seed)
        self.classes_ = np.unique(y)
        sizes = [X.shape[1], self.hidden, len(self.classes_)]
        self.coefs_, self.intercepts_ = [], []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            bound = np.sqrt(6.0 / (fan_in + fan_out))   # Glorot, as scikit-learn initializes
            self.coefs_.append(rng.uniform(-bound, bound, (fan_in, fan_out)))
            self.intercepts_.append(rng.uniform(-bound, bound, fan_out))
        targets = (y[:, None] == self.classes_[None, :]).astype(np.float64)
        params = self.coefs_ + self.intercepts_
        moments = [np.zeros_like(p) for p in params]
        squares = [np.zeros_like(p) for p in params]
        step = 0
        for _ in range(self.epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), self.batch_size):
                rows = order[start:start + self.batch_size]
                grads = self._gradients(X[rows], targets[rows])
                step += 1
                for p, g, m, v in zip(params, grads, moments, squares):
                    m *= 0.9
                    m += 0.1 * g
                    v *= 0.999
                    v += 0.001 * g * g
                    p -= self.learning_rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        return self

    def _gradients(self, X, T):
        h = np.maximum(X @ self.coefs_[0] + self.intercepts_[0], 0)
        p = _softmax(h @ self.coefs_[1] + self.intercepts_[1])
        n = len(X)
        d_out = (p - T) / n
        d_hidden = (d_out @ self.coefs_[1].T) * (h > 0)
        return [X.T @ d_hidden + self.alpha * self.coefs_[0] / n, h.T @ d_out + self.alpha * self.coefs_[1] / n,
                d_hidden.sum(axis=0), d_out.sum(axis=0)]

    def predict_proba(self, X):
        activation = X
        for W, b in zip(self.coefs_[:-1], self.intercepts_[:-1]):
            activation = np.maximum(activation @ W + b, 0)
        return _softmax(activation @ self.coefs_[-1] + self.intercepts_[-1])

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]
