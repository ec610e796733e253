"""The optional progress callback that long functions accept: progress(done, total, message)."""

from __future__ import annotations


class Progress:
    """Forwards progress(done, total, message) to a user callable; does nothing without one.

    Exceptions raised by the callable propagate: a caller that wants to cancel work can raise.
    """

    __slots__ = ("_callback", "_stage")

    def __init__(self, callback=None, stage: str = "") -> None:
        if callback is not None and not callable(callback):
            raise TypeError(f"progress must be a callable progress(done, total, message), got {type(callback).__name__}")
        self._callback = callback
        self._stage = stage

    def report(self, done: int, total: int, message: str) -> None:
        if self._callback is not None:
            text = f"{self._stage}: {message}" if self._stage else message
            self._callback(int(done), int(total), text)

    def stage(self, name: str) -> "Progress":
        """The same callback, its messages prefixed with name."""
        return Progress(self._callback, name)
