"""Scores images in plain Python, to check what the Spark job computed inside the JVM:

    python -m digits_model MODEL.pickle PIXELS.bin

PIXELS.bin holds 64 bytes (0..16) per image. Prints one line per image: the label, and the confidence as
``float.hex()`` so that it reads back exactly.
"""

import sys

import numpy as np

from . import loads, predict


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[0], "rb") as f:
        model = loads(f.read())
    pixels = np.fromfile(argv[1], dtype=np.uint8).reshape(-1, 64)
    labels, confidence = predict(model, pixels)
    sys.stdout.write("".join(f"{label} {float(c).hex()}\n" for label, c in zip(labels.tolist(), confidence.tolist())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
