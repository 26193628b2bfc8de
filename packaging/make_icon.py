"""Draw the application icon: packaging/nianbao.png (256 px) and packaging/nianbao.ico (16-256 px).

    python packaging/make_icon.py            # rewrite both files
    python packaging/make_icon.py --check    # exit 1 if the committed files differ from a fresh drawing

Only geometric shapes (no font), so the result is the same on every machine with the same Pillow
major version: a white report page with a red title bar, text lines, a small table and a red seal.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
PNG = HERE / "nianbao.png"
ICO = HERE / "nianbao.ico"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]

RED = (200, 16, 46, 255)  # 中国红-like
DARK = (70, 70, 80, 255)
GREY = (150, 150, 160, 255)
PAPER = (255, 255, 255, 255)
SHADOW = (0, 0, 0, 70)


def draw(size: int = 1024) -> Image.Image:
    s = size / 1024
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def box(x0, y0, x1, y1):  # type: ignore[no-untyped-def]
        return [round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s)]

    # page shadow + page
    d.rounded_rectangle(box(176, 92, 880, 972), radius=round(56 * s), fill=SHADOW)
    d.rounded_rectangle(
        box(144, 56, 848, 936), radius=round(56 * s), fill=PAPER, outline=(210, 210, 215, 255), width=max(1, round(8 * s))
    )
    # red title bar (红头)
    d.rounded_rectangle(box(144, 56, 848, 250), radius=round(56 * s), fill=RED)
    d.rectangle(box(144, 180, 848, 250), fill=RED)
    # title line under the bar
    d.rectangle(box(224, 296, 768, 324), fill=RED)
    # body text lines
    for y in (384, 444):
        d.rectangle(box(224, y, 768, y + 24), fill=GREY)
    # small table
    d.rectangle(box(224, 520, 768, 840), outline=DARK, width=max(1, round(18 * s)))
    for y in (600, 680, 760):
        d.line(box(224, y, 768, y), fill=DARK, width=max(1, round(12 * s)))
    for x in (400, 584):
        d.line(box(x, 520, x, 840), fill=DARK, width=max(1, round(12 * s)))
    # seal (公章) overlapping the bottom-right corner
    d.ellipse(box(600, 640, 960, 1000), fill=(255, 255, 255, 235), outline=RED, width=max(2, round(40 * s)))
    cx, cy, r = 780 * s, 820 * s, 88 * s
    star = []
    import math

    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.4
        star.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(star, fill=RED)
    return img


def render() -> tuple[bytes, bytes]:
    big = draw(1024)
    png = io.BytesIO()
    big.resize((256, 256), Image.LANCZOS).save(png, format="PNG", optimize=True)
    ico = io.BytesIO()
    # Pillow builds every ICO size from the largest image; give it a 256 px master.
    big.resize((256, 256), Image.LANCZOS).save(ico, format="ICO", sizes=[(n, n) for n in ICO_SIZES])
    return png.getvalue(), ico.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only compare with the committed files")
    a = ap.parse_args(argv)
    png, ico = render()
    if a.check:
        same = PNG.exists() and ICO.exists() and PNG.read_bytes() == png and ICO.read_bytes() == ico
        print("icon files up to date" if same else "icon files differ from a fresh drawing")
        return 0 if same else 1
    PNG.write_bytes(png)
    ICO.write_bytes(ico)
    print(f"wrote {PNG} ({len(png)} bytes) and {ICO} ({len(ico)} bytes, sizes {ICO_SIZES})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
