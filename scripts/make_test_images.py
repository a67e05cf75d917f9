#!/usr/bin/python3
"""Makes the small images in test-images/ from ../shared/data (see test-images/README.md).

Photos are downscaled with Lanczos and stored as PNG, so that Java and Python read
identical pixels (JPEG decoders differ). The synthetic image is seeded. The EDS spectrum
image is stored losslessly as a deflate-compressed 16-bit ImageJ TIFF with its calibration.
Run from the repository root: /usr/bin/python3 scripts/make_test_images.py [name ...]
(names: china, flower, ihc, four-colours, eds; none = all)
"""
import json
import os
import sys

import numpy as np
import tifffile
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


def eds():
    """The 30x30x2048 EDS spectrum image as test-images/eds-30x30.tif, exactly the same counts.

    16-bit (the counts are integers <= 969), one page per energy channel (ImageJ reads a compressed
    stack only page by page), deflate level 9 without predictor (smaller here: the counts are noisy):
    1.26 MB, of which 0.9 MB compressed pixels and 0.35 MB page headers. The ImageJ description carries the calibration the way ImageJ
    1.54p reads it (ij.io.FileOpener): `unit` for x and y, `zunit` for the stack axis, `spacing` =
    keV per channel, `zorigin` in channels, so that ImageJ's z of slice index k (0-based) is
    (k - zorigin) * spacing = offset + k * scale keV. XResolution/YResolution give the pixel size.
    """
    stack = tifffile.imread(os.path.join(SHARED, "eds_30x30.tif"))  # (2048, 30, 30) float32 counts
    with open(os.path.join(SHARED, "eds_30x30.json")) as f:
        meta = json.load(f)
    assert stack.shape == (meta["channels"], meta["height"], meta["width"])
    counts = stack.astype(np.float64)
    assert np.all(counts == np.round(counts)) and counts.min() >= 0 and counts.max() <= 65535
    assert int(counts.sum()) == meta["total_counts"]
    energy = meta["energy_axis"]
    pixel = meta["pixel_axes"][0]
    assert pixel["units"] == "\u00b5m" and all(a["scale"] == pixel["scale"] for a in meta["pixel_axes"])
    description = "\n".join([
        "ImageJ=1.54p",
        "images=%d" % stack.shape[0],
        "slices=%d" % stack.shape[0],
        "unit=\\u00B5m",  # escaped as ImageJ's FileSaver writes it; java.util.Properties decodes it
        "zunit=" + energy["units"],
        "spacing=%r" % energy["scale"],
        "loop=false",
        "min=0.0",
        "max=%r" % float(counts.max()),
        "zorigin=%r" % (-energy["offset"] / energy["scale"]),
        "",
    ])
    path = os.path.join(OUT, "eds-30x30.tif")
    resolution = 1.0 / pixel["scale"]
    tifffile.imwrite(path, counts.astype(np.uint16), description=description, metadata=None,
                     resolution=(resolution, resolution), compression="zlib",
                     compressionargs={"level": 9}, software=False)
    back = tifffile.imread(path)
    assert np.array_equal(back.astype(np.float64), counts)


MAKERS = {
    "china": lambda: downscale("china.jpg", 3, "china-213x142.png"),
    "flower": lambda: downscale("flower.jpg", 3, "flower-213x142.png"),
    "ihc": lambda: downscale("ihc.png", 3, "ihc-170x170.png"),
    "four-colours": four_colours,
    "eds": eds,
}


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name in sys.argv[1:] or MAKERS:
        MAKERS[name]()
