"""The richer embedder used where PyTorch is importable: a small fixed-seed convolutional net.

Its weights are drawn once from a fixed seed (He initialisation), so the features are the same
on every run and machine; random convolutional features keep the local texture and shape
information that the DCT block summarises only coarsely. It runs on the GPU when there is one.
This module imports torch, so it is imported only when that backend is chosen.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from .resize import downscale

INPUT_SIZE = 64
CHANNELS = (3, 16, 32, 64)
SEED = 20240607
_BATCH = 64


class ConvNet:
    def __init__(self, device: str) -> None:
        generator = torch.Generator().manual_seed(SEED)
        self.device = torch.device(device)
        self.weights = []
        for fan_in, fan_out in zip(CHANNELS[:-1], CHANNELS[1:]):
            weight = torch.randn(fan_out, fan_in, 3, 3, generator=generator) * np.sqrt(2.0 / (fan_in * 9))
            self.weights.append(weight.to(self.device))
        self.dim = 2 * CHANNELS[-1]

    @property
    def parameter_count(self) -> int:
        return int(sum(w.numel() for w in self.weights))

    def features(self, images: list[np.ndarray]) -> np.ndarray:
        """float64 [n, dim]: mean- and max-pooled activations, L2-normalised per image."""
        out = []
        for start in range(0, len(images), _BATCH):
            batch = np.stack([downscale(image, INPUT_SIZE, INPUT_SIZE) for image in images[start : start + _BATCH]])
            with torch.inference_mode():
                x = torch.from_numpy((batch / 255.0 - 0.5).astype(np.float32)).permute(0, 3, 1, 2).to(self.device)
                for weight in self.weights:
                    x = F.relu(F.conv2d(x, weight, stride=2, padding=1))
                pooled = torch.cat([x.mean(dim=(2, 3)), x.amax(dim=(2, 3))], dim=1)
                pooled = F.normalize(pooled, dim=1)
                out.append(pooled.to("cpu").numpy().astype(np.float64))
        return np.concatenate(out) if out else np.zeros((0, self.dim))



def best_device() -> str:
    return "cuda" if torch.cuda.is_available() else "cpu"


def release_cached_memory() -> None:
    """Hands the CUDA caching allocator's unused blocks back to the driver (nvidia-smi shows it)."""
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
