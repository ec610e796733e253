from __future__ import annotations

import os


class MediaFormatError(ValueError):
    """A media file that cannot be read: missing, truncated, corrupt or of an unsupported kind."""

    def __init__(self, path, reason: str) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)
