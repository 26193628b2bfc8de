"""Save a screenshot of an X display (Xvfb) to a PNG, cropped to the non-black area.

python3 packaging/screenshot.py :99 out.png
"""

import sys

from PIL import ImageGrab

img = ImageGrab.grab(xdisplay=sys.argv[1])
bbox = img.convert("L").point(lambda v: 255 if v > 8 else 0).getbbox()  # crop the black root window
if bbox:
    img = img.crop(bbox)
img.save(sys.argv[2])
print(f"screenshot {sys.argv[2]} {img.size}, {len(img.getcolors(1 << 20) or [])} colours")
