"""Unit tests of embedders; run `python3 -m unittest` in examples/media-analyzer/python.

They use the numpy backend unless EMBEDDERS_BACKEND says otherwise.
"""

import os

os.environ.setdefault("EMBEDDERS_BACKEND", "numpy")
