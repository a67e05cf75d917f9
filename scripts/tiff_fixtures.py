#!/usr/bin/python3
"""Writes the TIFF test files of src/test/resources/tiff/, for the tile reader (io/TiledTiff).

Each file holds a 100 x 70 crop (x 20..119, y 40..109) of test-images/ihc-170x170.png, or values built
from the pixel position, in one of the layouts real TIFF writers produce: tiled and striped, TIFF and
BigTIFF, little- and big-endian, chunky and planar, uncompressed, Deflate, LZW and PackBits, with and
without the horizontal predictor. tifffile (2023.2.3) writes the tiled, BigTIFF, planar and predictor
files; Pillow with libtiff writes the LZW, PackBits and Deflate strips, as most desktop software does.
Tiles of 32 x 32 do not divide the crop, so edge tiles are padded as in real files.

Expected values are not stored, except for JPEG: the Java test reads the PNG itself, and recomputes the
position-built values of the grey and multichannel files from the formulas below. JPEG is lossy, so each
JPEG file comes with jpeg-*.tif.png, its pixels as libjpeg decodes them (through Pillow). The JPEG files:
strips written by Pillow/libtiff (photometric RGB), and tiles of 32 x 32 converted by libtiff's tiffcp
from rgb-tiled-none.tif, as YCbCr with 2 x 2 chroma subsampling (tiffcp's default, and what whole-slide
scanners write) and as RGB; the tiled ones are skipped with a message when tiffcp is not installed
(apt-get install libtiff-tools).

Run: /usr/bin/python3 scripts/tiff_fixtures.py   (from the repository root)
"""
import os
import shutil
import subprocess

import numpy as np
import tifffile
from PIL import Image

OUT = "src/test/resources/tiff"


def grey16(height, width):
    """16-bit values from the position: (x * 997 + y * 131) mod 65536."""
    y, x = np.mgrid[0:height, 0:width]
    return ((x * 997 + y * 131) % 65536).astype(np.uint16)


def channels(height, width, n):
    """8-bit values of channel c: (x * 7 + y * 3 + c * 50) mod 256."""
    y, x = np.mgrid[0:height, 0:width]
    return np.stack([((x * 7 + y * 3 + c * 50) % 256).astype(np.uint8) for c in range(n)], axis=-1)


def pages16(height, width, n):
    """16-bit page p: (x * 997 + y * 131 + p * 4099) mod 65536."""
    y, x = np.mgrid[0:height, 0:width]
    return np.stack([((x * 997 + y * 131 + p * 4099) % 65536).astype(np.uint16) for p in range(n)])


def stacks(t, h, w):
    """Multi-page files (one image file directory a page): tiled Deflate BigTIFF, 16-bit, 9 pages; and
    8-bit strips with the predictor, 7 pages of channels() values (page p as channel p)."""
    tifffile.imwrite(t("pages16-tiled-bigtiff-deflate.tif"), pages16(h, w, 9), bigtiff=True, tile=(32, 32), compression="zlib", photometric="minisblack")
    tifffile.imwrite(t("pages8-strips-predictor.tif"), np.moveaxis(channels(h, w, 7), 2, 0), predictor=True, compression="zlib", rowsperstrip=6, photometric="minisblack")


def main():
    os.makedirs(OUT, exist_ok=True)
    rgb = np.asarray(Image.open("test-images/ihc-170x170.png").convert("RGB"))[40:110, 20:120]
    assert rgb.shape == (70, 100, 3)
    h, w = rgb.shape[:2]
    t = lambda name: os.path.join(OUT, name)
    tifffile.imwrite(t("rgb-tiled-bigtiff-deflate.tif"), rgb, bigtiff=True, tile=(32, 32), compression="zlib", photometric="rgb")
    tifffile.imwrite(t("rgb-tiled-none.tif"), rgb, tile=(32, 32), photometric="rgb")
    tifffile.imwrite(t("rgb-tiled-bigendian-deflate.tif"), rgb, byteorder=">", tile=(32, 32), compression="zlib", photometric="rgb")
    tifffile.imwrite(t("rgb-tiled-planar-deflate.tif"), np.moveaxis(rgb, 2, 0), photometric="rgb", planarconfig="separate", tile=(32, 32), compression="zlib")
    tifffile.imwrite(t("rgb-strips-predictor-deflate.tif"), rgb, predictor=True, compression="zlib", photometric="rgb", rowsperstrip=16)
    tifffile.imwrite(t("rgb-strips-none.tif"), rgb, photometric="rgb", rowsperstrip=9)
    image = Image.fromarray(rgb)
    image.save(t("rgb-strips-lzw.tif"), compression="tiff_lzw")
    image.save(t("rgb-strips-packbits.tif"), compression="packbits")
    image.save(t("rgb-strips-adobe-deflate.tif"), compression="tiff_adobe_deflate")
    tifffile.imwrite(t("grey16-strips-bigendian-predictor.tif"), grey16(h, w), byteorder=">", predictor=True, compression="zlib", rowsperstrip=7)
    tifffile.imwrite(t("grey16-tiled-bigtiff.tif"), grey16(h, w), bigtiff=True, tile=(32, 32))
    tifffile.imwrite(t("channels4-tiled-deflate.tif"), channels(h, w, 4), tile=(32, 32), photometric="minisblack", planarconfig="contig", extrasamples=[0, 0, 0], compression="zlib")
    tifffile.imwrite(t("channels3-planar-strips.tif"), np.moveaxis(channels(h, w, 3), 2, 0), photometric="minisblack", planarconfig="separate", rowsperstrip=20)
    stacks(t, h, w)
    image.save(t("jpeg-strips-rgb.tif"), compression="jpeg", quality=90)
    if shutil.which("tiffcp"):
        subprocess.run(["tiffcp", "-c", "jpeg:90", "-t", "-w", "32", "-l", "32", t("rgb-tiled-none.tif"), t("jpeg-tiled-ycbcr.tif")], check=True)
        subprocess.run(["tiffcp", "-c", "jpeg:r:90", "-t", "-w", "32", "-l", "32", t("rgb-tiled-none.tif"), t("jpeg-tiled-rgb.tif")], check=True)
    else:
        print("tiffcp not installed: the tiled JPEG files are not remade")
    for name in sorted(os.listdir(OUT)):
        if name.startswith("jpeg-") and name.endswith(".tif"):
            Image.open(t(name)).convert("RGB").save(t(name + ".png"))
        if name.endswith(".png"):
            continue
        back = np.asarray(Image.open(t(name))) if "lzw" in name or "packbits" in name or "jpeg" in name else tifffile.imread(t(name))
        print(name, back.shape, back.dtype, os.path.getsize(t(name)))


if __name__ == "__main__":
    main()
