#!/usr/bin/python3
"""Makes the README pictures in docs/images/ from real outputs of the Pixel Clustering command line.

Each picture is three panels side by side: the original, the quantized image and the label image (with
its LUT), as written by `java -jar target/pixel-clustering-<version>-cli.jar run ...`.
Run from the repository root after `mvn -B -DskipTests package`:
    /usr/bin/python3 scripts/make_pictures.py
"""
import glob
import os
import subprocess
import sys
import tempfile

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
        gap = 4
        canvas = Image.new("RGB", (sum(p.width for p in panels) + gap * (len(panels) - 1), max(p.height for p in panels)), "white")
        x = 0
        for p in panels:
            canvas.paste(p, (x, 0))
            x += p.width + gap
        target = os.path.join(DOCS, name)
        canvas.save(target, optimize=True)
        print("%s: %d KB" % (target, os.path.getsize(target) // 1024))


if __name__ == "__main__":
    main()
