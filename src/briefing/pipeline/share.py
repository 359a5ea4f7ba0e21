"""Images for WeChat (``--share``): what a phone shows well, drawn from the same layouts.

For each document a job makes on the build's paper (the brochure, the flyer, the overview):
one PNG per page, 1080 pixels wide; for a brochure also a "long image" (长图) of all its pages
one under the other, which WeChat chats and Moments show as one scrolling picture; and for
each park a poster, 1080 x 1920 (``layout/poster.py``).

Why these sizes: 1080 px is the width WeChat shows an image at and scales wider ones down to,
so an image of exactly that width is shown pixel for pixel, not resampled. Each page is
rendered straight at that width by PDFium (pypdfium2), from the PDF itself, so the text is
drawn as sharp as the PDF can be at that size (it is rasterised once, never scaled). The
images are 8-bit palette PNGs (256 colours, no dithering): a page is flat colour and
anti-aliased type, which a palette keeps exact to the eye at a quarter of a true-colour PNG's
size, and which WeChat passes on without turning text into JPEG noise when sent as the
original image.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

#: The width of every image, in pixels: WeChat's own display width.
WIDTH = 1080
#: The poster's height (9:16).
POSTER_HEIGHT = 1920
#: Between the pages of a long image: a band of the page's edge grey, so a reader sees where one
#: page ends, in pixels.
PAGE_GAP = 24
GAP_GREY = (224, 224, 224)
#: Colours kept in a palette image.
COLOURS = 256


def page_images(pdf: bytes, width: int = WIDTH) -> list[Image.Image]:
    """Every page of ``pdf`` rendered ``width`` pixels wide (height in proportion)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            # Round the scale so the width comes out exact: PDFium rounds the size it is given.
            bitmap = page.render(scale=width / page.get_width(), draw_annots=False)
            image = bitmap.to_pil().convert("RGB")
            if image.width != width:  # a fraction of a pixel off: never resample, pad or crop
                image = _exact_width(image, width)
            images.append(image)
            page.close()
        return images
    finally:
        document.close()


def _exact_width(image: Image.Image, width: int) -> Image.Image:
    from PIL import Image as PILImage

    exact = PILImage.new("RGB", (width, image.height), (255, 255, 255))
    exact.paste(image.crop((0, 0, min(width, image.width), image.height)), (0, 0))
    return exact


def long_image(pages: Iterable[Image.Image]) -> Image.Image:
    """The pages one under the other, a grey band between them."""
    from PIL import Image as PILImage

    pages = list(pages)
    height = sum(page.height for page in pages) + PAGE_GAP * (len(pages) - 1)
    sheet = PILImage.new("RGB", (pages[0].width, height), GAP_GREY)
    y = 0
    for page in pages:
        sheet.paste(page, (0, y))
        y += page.height + PAGE_GAP
    return sheet


def png(image: Image.Image) -> bytes:
    """``image`` as a palette PNG (see the module's note), compressed as far as zlib goes."""
    from PIL import Image as PILImage

    palette = image.quantize(COLOURS, method=PILImage.Quantize.MEDIANCUT, dither=PILImage.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, "PNG", optimize=True)
    return out.getvalue()
