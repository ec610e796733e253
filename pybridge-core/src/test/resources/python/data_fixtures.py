"""Python side of the data-path tests: functions that bound interfaces and conversions call."""
import threading
from dataclasses import dataclass, field
from types import SimpleNamespace


def analyze(path):
    return {"description": f"a video at {path}", "keywords": ["cat", "funny"], "is_meme": path.endswith(".gif")}


def analyze_minimal(path):
    return {"description": "only a description"}


def analyze_wrong_keyword(path):
    return {"description": "x", "keywords": ["a", "b", "c", 4], "is_meme": False}


def embed_video(path):
    import numpy as np
    return np.linspace(0.0, 1.0, 8, dtype=np.float32)


def embed_images(paths):
    import numpy as np
    return np.array([float(len(p)) for p in paths], dtype=np.float32)


def count_words(text, separator=" "):
    return len(text.split(separator))


def describe(value):
    return repr(value)


def scale(values, factor):
    return [v * factor for v in values]


def fail(message):
    raise ValueError(message)


def nothing():
    return None


def apply(function, *args):
    return function(*args)


def apply_and_catch(function, *args):
    try:
        function(*args)
    except Exception as e:
        return f"caught {type(e).__name__}: {e}"
    return "no exception"


def apply_in_thread(function, *args):
    result = {}

    def run():
        try:
            result["value"] = function(*args)
        except BaseException as e:
            result["error"] = e

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def call_many_times_in_threads(function, threads, calls):
    def run():
        for i in range(calls):
            function(i)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


@dataclass
class Frame:
    index: int
    label: str
    score: float = 0.0


@dataclass
class Scene:
    title: str
    frames: list = field(default_factory=list)


def scene():
    return Scene("intro", [Frame(0, "dark"), Frame(1, "light", 0.5)])


def namespace(**values):
    return SimpleNamespace(**values)


not_a_function = 42
