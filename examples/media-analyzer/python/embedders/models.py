"""The embedders' models: built by load_all_models(), dropped by unload_all_models().

The numpy backend's "models" are fixed tables (the note table, the DCT basis); the torch
backend adds a fixed-seed conv net. Functions that need them load the default backend on
first use. A call keeps the Models object it started with, so unloading while another thread
is inside a call is safe: that call finishes with its own reference.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from dataclasses import dataclass, field

import numpy as np

from ._progress import Progress
from .image_features import GRID, ImageModel, normalise
from .notes import NoteTable

BACKEND_VARIABLE = "EMBEDDERS_BACKEND"
BACKENDS = ("auto", "numpy", "torch")
CONVNET_WEIGHT = 0.7


@dataclass
class Models:
    backend: str
    device: str
    notes: NoteTable
    image: ImageModel
    convnet: object = None  # convnet.ConvNet when backend == "torch"
    names: list = field(default_factory=list)

    @property
    def image_dim(self) -> int:
        return self.image.dim + (self.convnet.dim if self.convnet is not None else 0)

    def embed(self, images, progress: Progress) -> tuple[np.ndarray, np.ndarray]:
        """(unit vectors float64 [n, image_dim], the images area-averaged to float64 [n, 32, 32, 3])."""
        vectors, grids = [], []
        for done, image in enumerate(images, start=1):
            vector, small = self.image.features(image)
            vectors.append(vector)
            grids.append(small)
            progress.report(done, len(images), "image features")
        vectors = np.array(vectors).reshape(len(images), self.image.dim)
        grids = np.array(grids).reshape(len(images), GRID, GRID, 3)
        if self.convnet is not None and len(images):
            learned = self.convnet.features(images)
            vectors = np.stack([normalise(np.concatenate([v, CONVNET_WEIGHT * c])) for v, c in zip(vectors, learned)])
        return vectors, grids

    def report(self) -> dict:
        from .video import video_dim

        parameters = {"note_table": self.notes.size, "dct_basis": self.image.parameter_count}
        if self.convnet is not None:
            parameters["convnet"] = self.convnet.parameter_count
        return {
            "backend": self.backend,
            "device": self.device,
            "models": parameters,
            "image_embedding_dim": self.image_dim,
            "video_embedding_dim": video_dim(self.image_dim),
        }


_lock = threading.Lock()
_loaded: Models | None = None


def resolve_backend(requested) -> str:
    name = requested if requested is not None else os.environ.get(BACKEND_VARIABLE, "auto")
    if name not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, got {name!r}")
    torch_present = importlib.util.find_spec("torch") is not None
    if name == "torch" and not torch_present:
        raise ImportError("the 'torch' backend was requested but torch is not importable; use 'numpy' or install torch")
    if name == "auto":
        return "torch" if torch_present else "numpy"
    return name


def load(progress: Progress, backend=None) -> Models:
    global _loaded
    name = resolve_backend(backend)
    with _lock:
        if _loaded is not None and _loaded.backend == name:
            progress.report(1, 1, "already loaded")
            return _loaded
        total = 4 if name == "torch" else 2
        notes = NoteTable()
        progress.report(1, total, "note table")
        image = ImageModel()
        progress.report(2, total, "DCT basis")
        convnet, device = None, "cpu"
        if name == "torch":
            from . import convnet as convnet_module  # imports torch: seconds

            device = convnet_module.best_device()
            progress.report(3, total, f"torch imported, device {device}")
            convnet = convnet_module.ConvNet(device)
            progress.report(4, total, "conv net")
        names = ["note_table", "dct_basis"] + (["convnet"] if convnet is not None else [])
        previous, _loaded = _loaded, Models(name, device, notes, image, convnet, names)
        had_convnet = previous is not None and previous.convnet is not None
        del previous
        _release_memory(had_convnet)
        return _loaded


def current() -> Models:
    """The loaded models, loading the default backend first if none are."""
    models = _loaded
    return models if models is not None else load(Progress())


def unload() -> list[str]:
    global _loaded
    with _lock:
        if _loaded is None:
            return []
        previous, _loaded = _loaded, None
        names, had_convnet = list(previous.names), previous.convnet is not None
        del previous
        _release_memory(had_convnet)
        return names


def _release_memory(had_convnet: bool) -> None:
    """Frees what the dropped models held, once no call in flight still uses them.

    The models are not torn down here: a call on another thread may still be using them, and
    they go when its reference does. Only the allocator cache is handed back.
    """
    if had_convnet:
        from . import convnet as convnet_module

        convnet_module.release_cached_memory()
