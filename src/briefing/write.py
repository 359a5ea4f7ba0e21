"""Writing output files: atomically, so a failed or interrupted build never leaves a
truncated PDF where a good one stood."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from briefing.schema import ID_PATTERN

FILE_MODE = 0o644


#: Further parts of a name (paper, finish, a visitor's name made safe by ``occasion.slug``):
#: letters and digits of any script and hyphens, never a dot or a path separator.
EXTRA_PATTERN = r"[^\W_](?:[^\W_]|-){0,100}"


def output_name(kind: str, doc_id: str, lang: str, *extra: str) -> str:
    """``park-mobile-internet-zh.pdf``, ``flyer-smart-medical-zh-a5.pdf``; ids are checked
    again here because they become paths."""
    for part in (kind, doc_id, lang):
        if not re.fullmatch(ID_PATTERN, part):
            raise ValueError(f"{part!r} is not a safe file-name part")
    for part in extra:
        if not re.fullmatch(EXTRA_PATTERN, part):
            raise ValueError(f"{part!r} is not a safe file-name part")
    return "-".join((kind, doc_id, lang, *extra)) + ".pdf"


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, then rename over the target (a symlink is replaced,
    not written through)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, FILE_MODE)  # mkstemp makes the file private; reports are for sharing
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
