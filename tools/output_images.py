"""Page images of the Word and spreadsheet outputs (as LibreOffice renders them) and a Chromium
screenshot of the web page, for docs/images/. Uses the bundled fonts under the Windows font names,
like the tests (tests/render/output_helpers.py).

    python tools/output_images.py [--draft examples/longgang-2020.json] [--name seed-2020]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "render")]

from output_helpers import convert_with_soffice, screenshot  # noqa: E402

from forms import load_draft_file  # noqa: E402
from render.sheet import write_sheet  # noqa: E402
from render.web import write_html  # noqa: E402
from render.word import write_docx  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def _trim_bottom(png: Path, margin: int = 40) -> None:
    """Cut the empty white below the page's last line (the window is taller than the page)."""
    from PIL import Image, ImageOps

    image = Image.open(png).convert("RGB")
    box = ImageOps.invert(image).getbbox()
    if box:
        image = image.crop((0, 0, image.width, min(image.height, box[3] + margin)))
    image.convert("L").quantize(16).save(png, optimize=True)  # black text on white: 16 greys suffice


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draft", type=Path, default=ROOT / "examples" / "longgang-2020.json")
    parser.add_argument("--name", default="seed-2020")
    parser.add_argument("--height", type=int, default=5400, help="screenshot height in pixels")
    args = parser.parse_args()
    draft = load_draft_file(args.draft)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        docx, xlsx, html = tmp / "report.docx", tmp / "tables.xlsx", tmp / "report.html"
        write_docx(draft, docx)
        write_sheet(draft, xlsx)
        write_html(draft, html)
        for source, prefix in ((docx, "word"), (xlsx, "sheet")):
            pdf = convert_with_soffice(source, "pdf", tmp)
            for old in IMAGES.glob(f"{prefix}-{args.name}-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(IMAGES / f"{prefix}-{args.name}")], check=True)
        shot = screenshot(html, IMAGES / f"web-{args.name}.png", tmp, width=900, height=args.height)
        _trim_bottom(shot)
    for path in sorted(IMAGES.glob(f"*-{args.name}*.png")):
        if path.name.startswith(("word-", "sheet-", "web-")):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
