"""What the reference application asks of ``embedders``, done by standalone Python on the same files.

Per file, the calls MediaAnalyzer makes: a WAV is transcribed, a still image is embedded and analyzed, an
animated GIF is embedded as a clip and analyzed; files are handed over as paths (numpy reads them; JPEG
cannot be read that way, so JPEG files are left out). Models are loaded once. Prints one line per pass over
the files: the first pass is cold (first calls in a fresh process), the later ones warm.

usage: python3 app_baseline.py FOLDER [PASSES]
   or, embedded: bin/pybridge run --path benchmarks/python --path examples/media-analyzer/python app_baseline:run FOLDER PASSES
"""
import os
import sys
import time

import embedders

CALLS = {
    ".wav": lambda path: [embedders.transcribe(path)],
    ".png": lambda path: [embedders.embed_images([path]), embedders.analyze(path)],
    ".bmp": lambda path: [embedders.embed_images([path]), embedders.analyze(path)],
    ".gif": lambda path: [embedders.embed_video(path), embedders.analyze(path)],
}


def run(folder, passes=2):
    """Loads the models, then times ``passes`` passes over the media files in ``folder``, one line each."""
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder)
                   if os.path.splitext(name)[1].lower() in CALLS)
    embedders.load_all_models()
    for number in range(1, passes + 1):
        begin = time.perf_counter()
        for path in files:
            CALLS[os.path.splitext(path)[1].lower()](path)
        print(f"pass {number}: {len(files)} files in {time.perf_counter() - begin:.3f} s", flush=True)


if __name__ == "__main__":
    run(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2)
