"""Media kind from a file's first bytes."""

from __future__ import annotations

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"BM", "bmp"),
)


def sniff(data: bytes) -> str:
    """"wav", "png", "gif", "jpeg", "bmp", "empty" or "unknown"."""
    if not data:
        return "empty"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    return "unknown"
