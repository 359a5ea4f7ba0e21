"""What every document's layout shares: the data, one language and the theme, with the
helpers that write texts, figures and dates in that language, and what more than one
document shows alike (metadata, the cover note, rows of figures, the numbered sources)."""

from __future__ import annotations

import functools
from typing import Iterable, Optional

from reportlab.platypus import Flowable, Spacer

from briefing import numbers
from briefing.i18n import pgettext, translator
from briefing.layout import blocks
from briefing.layout.document import Meta
from briefing.project import Project
from briefing.schema import Figure, PartialDate, Source, Text
from briefing.theme import Theme
from briefing.typeset import clean


class Edition:
    """One document in one language: park brochures and the zone overview derive from it."""

    def __init__(self, project: Project, lang: str, theme: Theme):
        self.project, self.lang, self.theme = project, lang, theme
        self._ = translator(lang)
        self.pgettext = functools.partial(pgettext, lang)
        self.width = theme.frame_width

    def t(self, text: Text | None) -> str:
        """The text in this edition's language, cleaned: it also reaches headers and
        metadata, which are drawn without paragraph markup."""
        return clean(text.get(self.lang)) if text else ""

    def figure(self, figure: Figure) -> str:
        return numbers.format_figure(figure, self.lang)

    def date(self, date) -> str:
        return numbers.format_month_or_day(date, self.lang)

    def _meta(self, as_of: PartialDate, epoch: int, **fields) -> Meta:
        """A document's metadata, with what every edition writes alike: its language, the
        as-of date in the footer and "page X of Y"."""
        _ = self._
        return Meta(lang="zh-CN" if self.lang == "zh" else "en-GB",
                    footer_left=_("Facts as of {date}").format(date=self.date(as_of)),
                    page_label=lambda page, pages: _("Page {page} of {pages}").format(page=page, pages=pages),
                    epoch=epoch, **fields)

    def clauses(self, parts: Iterable[str]) -> str:
        """Clauses of one sentence, the empty ones left out (Chinese ，)."""
        return self.pgettext("clauses", ", ").join(part for part in parts if part)

    def stage_names(self) -> dict[str, str]:
        """Stages of moving in (``CompanyGroup.stage``), as tables label them."""
        _ = self._
        return {"signed": _("Signed"), "reviewed": _("Passed first review"), "intent": _("Intent to move in")}

    def _figure_item(self, figure: Figure, label: str = "") -> tuple:
        """A figure for a key-figure row: its parts, and its label (or ``label``)."""
        return numbers.figure_parts(figure, self.lang), label or self.t(figure.label)

    def _figure_row(self, figures: list) -> list[Flowable]:
        """Figures in the text: a row of up to four, set smaller than the cover's."""
        rows = []
        for start in range(0, len(figures), 4):
            rows += [Spacer(0, self.theme.space.paragraph_gap),
                     blocks.key_figures(figures[start:start + 4], self.theme, self.width, large=False)]
        return rows

    def _cover_note(self, as_of: PartialDate) -> str:
        _ = self._
        sources = sorted({self.t(s.publication) for s in self.project.sources.values()})
        note = _("Facts as of {date}").format(date=self.date(as_of))
        if sources:
            note += " · " + _("Source: {sources}").format(sources="; ".join(sources))
        return note

    # -- sources ------------------------------------------------------------------------

    def cited(self, sheet_keys: Iterable[str]) -> list[Source]:
        """The sources the given sheets refer to (keys of ``Project.sources_used``), in the
        order they are numbered."""
        used = set().union(*(self.project.sources_used.get(key, set()) for key in sheet_keys))
        return list(filter(None, map(self.project.source, sorted(used))))

    def reference_list(self, sources: list[Source]) -> list[Flowable]:
        """Numbered references: title, section, author, publication, date."""
        _ = self._
        body = []
        for number, source in enumerate(sources, start=1):
            title = self.t(source.title)
            if source.subtitle:
                title = _("{title}: {subtitle}").format(title=title, subtitle=self.t(source.subtitle))
            parts = [_("“{title}”").format(title=title), self.t(source.section),
                     self.t(source.author), self.t(source.publication), self.date(source.date)]
            body.append(blocks.paragraph(self.clauses(parts), self.theme, "reference", bulletText=f"{number}."))
        return body

    def source_number(self, sources: list[Source], source_id: Optional[str]) -> str:
        """A figure's source as its number in the reference list, e.g. [2]."""
        ids = [s.id for s in sources]
        return f"[{ids.index(source_id) + 1}]" if source_id in ids else ""
