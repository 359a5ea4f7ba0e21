"""Messages for the user (problems in the fact sheets, what a command did), in the user's language.

A message is built in English, as the tests assert it, with ``msg("... {name} ...", name=...)``:
the result is the English text (a ``str``), which also remembers its msgid and arguments, so it
can be shown in Chinese where it is shown: ``shown(message, "zh")`` looks the msgid up in the
same catalogs as the documents and the front desk (``locales/<lang>/LC_MESSAGES/messages.po``;
``tools/update_catalogs.sh`` extracts ``msg()`` as it extracts ``_()``) and formats the
translation with the same arguments, translating those that are messages too.

The terminal's language is the user's locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, then
``LANG``, as gettext reads them): ``zh_CN.UTF-8`` gives Chinese, ``zh_TW``, ``zh_HK``, ``zh_MO``
and ``zh_Hant`` Traditional Chinese (the one Traditional catalog the documents use), anything
else English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

#: The terminal's languages: Chinese for a zh locale, else English (the msgids).
DEFAULT = "en"
#: The terminal's language for a Traditional Chinese locale (``user_language``).
TRADITIONAL = "zh-Hant"
#: The languages besides English that what a build says is kept in (in its manifest), to be
#: shown in the user's language later, when the messages it was made of are gone.
TRANSLATED = ("zh", TRADITIONAL)


class Message(str):
    """An English message that can be shown in another language: the text, its msgid and
    its arguments."""

    msgid: str
    params: Mapping[str, Any]

    def __new__(cls, msgid: str, params: Mapping[str, Any]):
        text = msgid.format(**{k: _english(v) for k, v in params.items()}) if params else msgid
        made = super().__new__(cls, text)
        made.msgid, made.params = msgid, dict(params)
        return made

    def __reduce__(self):  # crosses to and from worker processes intact
        return (Message, (self.msgid, self.params))


class Both(str):
    """A value given in both languages (a field's description from the schema): English as
    the text, Chinese kept beside it."""

    zh: str

    def __new__(cls, en: str, zh: str = ""):
        made = super().__new__(cls, en)
        made.zh = zh or en
        return made

    def __reduce__(self):
        return (Both, (str(self), self.zh))


def msg(msgid: str, **params: Any) -> Message:
    """``msgid`` formatted with ``params`` (without any, it is not a format string: braces
    are braces); shown in another language by ``shown``."""
    return Message(msgid, params)


def shown(text: Any, lang: str) -> str:
    """``text`` in ``lang``: a message (or a value in both languages) translated, anything
    else as it is."""
    if lang == DEFAULT or not isinstance(text, str):
        return str(text)
    if isinstance(text, Both):
        return text.zh if lang == "zh" else _traditional(text.zh) if lang == TRADITIONAL else str(text)
    if not isinstance(text, Message):
        return str(text)
    from briefing.text.i18n import gettext

    translated = gettext(lang, text.msgid)
    if not text.params:  # not a format string: braces are themselves
        return translated
    try:
        return translated.format(**{k: shown(v, lang) if isinstance(v, str) else v for k, v in text.params.items()})
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: English rather than nothing
        return str(text)


def _english(value: Any) -> Any:
    return str(value) if isinstance(value, str) else value


def _traditional(text: str) -> str:
    """A value given in Simplified Chinese only (``Both``), in Traditional characters."""
    from briefing.text.traditional import convert  # OpenCC, only for a Traditional terminal

    return convert(text)


def user_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the terminal's user: zh when their locale is Chinese (zh-Hant when it
    is Taiwan's, Hong Kong's, Macao's or written Hant), else en."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            first = value.split(":")[0].split(".")[0].lower().replace("-", "_")
            if not (first == "zh" or first.startswith("zh_")):
                return DEFAULT
            parts = set(first.split("_")[1:])
            return TRADITIONAL if "hant" in parts or (parts & {"tw", "hk", "mo"} and "hans" not in parts) else "zh"
    return DEFAULT
