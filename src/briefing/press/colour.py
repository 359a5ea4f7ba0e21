"""Pictures in the colour space a document is printed in, through ICC profiles (littleCMS, in
Pillow's ImageCms), never by formula.

An office PDF's pictures are sRGB (or grey); a print shop's (``--cmyk``) are CMYK separated for
offset on coated paper by ``profiles/briefing-fogra39.icc``, or grey (DeviceGray, which PDF/X-1a
allows and which prints on the black plate alone). A picture that carries its own profile (a
camera's Adobe RGB, a CMYK JPEG from a designer) is converted from that profile; one without is
taken to be sRGB, or for CMYK the same FOGRA39 press.

Why this profile: no CMYK profile that may be shipped comes with Debian (icc-profiles-free and
colord-data carry RGB and grey profiles only; Ghostscript's ``default_cmyk.icc`` is under the
AGPL), and the ECI's and Adobe's profiles forbid changes or redistribution with software. But
icc-profiles-free carries FOGRA's own measurements of the FOGRA39 condition (``FOGRA39L.ti3``,
zlib licence): ``tools/make_cmyk_profile.sh`` makes an output profile from them with ArgyllCMS
(``colprof``: 330 % total ink, 95 % black, medium GCR, perceptual table mapped from sRGB's gamut).
The profile is data made from zlib-licensed data and is shipped under the same terms
(``profiles/README.md``). It is the condition ``--print-condition`` defaults to; a shop that
prints to another condition separates the same way, with a small difference in rich tones.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageCms

PROFILE = Path(__file__).with_name("profiles") / "briefing-fogra39.icc"
#: Perceptual: a photo's colours outside the press's gamut are compressed with the rest, so
#: that its gradations survive (relative colorimetric would clip a blue sky flat).
INTENT = ImageCms.Intent.PERCEPTUAL


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@functools.cache
def _press() -> ImageCms.ImageCmsProfile:
    # From its bytes, not its path: littleCMS keeps a profile opened from a file open and reads
    # its tags from it later (when a transform writes the profile into the image), and forked
    # workers share that file's offset: two reading at once got "Could not determine profile
    # size" (a print-shop build with --share, once in several runs).
    return ImageCms.ImageCmsProfile(io.BytesIO(PROFILE.read_bytes()))


def _embedded(image: Image.Image):
    """The image's own ICC profile, if it carries one that littleCMS can read and that suits
    its mode; else None (the image is then taken as sRGB, or as the press's CMYK)."""
    data = image.info.get("icc_profile")
    if not data:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
        return None
    space = profile.profile.xcolor_space.strip()
    return profile if space == {"RGB": "RGB", "CMYK": "CMYK"}.get(image.mode) else None


def flattened(image: Image.Image) -> Image.Image:
    """Grey, RGB or CMYK, with any transparency laid on white paper: what a page prints."""
    if image.mode in ("RGB", "CMYK", "L"):
        return image
    if image.mode in ("1", "I", "I;16", "I;16B", "I;16L", "F"):
        return image.convert("L")
    if image.mode == "LA":
        grey = Image.new("L", image.size, 255)
        grey.paste(image.getchannel("L"), mask=image.getchannel("A"))
        return grey
    rgba = image.convert("RGBA")  # P, PA, RGBA, RGBa, LAB, YCbCr...
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    flat.info = image.info  # keeps its profile
    return flat


def for_print(image: Image.Image, cmyk: bool) -> Image.Image:
    """``image`` in the document's colour space: grey stays grey; colour becomes sRGB, or for
    ``cmyk`` the press's CMYK, through the ICC profiles."""
    image = flattened(image)
    if image.mode == "L":
        return image
    source = _embedded(image) or (_press() if image.mode == "CMYK" else _srgb())
    target, mode = (_press(), "CMYK") if cmyk else (_srgb(), "RGB")
    if image.mode == mode and source is target:
        return image
    transform = ImageCms.buildTransform(source, target, image.mode, mode, renderingIntent=INTENT)
    converted = ImageCms.applyTransform(image, transform)
    assert converted is not None  # applyTransform returns None only when asked to work in place
    return converted


def cmyk_jpeg(data: bytes) -> bytes:
    """A checked PNG or JPEG (a logo) as a CMYK JPEG through the press profile, transparency
    flattened onto white (the logo sits on a plate of paper colour, so it looks the same)."""
    with Image.open(io.BytesIO(data)) as image:
        converted = for_print(image, cmyk=True)
    if converted.mode == "L":
        converted = converted.convert("CMYK")  # K only: grey is C=M=Y=0 in Pillow's conversion
    out = io.BytesIO()
    converted.save(out, "JPEG", quality=95)
    return out.getvalue()
