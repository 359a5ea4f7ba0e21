"""What every document needs to be made in one language: the sheets' texts, figures and dates
in that language, the fixed strings from its catalog, and an account of the texts that had to
be printed in Chinese because a sheet gives no English. Layouts (the brochure, and the zone
overview and handouts as they come) build on it."""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.platypus import Flowable

from briefing import numbers
from briefing.errors import Where
from briefing.i18n import pgettext, translator
from briefing.layout import blocks
from briefing.project import Project
from briefing.schema import Figure, PartialDate, Text
from briefing.theme import Theme
from briefing.typeset import clean


class Edition:
    """One document in one language."""

    def __init__(self, project: Project, lang: str, theme: Theme):
        self.project, self.lang, self.theme = project, lang, theme
        self._ = translator(lang)
        self.pgettext = functools.partial(pgettext, lang)
        self.width = theme.frame_width
        self.fell_back: dict[Where, None] = {}  # texts printed in Chinese for want of English

    def t(self, text: Text | None) -> str:
        """The text in this edition's language, cleaned: it also reaches headers and
        metadata, which are drawn without paragraph markup. A text with no English is
        printed in Chinese, never left out, and noted so the edition can say so."""
        if not text:
            return ""
        if self.lang == "en" and not text.en:
            self.fell_back.setdefault(self.project.untranslated.get(id(text), Where("?")))
        return clean(text.get(self.lang))

    def figure(self, figure: Figure) -> str:
        return numbers.format_figure(figure, self.lang)

    def date(self, date: PartialDate) -> str:
        return numbers.format_month_or_day(date, self.lang)

    def fallback_note(self) -> str:
        """A sentence for the cover when some text is printed in Chinese; call it after the
        rest of the document has been made."""
        if not self.fell_back:
            return ""
        return self._("Some texts have no English yet and are shown in Chinese (listed at the end)")

    def untranslated(self) -> list[Flowable]:
        """The fields this edition printed in Chinese because their sheets give no English,
        each with its file and line, for the staff who will translate them; nothing when
        every text was there."""
        _, theme, data_dir = self._, self.theme, self.project.data_dir
        body = []
        for where in sorted(self.fell_back, key=lambda w: (w.path, w.line or 0)):
            path = Path(where.path)
            name = path.relative_to(data_dir) if path.is_relative_to(data_dir) else path
            line = _("{field} ({file}, line {line})").format(
                field=where.field or "?", file=name.as_posix(), line=where.line or "?")
            body.append(blocks.paragraph(line, theme, "reference", bulletText="•"))
        return blocks.section(_("Shown in Chinese: no English yet"), body, theme, back_matter=True)
