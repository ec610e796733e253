"""RIFF WAVE: PCM 8/16/24/32-bit integers and IEEE 32/64-bit floats, any channel count."""

from __future__ import annotations

import struct

import numpy as np

from .errors import MediaFormatError

_PCM = 1
_IEEE_FLOAT = 3
_EXTENSIBLE = 0xFFFE
# The placeholder written by streaming encoders that never went back to fill in the size.
_UNKNOWN_SIZE = 0xFFFFFFFF


def decode(data: bytes, path=None) -> tuple[np.ndarray, int]:
    """(mono float32 samples, sample rate); channels are averaged."""
    chunks = _chunks(data, path)
    if b"fmt " not in chunks:
        raise MediaFormatError(path, "WAV has no 'fmt ' chunk")
    if b"data" not in chunks:
        raise MediaFormatError(path, "WAV has no 'data' chunk")
    encoding, channels, rate, bits = _format(chunks[b"fmt "], path)
    payload = chunks[b"data"]
    frame_bytes = channels * bits // 8
    frames = len(payload) // frame_bytes
    raw = payload[: frames * frame_bytes]

    if encoding == _IEEE_FLOAT:
        samples = np.frombuffer(raw, dtype="<f4" if bits == 32 else "<f8").astype(np.float32)
    elif bits == 8:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif bits == 24:
        triples = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        values = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        values = np.where(values >= 1 << 23, values - (1 << 24), values)
        samples = values.astype(np.float32) / float(1 << 23)
    else:
        dtype = "<i2" if bits == 16 else "<i4"
        samples = np.frombuffer(raw, dtype=dtype).astype(np.float32) / float(1 << (bits - 1))
    return samples.reshape(frames, channels).mean(axis=1, dtype=np.float32), rate


def _chunks(data: bytes, path) -> dict[bytes, bytes]:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise MediaFormatError(path, "not a RIFF WAVE file")
    chunks: dict[bytes, bytes] = {}
    position = 12
    while position + 8 <= len(data):
        chunk_id = data[position : position + 4]
        (size,) = struct.unpack_from("<I", data, position + 4)
        body_start = position + 8
        remaining = len(data) - body_start
        if size > remaining:
            if chunk_id == b"data" and size == _UNKNOWN_SIZE:
                size = remaining
            else:
                raise MediaFormatError(path, f"WAV chunk {chunk_id!r} declares {size} bytes but only {remaining} remain (truncated file)")
        chunks.setdefault(chunk_id, data[body_start : body_start + size])
        position = body_start + size + (size & 1)  # chunks are padded to even lengths
    return chunks


def _format(fmt: bytes, path) -> tuple[int, int, int, int]:
    if len(fmt) < 16:
        raise MediaFormatError(path, f"WAV 'fmt ' chunk is {len(fmt)} bytes, needs at least 16")
    encoding, channels, rate, _, block_align, bits = struct.unpack_from("<HHIIHH", fmt)
    if encoding == _EXTENSIBLE:
        if len(fmt) < 40:
            raise MediaFormatError(path, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is shorter than 40 bytes")
        (encoding,) = struct.unpack_from("<H", fmt, 24)  # first two bytes of the sub-format GUID
    if encoding not in (_PCM, _IEEE_FLOAT):
        raise MediaFormatError(path, f"WAV encoding {encoding:#06x} is not supported (only PCM and IEEE float)")
    if channels == 0:
        raise MediaFormatError(path, "WAV declares 0 channels")
    if rate == 0:
        raise MediaFormatError(path, "WAV declares a sample rate of 0")
    supported = (32, 64) if encoding == _IEEE_FLOAT else (8, 16, 24, 32)
    if bits not in supported:
        kind = "float" if encoding == _IEEE_FLOAT else "PCM"
        raise MediaFormatError(path, f"{bits}-bit {kind} WAV is not supported (supported: {supported})")
    if block_align != channels * bits // 8:
        raise MediaFormatError(path, f"WAV block align {block_align} does not match {channels} channels of {bits} bits")
    return encoding, channels, rate, bits
