#!/usr/bin/python3
"""Reference outputs of CLIP's image preprocessing, for ClipImagePreprocessorReferenceTests.

Run with Debian's Python and Pillow (apt-get install python3-pil python3-numpy):

    /usr/bin/python3 tests/Clip3D.Views.Tests/Encoders/TestData/make_clip_reference.py

It writes, beside itself, under clip_reference/:
  inputs/NAME.png          deterministic test images (made here: gradients, checkerboards, seeded noise, ...)
  expected/NAME_N.png      the N x N RGB image CLIP feeds to the normalisation: PIL bicubic resize of the short
                           side to N, then the centre crop (exactly what PIL computes, 8 bits per channel)
  expected/NAME_N.npy      for one case, the whole float32 CHW tensor after /255 and CLIP's mean/std
  manifest.json            every case: input, N, resized size, crop offsets, expected files, Pillow version

torch/torchvision are not needed: the few lines of openai/CLIP's `_transform(n_px)` that are not PIL are
written out below as torchvision computes them (see clip_transform).
"""

import json
import os
import sys

import numpy as np
import PIL
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "clip_reference")

MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)


def resized_size(width, height, n_px):
    # torchvision.transforms.functional._compute_resized_output_size with size=[n_px]:
    # the short side becomes n_px, the long side int(n_px * long / short) (truncation).
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = n_px, int(n_px * long / short)
    return (new_short, new_long) if width <= height else (new_long, new_short)


def crop_offsets(width, height, n_px):
    # torchvision's _center_crop_compute_crop_anchor: int(round(d / 2.0)), Python's round (half to even).
    return int(round((width - n_px) / 2.0)), int(round((height - n_px) / 2.0))


def clip_transform(image, n_px):
    """Resize(n_px, BICUBIC) then CenterCrop(n_px) on a PIL image: returns (uint8 HWC, resized size, offsets)."""
    w, h = resized_size(image.width, image.height, n_px)
    if (w, h) != image.size:
        image = image.resize((w, h), Image.BICUBIC)
    left, top = crop_offsets(w, h, n_px)
    cropped = image.crop((left, top, left + n_px, top + n_px))
    return np.asarray(cropped, dtype=np.uint8), (w, h), (left, top)


def normalise(hwc):
    # ToTensor: uint8 -> float32, / 255 (float32); Normalize: (x - mean) / std with float32 mean and std.
    x = hwc.astype(np.float32) / np.float32(255)
    x = (x - np.array(MEAN, dtype=np.float32)) / np.array(STD, dtype=np.float32)
    return np.ascontiguousarray(x.transpose(2, 0, 1), dtype=np.float32)


def make_inputs():
    rng = np.random.default_rng(20240601)
    images = {}

    w, h = 640, 480
    y, x = np.mgrid[0:h, 0:w]
    g = np.stack([x * 255 // (w - 1), y * 255 // (h - 1), np.where(x * 3 + y * 4 < 1400, 30, 220)], axis=-1)
    images["gradient_640x480"] = g

    w, h = 300, 500
    y, x = np.mgrid[0:h, 0:w]
    cell = ((x // 5) + (y // 5)) % 2
    red_cyan = ((x // 13) + (y // 7)) % 2
    images["checker_300x500"] = np.stack([cell * 255, cell * 255 * red_cyan, (1 - red_cyan) * 255], axis=-1)

    w, h = 640, 480
    blocks = rng.integers(0, 256, size=(h // 4, w // 4, 3))
    images["blocks_640x480"] = blocks.repeat(4, axis=0).repeat(4, axis=1)

    w, h = 500, 375
    y, x = np.mgrid[0:h, 0:w]
    r2 = (x - w / 2.0) ** 2 + (y - h / 2.0) ** 2
    zone = 127.5 + 127.5 * np.cos(r2 * np.pi / 2500.0)
    images["rings_500x375"] = np.stack([zone, 255 - zone, y * 255.0 / (h - 1)], axis=-1)

    images["noise_225x224"] = rng.integers(0, 256, size=(224, 225, 3))
    images["noise_224x303"] = rng.integers(0, 256, size=(303, 224, 3))
    images["noise_100x80"] = rng.integers(0, 256, size=(80, 100, 3))

    w, h = 600, 40
    y, x = np.mgrid[0:h, 0:w]
    images["strip_600x40"] = np.stack([(x * 7) % 256, np.where((x // 9 + y // 9) % 2 == 0, 0, 255), y * 6], axis=-1)

    images["tiny_3x2"] = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255]],
                                   [[0, 0, 0], [255, 255, 255], [128, 64, 32]]])
    return {name: Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB") for name, a in images.items()}


def main():
    os.makedirs(os.path.join(OUT, "inputs"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "expected"), exist_ok=True)
    # 336 (ViT-L/14@336px) only where the expected image stays small; 224 for every input.
    sizes = {name: (224, 336) for name in ("gradient_640x480", "checker_300x500", "rings_500x375",
                                           "noise_100x80", "strip_600x40", "tiny_3x2")}
    tensor_case = ("checker_300x500", 224)
    cases = []
    for name, image in make_inputs().items():
        image.save(os.path.join(OUT, "inputs", name + ".png"), optimize=True)
        for n_px in sizes.get(name, (224,)):
            hwc, (w, h), (left, top) = clip_transform(image, n_px)
            stem = f"{name}_{n_px}"
            Image.fromarray(hwc, "RGB").save(os.path.join(OUT, "expected", stem + ".png"), optimize=True)
            case = {"input": f"inputs/{name}.png", "size": n_px, "resized": [w, h], "crop": [left, top],
                    "expected": f"expected/{stem}.png"}
            if (name, n_px) == tensor_case:
                np.save(os.path.join(OUT, "expected", stem + ".npy"), normalise(hwc))
                case["tensor"] = f"expected/{stem}.npy"
            cases.append(case)
    manifest = {"pillow": PIL.__version__, "numpy": np.__version__, "python": sys.version.split()[0],
                "mean": MEAN, "std": STD, "cases": cases}
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases written under {OUT} (Pillow {PIL.__version__})")


if __name__ == "__main__":
    main()
