"""Make the pictures of the sample data folder (docs/sample-data/images/): invented images that
show every picture the documents can hold, and the ways a picture can be awkward.

    python tools/make_sample_images.py            # writes docs/sample-data/images/

- ``building.jpg``: the cover photo, 2600 x 1733 px, sRGB, stored on its side with an EXIF
  orientation of 6 (as a phone saves a photo taken upright): the documents must turn it;
- ``lobby-small.jpg``: 500 x 333 px, too small to print sharp (a warning under 200 ppi);
- ``meeting-room-cmyk.jpg``: a CMYK JPEG (as a designer's print master is), 1800 x 1200 px;
- ``street-grey.png``: a greyscale PNG, 1500 x 1000 px;
- ``wechat-qr.png``: a QR code as an operator saves it from WeChat, of an invented address.

Nothing here is a real place, person or account: the shapes are drawn, the QR code's address
is invented. The same command makes the same bytes.
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parents[1] / "docs" / "sample-data" / "images"
#: An address that belongs to nobody: the sample's WeChat QR code must not lead anywhere real.
QR_PAYLOAD = "https://example.org/invented-sample/wechat-contact"


def scene(size: tuple[int, int], seed: int, sky=(150, 190, 230), tint=(205, 200, 190)) -> Image.Image:
    """A made-up street scene: a sky, a block of offices with windows, a road; fine detail
    (windows, noise) so that a JPEG of it is as large as a photo's."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):  # the sky lighter towards the horizon
        shade = tuple(min(255, c + y * 60 // height) for c in sky)
        draw.line([(0, y), (width, y)], fill=shade)
    left, top = width // 6, height // 5
    right, foot = width - width // 5, height * 4 // 5
    draw.rectangle([left, top, right, foot], fill=tint)
    step_x, step_y = max(6, width // 40), max(6, height // 24)
    for x in range(left + step_x // 2, right - step_x // 2, step_x):
        for y in range(top + step_y // 2, foot - step_y // 2, step_y):
            glass = (60 + rng.randint(0, 50), 90 + rng.randint(0, 50), 120 + rng.randint(0, 60))
            draw.rectangle([x, y, x + step_x * 6 // 10, y + step_y * 6 // 10], fill=glass)
    draw.rectangle([0, foot, width, height], fill=(90, 92, 96))
    for x in range(0, width, width // 12):  # lane marks
        draw.rectangle([x, foot + (height - foot) // 2, x + width // 30, foot + (height - foot) // 2 + 4],
                       fill=(235, 235, 220))
    noise = Image.effect_noise(size, 24).convert("RGB")
    return Image.blend(image, noise, 0.06).filter(ImageFilter.SMOOTH)


def jpeg(image: Image.Image, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, **kwargs)
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def on_its_side(image: Image.Image) -> bytes:
    """The image stored turned a quarter (as a phone's sensor reads it), with EXIF orientation
    6 saying how to turn it upright."""
    stored = image.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    return jpeg(stored, exif=exif.tobytes())


def qr_image(payload: str, scale: int = 12) -> bytes:
    """A QR code as an image, black on white with its quiet zone, as WeChat saves one."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(4, qrencoder.QRErrorCorrectLevel.M)  # 33 modules: 62 bytes at M
    code.addData(payload)
    code.make()
    modules = code.getModuleCount()
    quiet = 4
    image = Image.new("L", ((modules + 2 * quiet) * scale,) * 2, 255)
    draw = ImageDraw.Draw(image)
    for row in range(modules):
        for column in range(modules):
            if code.isDark(row, column):
                x, y = (column + quiet) * scale, (row + quiet) * scale
                draw.rectangle([x, y, x + scale - 1, y + scale - 1], fill=0)
    return png(image)


def make(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "building.jpg": on_its_side(scene((2600, 1733), 1)),
        "lobby-small.jpg": jpeg(scene((500, 333), 2, sky=(225, 215, 200), tint=(180, 150, 120))),
        "meeting-room-cmyk.jpg": jpeg(scene((1800, 1200), 3, sky=(200, 210, 220),
                                            tint=(120, 140, 170)).convert("CMYK")),
        "street-grey.png": png(scene((1500, 1000), 4).convert("L")),
        "wechat-qr.png": qr_image(QR_PAYLOAD),
    }
    written = []
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in make(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
