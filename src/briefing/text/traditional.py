"""Traditional Chinese editions: their language tags, the standard they follow (Hong Kong or
Taiwan), and the sheets' Simplified text converted at build time with OpenCC.

    zh-Hant   Traditional, in the standard the zone sheet sets (``traditional: hk`` or ``tw``;
              Hong Kong when it sets none)
    zh-HK     Traditional, Hong Kong standard (OpenCC s2hk: 裏, 着)
    zh-TW     Traditional, Taiwan standard (OpenCC s2tw: 裡, 著)

OpenCC converts by phrase, not character by character: it segments the text with its phrase
dictionary first, so 头发 becomes 頭髮 and 发展 發展, 皇后 stays 皇后 while 后面 becomes 後面,
一只 is 一隻 and 只有 stays 只有. Vocabulary is not rewritten (s2twp's 軟體 for 软件, 網際網路 for
互联网 are left out on purpose: they would rewrite the official names of parks and bodies).

After OpenCC, the quotation marks of the Simplified text become the corner brackets that
Traditional Chinese uses (“” to 「」, ‘’ to 『』; clreq 3.1.4). A sheet's own ``zh-Hant:`` text is
printed as written: a person wrote it.
"""

from __future__ import annotations

import functools

#: Every Traditional tag, and the standard it asks for (None: the zone sheet's, else the default).
TAGS: dict[str, str | None] = {"zh-Hant": None, "zh-HK": "hk", "zh-TW": "tw"}
#: OpenCC's configuration for each standard.
STANDARDS = {"hk": "s2hk", "tw": "s2tw"}
#: Hong Kong by default: the parks court investors in Hong Kong, Macao and Guangdong (the
#: Greater Bay Area), where Hong Kong's forms are the ones read; and s2hk keeps the mainland
#: vocabulary of official names as it is, like s2tw.
DEFAULT_STANDARD = "hk"
#: The standards by name, for messages and the zone sheet's documentation.
STANDARD_NAMES = {"hk": "Hong Kong", "tw": "Taiwan"}

#: Simplified text quotes with “” and ‘’; Traditional with 「」 and 『』.
_CORNER_QUOTES = str.maketrans("“”‘’", "「」『』")


def is_traditional(lang: str) -> bool:
    return lang in TAGS


def is_chinese(lang: str) -> bool:
    """Simplified or Traditional Chinese: figures with 万/萬, Chinese paragraph indents."""
    return lang == "zh" or lang in TAGS


def standard(lang: str, zone_setting: str | None = None) -> str:
    """The standard an edition in ``lang`` follows: the tag's own (zh-HK, zh-TW), else the zone
    sheet's setting, else Hong Kong."""
    return TAGS.get(lang) or zone_setting or DEFAULT_STANDARD


def pdf_language(lang: str, standard_: str = DEFAULT_STANDARD) -> str:
    """The language a PDF declares (BCP 47): zh-Hant-HK, zh-Hant-TW."""
    return f"zh-Hant-{standard_.upper()}"


@functools.cache
def _converter(standard_: str):
    import opencc  # loaded by the editions that need it, not by every build

    return opencc.OpenCC(STANDARDS[standard_])


@functools.lru_cache(maxsize=8192)
def convert(text: str, standard_: str = DEFAULT_STANDARD) -> str:
    """Simplified ``text`` in Traditional Chinese of ``standard_`` (hk or tw), phrase by phrase,
    with corner-bracket quotes."""
    if not text:
        return text
    return _converter(standard_).convert(text).translate(_CORNER_QUOTES)
