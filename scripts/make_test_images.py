#!/usr/bin/python3
"""Makes the small images in test-images/ from ../shared/data (see test-images/README.md).

Photos are downscaled with Lanczos and stored as PNG, so that Java and Python read
identical pixels (JPEG decoders differ). The synthetic image is seeded.
Run from the repository root: /usr/bin/python3 scripts/make_test_images.py
"""
import os
import numpy as np
from PIL import Image

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
OUT = os.path.join(os.path.dirname(__file__), "..", "test-images")


def downscale(name, factor, out_name):
    im = Image.open(os.path.join(SHARED, name)).convert("RGB")
    size = (im.size[0] // factor, im.size[1] // factor)
    im.resize(size, Image.LANCZOS).save(os.path.join(OUT, out_name), optimize=True)


def four_colours(seed=42, width=96, height=64):
    """Four flat colours in random blobs: k = 4 recovers them exactly."""
    rng = np.random.default_rng(seed)
    palette = np.array([[200, 40, 40], [30, 140, 60], [40, 60, 190], [235, 220, 120]], dtype=np.uint8)
    centres = rng.uniform([0, 0], [width, height], size=(12, 2))
    owner = rng.integers(0, 4, size=12)
    owner[:4] = [0, 1, 2, 3]
    yy, xx = np.mgrid[0:height, 0:width]
    d = (xx[..., None] - centres[:, 0]) ** 2 + (yy[..., None] - centres[:, 1]) ** 2
    labels = owner[np.argmin(d, axis=2)]
    Image.fromarray(palette[labels]).save(os.path.join(OUT, "four-colours.png"), optimize=True)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    downscale("china.jpg", 3, "china-213x142.png")
    downscale("flower.jpg", 3, "flower-213x142.png")
    downscale("ihc.png", 3, "ihc-170x170.png")
    four_colours()
