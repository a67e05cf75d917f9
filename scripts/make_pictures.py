#!/usr/bin/python3
"""Makes the README pictures in docs/images/ from real outputs of the Pixel Clustering command line.

Colour Quantization pictures are three panels side by side: the original, the quantized image and the
label image (with its LUT), as written by `java -jar target/pixel-clustering-<version>-cli.jar run ...`.
Pixel Agglomeration pictures: the digits example (first digits, the same agglomerated into 32
super-pixels, the super-pixel labels) and colour superpixels of china.jpg (original, agglomerated,
original with the cluster borders).
Run from the repository root after `mvn -B -DskipTests package`:
    /usr/bin/python3 scripts/make_pictures.py
"""
import glob
import os
import subprocess
import sys
import tempfile

import numpy as np
import tifffile

from PIL import Image

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.path.join(ROOT, "..", "shared", "data")
DOCS = os.path.join(ROOT, "docs", "images")

PICTURES = [
    # (output picture, source image, command options, panel width)
    ("colour-quantization.png", "china.jpg", "clusters=16 seed=0", 320),
    ("colour-quantization-ihc.png", "ihc.png", "clusters=4 space=CIELAB seed=0", 240),
]


def cli_jar():
    jars = [j for j in glob.glob(os.path.join(ROOT, "target", "pixel-clustering-*-cli.jar"))]
    if not jars:
        sys.exit("make_pictures: build first with mvn -B -DskipTests package")
    return jars[0]


def panel(path, width, resample=Image.LANCZOS):
    image = Image.open(path).convert("RGB")
    return image.resize((width, round(image.height * width / image.width)), resample)


def side_by_side(panels, gap=4):
    canvas = Image.new("RGB", (sum(p.width for p in panels) + gap * (len(panels) - 1), max(p.height for p in panels)), "white")
    x = 0
    for p in panels:
        canvas.paste(p, (x, 0))
        x += p.width + gap
    return canvas


def main():
    os.makedirs(DOCS, exist_ok=True)
    jar = cli_jar()
    for name, source, options, width in PICTURES:
        src = os.path.join(SHARED, source)
        if not os.path.isfile(src):
            sys.exit("make_pictures: " + src + " not found (the shared data folder next to the repository)")
        with tempfile.TemporaryDirectory() as out:
            subprocess.run(["java", "-jar", jar, "run", "Colour Quantization", options, src, out], check=True)
            base = os.path.splitext(source)[0]
            # nearest neighbour keeps the label colours pure
            panels = [panel(src, width), panel(os.path.join(out, base + "-quantized.tif"), width),
                      panel(os.path.join(out, base + "-labels.tif"), width, Image.NEAREST)]
        save(side_by_side(panels), name)


def run(jar, command, options, image, out):
    subprocess.run(["java", "-jar", jar, "run", command, options, image, out], check=True)


def save(canvas, name):
    target = os.path.join(DOCS, name)
    canvas.save(target, optimize=True)
    print("%s: %d KB" % (target, os.path.getsize(target) // 1024))


def grey(values, scale):
    """A float image (0..16 digits) as an upscaled grey picture."""
    v = np.clip(np.asarray(values, dtype=np.float64) * 255.0 / 16.0, 0, 255).astype(np.uint8)
    image = Image.fromarray(v)
    return image.resize((image.width * scale, image.height * scale), Image.NEAREST)


def digits_picture(jar):
    stack = tifffile.imread(os.path.join(SHARED, "digits_8x8x1797.tif"))
    count, scale, gap = 10, 8, 4
    with tempfile.TemporaryDirectory() as out:
        source = os.path.join(out, "digits.tif")
        tifffile.imwrite(source, stack.astype(np.float32), imagej=True, metadata={"axes": "ZYX"})
        run(jar, "Pixel Agglomeration", "clusters=32", source, out)
        agglomerated = tifffile.imread(os.path.join(out, "digits-agglomerated.tif"))
        labels = Image.open(os.path.join(out, "digits-labels.tif")).convert("RGB")
    labels = labels.resize((8 * scale * 2, 8 * scale * 2), Image.NEAREST)
    width = count * 8 * scale + (count - 1) * gap
    canvas = Image.new("RGB", (width, 2 * 8 * scale + labels.height + 2 * gap), "white")
    for i in range(count):
        canvas.paste(grey(stack[i], scale), (i * (8 * scale + gap), 0))
        canvas.paste(grey(agglomerated[i], scale), (i * (8 * scale + gap), 8 * scale + gap))
    canvas.paste(labels, ((width - labels.width) // 2, 2 * (8 * scale + gap)))
    save(canvas, "pixel-agglomeration-digits.png")


def superpixel_picture(jar, width=320):
    src = os.path.join(SHARED, "china.jpg")
    with tempfile.TemporaryDirectory() as out:
        run(jar, "Pixel Agglomeration", "clusters=300 connectivity=8", src, out)
        agglomerated = panel(os.path.join(out, "china-agglomerated.tif"), width)
        labels = tifffile.imread(os.path.join(out, "china-labels.tif")).astype(np.int32)
    original = np.asarray(Image.open(src).convert("RGB")).copy()
    border = np.zeros(labels.shape, bool)
    border[:, 1:] |= labels[:, 1:] != labels[:, :-1]
    border[1:, :] |= labels[1:, :] != labels[:-1, :]
    original[border] = (255, 220, 0)
    outlined = Image.fromarray(original)
    outlined = outlined.resize((width, round(outlined.height * width / outlined.width)), Image.LANCZOS)
    save(side_by_side([panel(src, width), agglomerated, outlined]), "pixel-agglomeration-china.png")


def eds_picture(jar, scale=8):
    """The README's EDS example: total counts, labels and the cluster mean spectra, made with the README's
    macro keys (4 clusters, 5 components, Poisson normalisation, 0.2 to 10 keV)."""
    src = os.path.join(ROOT, "test-images", "eds-30x30.tif")
    with tempfile.TemporaryDirectory() as out:
        run(jar, "Spectrum Image Cluster Analysis", "clusters=4 components=5 poisson=true energy_min=0.2 energy_max=10", src, out)
        labels = Image.open(os.path.join(out, "eds-30x30-labels.tif")).convert("RGB")
        plot = Image.open(os.path.join(out, "eds-30x30-cluster-spectra.tif")).convert("RGB")
    counts = tifffile.imread(src).astype(np.float64).sum(axis=0)
    counts = np.clip(255 * (counts - counts.min()) / max(1e-9, counts.max() - counts.min()), 0, 255).astype(np.uint8)
    size = 30 * scale
    total = Image.fromarray(counts).convert("RGB").resize((size, size), Image.NEAREST)
    labels = labels.resize((size, size), Image.NEAREST)
    column = Image.new("RGB", (size, 2 * size + 4), "white")
    column.paste(total, (0, 0))
    column.paste(labels, (0, size + 4))
    save(side_by_side([column, plot.resize((round(plot.width * (2 * size + 4) / plot.height), 2 * size + 4), Image.LANCZOS)]), "spectrum-cluster-analysis-eds.png")


if __name__ == "__main__":
    main()
    digits_picture(cli_jar())
    superpixel_picture(cli_jar())
    eds_picture(cli_jar())
