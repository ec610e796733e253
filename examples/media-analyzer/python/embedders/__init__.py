"""embedders: the Python side of the PyBridge media analyzer, with numpy alone.

Media arrive decoded, as numpy arrays that may be views of the caller's memory (the Java side
hands its buffers over without copying; they may be read-only and are only valid during the
call): nothing here writes to them or keeps them after returning. Where the original system
passed file paths, a path (str or os.PathLike) is accepted instead, and the file is read with
numpy (WAV, PNG, BMP, GIF; see embedders.media_io).

Everything is deterministic: the same input gives the same output on every run.

    transcribe(samples, sample_rate=None, progress=None) -> str
    embed_images(images, progress=None) -> numpy.ndarray float32 [n, image_dim]
    embed_video(frames, progress=None) -> numpy.ndarray float32 [video_dim]
    analyze(image) -> dict(description=str, keywords=list[str], is_meme=bool)
    load_all_models(progress=None, backend=None) -> dict
    unload_all_models() -> list[str]

progress, where accepted, is called as progress(done: int, total: int, message: str).
With PyTorch importable, the default backend ("auto") adds a fixed-seed conv net to the image
embeddings; the environment variable EMBEDDERS_BACKEND or load_all_models(backend=...) choose
"numpy" or "torch" explicitly.
"""

from __future__ import annotations

import numpy as np

from . import _inputs, models, transcription, video
from ._progress import Progress
from .description import analyze_frames
from .media_io import MediaFormatError
from .pitch import track_pitch

__all__ = [
    "MediaFormatError",
    "analyze",
    "embed_images",
    "embed_video",
    "load_all_models",
    "transcribe",
    "unload_all_models",
]


def transcribe(samples, sample_rate=None, progress=None) -> str:
    """The notes played in mono audio, as names separated by spaces: "A4 C#5 E5".

    samples: float32 or float64 [n] in [-1, 1] with sample_rate (Hz, int), or the path of a
    WAV file (its channels are mixed down; sample_rate must then be left out). Notes are the
    sounding stretches between silences, pitch changes and re-attacks, each named after its
    median pitch (YIN) rounded to the nearest equal-tempered semitone (A4 = 440 Hz); notes
    from E1 to C8 are heard. Silence gives "".
    """
    report = Progress(progress)
    signal, rate = _inputs.audio(samples, sample_rate)
    table = models.current().notes
    if signal.size == 0:
        return ""
    return " ".join(transcription.notes_of(track_pitch(signal, rate, report), table))


def embed_images(images, progress=None) -> np.ndarray:
    """float32 [n, image_dim] unit vectors, one per image, in order.

    images: a list whose items are uint8 [h, w, 3] RGB arrays (sizes may differ) or image
    paths, or one uint8 [n, h, w, 3] array. Cosine similarity is the dot product; a duplicate
    or slightly altered copy (noise, brightness, resizing, re-encoding) is an image's nearest
    neighbour. image_dim is 175 with numpy (see load_all_models()).
    """
    report = Progress(progress)
    pictures = _inputs.images(images)
    vectors, _ = models.current().embed(pictures, report)
    return np.ascontiguousarray(vectors, dtype=np.float32)


def embed_video(frames, progress=None) -> np.ndarray:
    """float32 [video_dim] unit vector of a clip: frames pooled over time plus motion energy.

    frames: uint8 [t, h, w, 3] RGB (an animated GIF's frames), or the path of a GIF (a still
    image is a one-frame clip). video_dim is 2 * image_dim + 20 (370 with numpy).
    """
    report = Progress(progress)
    clip = _inputs.frames(frames)
    vectors, grids = models.current().embed(list(clip), report)
    return video.pool(vectors, grids).astype(np.float32)


def analyze(image) -> dict:
    """dict(description=str, keywords=list[str], is_meme=bool) of an image or a clip.

    image: uint8 [h, w, 3], uint8 [t, h, w, 3] frames (animated when t > 1), or a path. The
    description and keywords come from measured properties (size, orientation, brightness,
    contrast, colourfulness, dominant colours, motion); is_meme is true when a caption band
    (near-uniform, high-contrast, text-like) runs across the top or the bottom.
    """
    return analyze_frames(_inputs.visual(image))


def load_all_models(progress=None, backend=None) -> dict:
    """Builds the models the embedders use and reports them.

    backend: "numpy", "torch" or "auto" (torch when importable); None reads the environment
    variable EMBEDDERS_BACKEND, default "auto". Loading the loaded backend again does nothing.
    Returns dict(backend=str, device=str, models=dict[str, int] (name -> parameter count),
    image_embedding_dim=int, video_embedding_dim=int).
    """
    return models.load(Progress(progress, "load_all_models"), backend).report()


def unload_all_models() -> list[str]:
    """Drops the models (GPU memory included) and returns the names of those dropped; [] if none were loaded.

    The next call that needs them loads the default backend again.
    """
    return models.unload()
