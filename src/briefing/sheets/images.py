"""Images a fact sheet names (a park's logo, its photos, a contact's QR image), checked before
anything is drawn.

An operator types the path, so it may point anywhere: outside the data folder, at a device
that never ends (/dev/zero), at a pipe that blocks, at a file that is not an image, or at an
image that is small on disk but enormous once decoded (a decompression bomb). Each is refused
with a message; a good image is read once, and its bytes (not the path) go to the renderer,
so the file cannot change between the check and the drawing.

Each kind of image has its own limits (``KINDS``): a logo is a few hundred kilobytes, a photo
straight from a camera may be 24 megapixels and 10 MB. Whether a photo has pixels enough for
the size it is printed at is a question of the layout (``layout/pictures.py``), asked with
the size this module reads (``pixel_size``).
"""

from __future__ import annotations

import io
import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Optional

from PIL import Image

from briefing.errors import Problems, Where
from briefing.messages import Message, msg

#: A logo is a few hundred kilobytes; more is a mistake (a photo, a print master).
MAX_BYTES = 5 * 1024 * 1024
#: 25 megapixels, e.g. 5000 x 5000: far beyond any logo, and little memory to decode.
MAX_PIXELS = 25_000_000
#: A photo as a camera saves it: a 45-megapixel JPEG is 15-25 MB.
MAX_PHOTO_BYTES = 30 * 1024 * 1024
#: 50 megapixels: every camera a promotion office has (45.7 MP at most); 150 MB once decoded.
MAX_PHOTO_PIXELS = 50_000_000
#: What ReportLab draws without a conversion of ours.
FORMATS = ("PNG", "JPEG")
#: EXIF orientations (tag 0x0112) that turn the image a quarter: its width is its height.
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class Kind:
    """What a kind of image may be: its limits, and the words of the messages about it."""

    max_bytes: int
    max_pixels: int
    name: Message  # the logo, the photo
    size_hint: Message  # how large such a file need be
    pixels_hint: Message  # how many pixels it needs
    save_as: Message  # what to save it as instead


def _kinds() -> dict[str, Kind]:
    return {
        "logo": Kind(MAX_BYTES, MAX_PIXELS, msg("logo"), msg("a logo needs a few hundred kilobytes"),
                     msg("a logo needs at most 2000 pixels across"),
                     msg("save the logo as PNG (or JPEG) and point to that")),
        "photo": Kind(MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, msg("photo"),
                      msg("a photo prints well from a JPEG of 2 to 10 MB"),
                      msg("a photo needs at most 3000 pixels across, 300 ppi over a whole A4 page"),
                      msg("export the photo as JPEG (or PNG) and point to that")),
        "qr": Kind(MAX_BYTES, MAX_PIXELS, msg("QR image"), msg("a QR code needs a few tens of kilobytes"),
                   msg("a QR code needs at most 2000 pixels across"),
                   msg("save the QR code as PNG and point to that")),
    }


def kind_of(field_path: str) -> str:
    """The kind of image a field holds, by its path in the sheet: ``photos[0].image``,
    ``contact.qr``, else a logo."""
    if field_path.startswith("photos["):
        return "photo"
    if field_path.endswith(".qr"):
        return "qr"
    return "logo"


def load(data_dir: Path, text: str, where: Where, problems: Problems, kind: str = "") -> Optional[bytes]:
    """The image's bytes, or None with a problem recorded. ``kind`` (logo, photo, qr) sets the
    limits; by default it follows the field (``kind_of``)."""
    limits = _kinds()[kind or kind_of(where.field)]
    path = _inside(Path(data_dir), text, where, problems)
    data = _read(path, where, problems, limits) if path else None
    return data if data is not None and _decodes(data, where, problems, limits) else None


def pixel_size(data: bytes) -> tuple[int, int]:
    """Width and height of a checked image as it is seen: turned as its EXIF orientation says."""
    with Image.open(io.BytesIO(data), formats=FORMATS) as image:
        width, height = image.size
        orientation = image.getexif().get(EXIF_ORIENTATION, 1)
    return (height, width) if orientation in QUARTER_TURNS else (width, height)


def _inside(data_dir: Path, text: str, where: Where, problems: Problems) -> Optional[Path]:
    """The path under the data folder, refused when it is absolute, climbs out with ``..`` or
    is (or passes through) a link to somewhere outside."""
    posix = PurePosixPath(text.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(text).drive:
        problems.error(where, msg("{path!r} is an absolute path; put the image inside the data folder and "
                                  "give its path from there, e.g. images/logo.png", path=text))
        return None
    if ".." in posix.parts:
        problems.error(where, msg("{path!r} leads out of the data folder (..); put the image inside the data "
                                  "folder and give its path from there, e.g. images/logo.png", path=text))
        return None
    path = data_dir / posix
    root = os.path.realpath(data_dir)
    if os.path.commonpath([root, os.path.realpath(path)]) != root:
        problems.error(where, msg("{path!r} is a link to a file outside the data folder; copy the image into "
                                  "the data folder instead of linking to it", path=text))
        return None
    return path


def _read(path: Path, where: Where, problems: Problems, kind: Kind) -> Optional[bytes]:
    """The file's bytes, when it is a regular file within the size limit. It is opened without
    blocking and then looked at, so a pipe swapped in after a check cannot hang the build."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        problems.error(where, msg("cannot read {path} ({reason}); check the path, which starts "
                                  "at the data folder", path=str(path), reason=exc.strerror or str(exc)))
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):  # a pipe would block, a device (/dev/zero) never end
            problems.error(where, msg("{path} is not a regular file (a folder, a device or a pipe); "
                                      "point to a PNG or JPEG file", path=str(path)))
            return None
        if info.st_size > kind.max_bytes:
            problems.error(where, msg("{path} is {size} bytes, over the {limit} MB limit for "
                                      "an image; save it smaller ({hint})",
                                      path=str(path), size=info.st_size, limit=kind.max_bytes // 2**20,
                                      hint=kind.size_hint))
            return None
        with open(handle, "rb", closefd=False) as file:  # reads on until the end, unlike os.read
            return file.read(kind.max_bytes + 1)
    finally:
        os.close(handle)


def _decodes(data: bytes, where: Where, problems: Problems, kind: Kind) -> bool:
    """A PNG or JPEG within the pixel limit that decodes to the end. A JPEG is decoded at an
    eighth of its size (its whole stream is still read, so damage still shows): a 24-megapixel
    photo is checked in a twentieth of a second."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                width, height = image.size
                if width * height > kind.max_pixels:
                    _too_large(width, height, where, problems, kind)
                    return False
                if image.format == "JPEG":
                    image.draft(None, (max(1, width // 8), max(1, height // 8)))
                image.load()
    except Image.UnidentifiedImageError:
        found = _other_format(data)
        if found:
            problems.error(where, msg("is a {format} image, which documents cannot print; {remedy}",
                                      format=found, remedy=kind.save_as))
        else:
            problems.error(where, msg("is not a PNG or JPEG image; {remedy}", remedy=kind.save_as))
        return False
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        problems.error(where, msg("is refused as a decompression bomb ({reason}); save the {what} again at a "
                                  "normal size", reason=str(exc), what=kind.name))
        return False
    except Exception as exc:  # Pillow reports damage as OSError, SyntaxError, ValueError, EOFError...
        problems.error(where, msg("is damaged or cut short ({reason}); save or export the image again",
                                  reason=str(exc)))
        return False
    return True


#: Image files a camera, a phone or an editor saves, by the bytes they start with (or hold at
#: 4: the ISO media box of HEIC and AVIF), for a message that names what the file is.
_SIGNATURES = ((0, b"GIF8", "GIF"), (0, b"II*\0", "TIFF"), (0, b"MM\0*", "TIFF"), (0, b"BM", "BMP"),
               (8, b"WEBP", "WebP"), (4, b"ftypheic", "HEIC (an iPhone photo)"),
               (4, b"ftypheix", "HEIC (an iPhone photo)"), (4, b"ftypmif1", "HEIF"), (4, b"ftypavif", "AVIF"),
               (0, b"%PDF", "PDF"), (0, b"8BPS", "Photoshop (PSD)"))


def _other_format(data: bytes) -> str:
    """The name of an image format we do not print, when the bytes say which it is."""
    for offset, magic, name in _SIGNATURES:
        if data[offset:offset + len(magic)] == magic:
            return name
    return ""


def _too_large(width: int, height: int, where: Where, problems: Problems, kind: Kind) -> None:
    problems.error(where, msg("is {width} x {height} pixels, over the limit of {limit} megapixels "
                              "(a small file this large when opened is a decompression bomb); scale it down, "
                              "{hint}", width=width, height=height, limit=kind.max_pixels // 10**6,
                              hint=kind.pixels_hint))
