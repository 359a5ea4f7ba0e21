"""Images a fact sheet names (a park's logo), checked before anything is drawn.

An operator types the path, so it may point anywhere: outside the data folder, at a device
that never ends (/dev/zero), at a pipe that blocks, at a file that is not an image, or at an
image that is small on disk but enormous once decoded (a decompression bomb). Each is refused
with a message; a good image is read once, and its bytes (not the path) go to the renderer,
so the file cannot change between the check and the drawing.
"""

from __future__ import annotations

import io
import os
import stat
import warnings
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Optional

from PIL import Image

from briefing.errors import Problems, Where
from briefing.messages import msg

#: A logo is a few hundred kilobytes; more is a mistake (a photo, a print master).
MAX_BYTES = 5 * 1024 * 1024
#: 25 megapixels, e.g. 5000 x 5000: far beyond any logo, and little memory to decode.
MAX_PIXELS = 25_000_000
#: What ReportLab draws without a conversion of ours.
FORMATS = ("PNG", "JPEG")


def load(data_dir: Path, text: str, where: Where, problems: Problems) -> Optional[bytes]:
    """The image's bytes, or None with a problem recorded."""
    path = _inside(Path(data_dir), text, where, problems)
    data = _read(path, where, problems) if path else None
    return data if data is not None and _decodes(data, where, problems) else None


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


def _read(path: Path, where: Where, problems: Problems) -> Optional[bytes]:
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
        if info.st_size > MAX_BYTES:
            problems.error(where, msg("{path} is {size} bytes, over the {limit} MB limit for "
                                      "an image; save it smaller (a logo needs a few hundred kilobytes)",
                                      path=str(path), size=info.st_size, limit=MAX_BYTES // 2**20))
            return None
        with open(handle, "rb", closefd=False) as file:  # reads on until the end, unlike os.read
            return file.read(MAX_BYTES + 1)
    finally:
        os.close(handle)


def _decodes(data: bytes, where: Where, problems: Problems) -> bool:
    """A PNG or JPEG within the pixel limit that decodes to the end."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    _too_large(width, height, where, problems)
                    return False
                image.load()
    except Image.UnidentifiedImageError:
        problems.error(where, msg("is not a PNG or JPEG image; save the logo as PNG (or JPEG) and point to that"))
        return False
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        problems.error(where, msg("is refused as a decompression bomb ({reason}); save the logo again at a "
                                  "normal size", reason=str(exc)))
        return False
    except Exception as exc:  # Pillow reports damage as OSError, SyntaxError, ValueError, EOFError...
        problems.error(where, msg("is damaged or cut short ({reason}); save or export the image again",
                                  reason=str(exc)))
        return False
    return True


def _too_large(width: int, height: int, where: Where, problems: Problems) -> None:
    problems.error(where, msg("is {width} x {height} pixels, over the limit of {limit} megapixels "
                              "(a small file this large when opened is a decompression bomb); scale it down, "
                              "a logo needs at most 2000 pixels across", width=width, height=height,
                              limit=MAX_PIXELS // 10**6))
