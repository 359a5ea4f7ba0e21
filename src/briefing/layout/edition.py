"""What every document needs to be made in one language: the sheets' texts, figures and dates
in that language, the fixed strings from its catalog, an account of the texts that had to be
printed in Chinese because a sheet gives no English, and what more than one document shows
alike (metadata, the cover note, rows of figures, the numbered sources). The park brochure and
the zone overview build on it."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable, Optional

from reportlab.platypus import Flowable, Spacer

from briefing.text import numbers
from briefing.errors import Where
from briefing.text.i18n import nested_quotes, pgettext, translator
from briefing.layout import blocks
from briefing.layout.document import Meta
from briefing.sheets.project import Project
from briefing.sheets.schema import Figure, PartialDate, Source, Text
from briefing.layout.theme import Theme
from briefing.text.typeset import clean


class Edition:
    """One document in one language. An edition made as part of another (a park's brochure
    sections inside the zone overview) passes that one as ``within``: its texts in Chinese
    are then listed by the document they appear in."""

    #: Whom this copy was prepared for (``--for``), shown on its cover.
    dedication = None

    def __init__(self, project: Project, lang: str, theme: Theme, within: Optional[Edition] = None):
        self.project, self.lang, self.theme = project, lang, theme
        self._ = translator(lang)
        self.pgettext = functools.partial(pgettext, lang)
        self.width = theme.frame_width
        #: Texts printed in Chinese for want of English, by where the sheet gives them.
        self.fell_back: dict[Where, None] = within.fell_back if within else {}

    # -- texts, figures and dates in this language ----------------------------------------

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

    def clauses(self, parts: Iterable[str]) -> str:
        """Clauses of one sentence, the empty ones left out (Chinese ，)."""
        return self.pgettext("clauses", ", ").join(part for part in parts if part)

    def stage_names(self) -> dict[str, str]:
        """Stages of moving in (``CompanyGroup.stage``), as tables label them."""
        _ = self._
        return {"signed": _("Signed"), "reviewed": _("Passed first review"), "intent": _("Intent to move in")}

    # -- what documents show alike ----------------------------------------------------------

    def short_name(self, sheet) -> str:
        """A park's or the zone's short name, for headers and tables; its name if it has none."""
        return self.t(sheet.short_name or sheet.name)

    def chain_of(self, park):
        """The chain a park is paired with, or None."""
        return self.project.chains.get(park.chain)

    def paired_with(self, park) -> str:
        """"Paired with the … chain", or "" for a park paired with none."""
        chain = self.chain_of(park)
        return self._("Paired with the {chain}").format(chain=self.t(chain.name)) if chain else ""

    def _meta(self, as_of: PartialDate, epoch: int, **fields) -> Meta:
        """A document's metadata, with what every edition writes alike: its language, the
        as-of date in the footer and "page X of Y"."""
        _ = self._
        return Meta(lang="zh-CN" if self.lang == "zh" else "en-GB",
                    footer_left=_("Facts as of {date}").format(date=self.date(as_of)),
                    page_label=lambda page, pages: _("Page {page} of {pages}").format(page=page, pages=pages),
                    epoch=epoch, **fields)

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
        """The cover's foot: the as-of date, the publications, and whether any text is in
        Chinese; make it after the rest of the document, so that it knows."""
        _ = self._
        sources = sorted({self.t(s.publication) for s in self.project.sources.values()})
        parts = [_("Facts as of {date}").format(date=self.date(as_of))]
        if sources:
            parts.append(_("Source: {sources}").format(sources="; ".join(sources)))
        if self.fell_back:
            parts.append(_("Some texts have no English yet and are shown in Chinese (listed at the end)"))
        return " · ".join(parts)

    # -- texts printed in Chinese -----------------------------------------------------------

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

    # -- sources ----------------------------------------------------------------------------

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
            parts = [_("“{title}”").format(title=nested_quotes(self.lang, title)), self.t(source.section),
                     self.t(source.author), self.t(source.publication), self.date(source.date)]
            body.append(blocks.paragraph(self.clauses(parts), self.theme, "reference", bulletText=f"{number}."))
        return body

    def source_number(self, sources: list[Source], source_id: Optional[str]) -> str:
        """A figure's source as its number in the reference list, e.g. [2]."""
        ids = [s.id for s in sources]
        return f"[{ids.index(source_id) + 1}]" if source_id in ids else ""

    def dedication_line(self) -> list:
        """"Prepared for <visitor> on <date>" for a copy made for one delegation (``--for``)."""
        dedication, _ = self.dedication, self._
        if not dedication:
            return []
        if dedication.date:
            text = _("Prepared for {visitor} on {date}").format(visitor=dedication.visitor,
                                                                date=self.date(dedication.date))
        else:
            text = _("Prepared for {visitor}").format(visitor=dedication.visitor)
        return [blocks.paragraph(text, self.theme, "dedication")]
