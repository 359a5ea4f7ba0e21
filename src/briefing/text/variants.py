"""Characters the shipped fonts lack, named in words a person can act on.

A page or a terminal that cannot draw the character either shows a box (□), so the character
alone says nothing: a traditional character is named as such with the simplified form the
fonts have (繁体字「會」: use 会, from ``traditional.txt``, made by tools/make_variants.py),
any other by its Unicode name and code point.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from briefing.messages import msg

TABLE = Path(__file__).with_name("traditional.txt")


@functools.cache
def simplified_forms() -> dict[str, str]:
    """Traditional character -> its simplified form, for those the fonts lack."""
    pairs = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            pairs[traditional] = simplified
    return pairs


def simplified(char: str) -> str:
    """The simplified form the fonts have, or '' when ``char`` is not such a traditional one."""
    return simplified_forms().get(char, "")


def named(char: str) -> str:
    """``char`` in words: 繁体字「會」: use 会, or 「😀」 (GRINNING FACE, U+1F600)."""
    code = f"{ord(char):04X}"
    if simplified(char):
        return msg("the traditional character 「{char}」: use {simplified}", char=char, simplified=simplified(char))
    name = unicodedata.name(char, "")
    if name:
        return msg("「{char}」 ({name}, U+{code})", char=char, name=name, code=code)
    return msg("the character U+{code}", code=code)
