"""Text as the documents print it, before it is set: white space collapsed, control characters
dropped, no spaces inside Chinese (``clean``). Light on purpose (no ReportLab): the command
line checks a visitor's or an event's name with it before anything is laid out, and a build
forks the process that reads the sheets only after that.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not U+3000: an ideographic space is meant
_NOT_A_SPACE = re.compile(r"[\t\n\r\f\v]")  # white space ``_SPACES`` turns into a space
_CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
# A space from a folded YAML line between two Chinese characters is not a real space. The
# pattern starts with the space (then looks back past it), so that the regular expression
# engine looks for spaces, instead of looking behind every character.
_SPACE_BETWEEN_CJK = re.compile(rf" (?<=[{_CJK}] )(?=[{_CJK}])")
#: Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) but tab, line
#: feed and carriage return; a pattern, not a test of each character's category (a zone's
#: overview cleans some 70,000 texts).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Plain text: whitespace collapsed, control characters dropped, no spaces inside Chinese."""
    text = _CONTROL.sub("", text)
    if "  " in text or _NOT_A_SPACE.search(text):  # most texts have neither: nothing to collapse
        text = _SPACES.sub(" ", text)
    return _SPACE_BETWEEN_CJK.sub("", text.strip())
