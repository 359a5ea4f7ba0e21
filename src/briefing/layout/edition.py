"""What every document needs to be made in one language: the sheets' texts, figures and dates
in that language, the fixed strings from its catalog, the account of the texts it had to print
in Chinese because a sheet gives no English, and what more than one document shows alike
(metadata, the cover note, rows of figures, the numbered sources).

A document (``Brochure``, ``Flyer``, ``Overview``) holds one ``Edition`` and builds on its
public methods; a park's part of any document comes from a ``ParkPresenter`` made with the
same edition (``park.py``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Optional

from reportlab.platypus import Flowable, Spacer

from briefing.errors import Where
from briefing.layout import blocks
from briefing.layout.document import Meta
from briefing.layout.theme import Theme
from briefing.messages import msg
from briefing.pipeline.occasion import Dedication
from briefing.sheets import facts
from briefing.sheets.project import Project
from briefing.sheets.schema import Deadline, Figure, PartialDate, Source, Text
from briefing.text import numbers, traditional
from briefing.text.i18n import nested_quotes, pgettext, translator
from briefing.text.numbers import Parts
from briefing.text.typeset import clean

#: A key figure as a row of figures takes it: its parts, and its label.
FigureItem = tuple[Parts, str]


class Untranslated:
    """The texts a document printed in Chinese for want of English, each by the place its sheet
    gives it (``Text.where``), in the order they were first printed."""

    def __init__(self) -> None:
        self._places: dict[Where, None] = {}

    def note(self, text: Text) -> None:
        self._places.setdefault(text.where or Where("?"))

    def __bool__(self) -> bool:
        return bool(self._places)

    def places(self) -> list[Where]:
        """By file, then line."""
        return sorted(self._places, key=lambda where: (where.path, where.line or 0))


class Edition:
    """One document in one language."""

    def __init__(self, project: Project, lang: str, theme: Theme):
        self.project, self.lang, self.theme = project, lang, theme
        #: The catalog's translation of a fixed string (``_`` in the methods, for extraction).
        self.gettext = translator(lang)
        self.pgettext = functools.partial(pgettext, lang)
        self.width = theme.frame_width
        self.untranslated = Untranslated()
        #: For a Traditional edition, the standard its texts are converted to (hk or tw).
        zone = project.zone
        self.standard = traditional.standard(lang, zone.traditional if zone else None) \
            if traditional.is_traditional(lang) else None
        #: What a fixed page (a cover, a flyer) had to leave out, for the build to say.
        self.notes: list[str] = []  # messages (``msg``): shown in the user's language

    def left_out(self, what: str, page: str, order: str) -> None:
        """Say that ``what`` was left out of ``page`` (a fixed page never shrinks its type:
        it leaves out whole blocks, least important first, in ``order``)."""
        note = msg("left out {what}: no room on the {page} (it leaves out whole blocks, in this order: {order})",
                   what=what, page=page, order=order)
        if note not in self.notes:
            self.notes.append(note)

    # -- texts, figures and dates in this language ----------------------------------------

    def t(self, text: Optional[Text]) -> str:
        """The text in this edition's language, cleaned: it also reaches headers and
        metadata, which are drawn without paragraph markup. A text with no English is
        printed in Chinese, never left out, and noted so the edition can say so. A text
        awaiting confirmation prints its stand-in, or itself marked "to be confirmed": the
        document says nothing its sheet is not sure of."""
        if not text:
            return ""
        if text.unconfirmed:
            if text.meanwhile:
                return self.t(text.meanwhile)
            return self.gettext("{text} (to be confirmed)").format(text=self._t(text))
        return self._t(text)

    def _t(self, text: Text) -> str:
        if self.lang == "en" and not text.en:
            self.untranslated.note(text)
        if self.standard:  # Traditional: the sheet's own zh-Hant, else the zh converted by OpenCC
            return clean(text.zh_hant or traditional.convert(clean(text.zh), self.standard))
        return clean(text.get(self.lang))

    def figure(self, figure: Figure) -> str:
        """A figure as text: 20多家, more than 20 companies (marked when unconfirmed)."""
        written = numbers.format_figure(figure, self.lang)
        return self.gettext("{text} (to be confirmed)").format(text=written) if figure.unconfirmed else written

    def date(self, date: PartialDate) -> str:
        return numbers.format_month_or_day(date, self.lang)

    def deadline(self, deadline: Deadline) -> str:
        """至2021年底, by the end of 2021: as exact as the sheet, and no more."""
        return numbers.format_deadline(deadline, self.lang)

    def according_to(self, said_by: Text) -> str:
        """据运营方负责人刘浩介绍, according to Liu Hao, head of the operator."""
        return self.gettext("according to {speaker}").format(speaker=self.t(said_by))

    def target_label(self, figure: Figure, label: str = "") -> str:
        """A target's label (or ``label``) with its deadline and who states it, as the sheet
        gives them: 加入联盟的企业（至2021年底；据运营方负责人杨章宏介绍）. Any other figure's
        label as it is."""
        label = label or self.t(figure.label)
        if not facts.is_target(figure):
            return label
        notes = [self.deadline(figure.by) if figure.by else "",
                 self.according_to(figure.said_by) if figure.said_by else ""]
        notes = [note for note in notes if note]
        if not notes:
            return label
        return self.gettext("{label} ({notes})").format(label=label, notes=self.pgettext("notes", "; ").join(notes))

    def as_of_line(self, as_of: PartialDate) -> str:
        """资料截至2021年4月: set where a reader first meets an expected date."""
        return self.gettext("Facts as of {date}").format(date=self.date(as_of))

    def clauses(self, parts: Iterable[str]) -> str:
        """Clauses of one sentence, the empty ones left out (Chinese ，)."""
        return self.pgettext("clauses", ", ").join(part for part in parts if part)

    def stage_names(self) -> dict[str, str]:
        """Stages of moving in (``CompanyGroup.stage``), as tables label them."""
        _ = self.gettext
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
        return self.gettext("Paired with the {chain}").format(chain=self.t(chain.name)) if chain else ""

    def meta(self, as_of: PartialDate, epoch: int, **fields) -> Meta:
        """A document's metadata, with what every edition writes alike: its language, the
        as-of date in the footer and "page X of Y"."""
        _ = self.gettext
        lang = traditional.pdf_language(self.lang, self.standard) if self.standard else \
            "zh-CN" if self.lang == "zh" else "en-GB"
        return Meta(lang=lang,
                    footer_left=_("Facts as of {date}").format(date=self.date(as_of)),
                    page_label=lambda page, pages: _("Page {page} of {pages}").format(page=page, pages=pages),
                    epoch=epoch, **fields)

    def figure_item(self, figure: Figure, label: str = "") -> FigureItem:
        """A figure for a key-figure row: its parts, and its label (or ``label``). A target
        says so above its number (目标, or the source's 预计) and gives its deadline and its
        speaker with its label; an unconfirmed figure says so in its label."""
        parts = numbers.figure_parts(figure, self.lang)
        label = self.target_label(figure, label)
        if facts.is_target(figure) and figure.qualifier != "expected":
            word = self.gettext("target")
            before = self.gettext("{target}: {qualifier}").format(target=word, qualifier=parts.before) \
                if parts.before else word
            parts = dataclasses.replace(parts, before=before)
        if figure.unconfirmed:
            label = self.gettext("{text} (to be confirmed)").format(text=label)
        return parts, label

    def figure_row(self, figures: list[FigureItem]) -> list[Flowable]:
        """Figures in the text, set smaller than the cover's, in rows as the paper's grid has them."""
        if not figures:
            return []
        return [Spacer(0, self.theme.space.paragraph_gap),
                blocks.key_figures(figures, self.theme, self.width, large=False)]

    def cover_note(self, as_of: PartialDate, sheet_keys: Iterable[str], earliest: Optional[PartialDate] = None
                   ) -> Flowable:
        """The cover's foot: the as-of date (from ``earliest`` when the sheets' dates differ),
        the publications the document's sheets cite (``sheet_keys``, as for ``cited``: a source
        another park added is not this one's), and whether any text is in Chinese. Set when it
        is laid out, once the whole story has been made: only then is it known whether any text
        fell back."""
        keys = list(sheet_keys)
        return Later(lambda: blocks.paragraph(self._cover_note_text(as_of, keys, earliest), self.theme, "cover_note"))

    def cover_note_frame(self, as_of: PartialDate, page: str, sheet_keys: Iterable[str],
                         earliest: Optional[PartialDate] = None) -> Flowable:
        """The cover note in its own strip at the foot of a fixed page (``cover_note``), left
        out, and said so, only should it not fit there."""
        note = self.cover_note(as_of, sheet_keys, earliest)
        return blocks.LeaveOut([(msg("the note on facts and sources"), 1, [note])],
                               lambda what: self.left_out(what, page, msg("the note")))

    def _cover_note_text(self, as_of: PartialDate, sheet_keys: list[str], earliest: Optional[PartialDate]) -> str:
        _ = self.gettext
        sources = sorted({self.t(s.publication) for s in self.cited(sheet_keys)})
        if earliest is not None and earliest != as_of:
            parts = [_("Facts as of {first} to {last}").format(first=self.date(earliest), last=self.date(as_of))]
        else:
            parts = [_("Facts as of {date}").format(date=self.date(as_of))]
        if sources:
            parts.append(_("Source: {sources}").format(sources="; ".join(sources)))
        if self.untranslated:
            parts.append(_("Some texts have no English yet and are shown in Chinese (listed at the end)"))
        return " · ".join(parts)

    def dedication_line(self, dedication: Optional[Dedication]) -> list[Flowable]:
        """"Prepared for <visitor> on <date>" for a copy made for one delegation (``--for``), the
        visitor as given for this edition's language (or, given only in the other, as that,
        and the build says so)."""
        _ = self.gettext
        if not dedication:
            return []
        visitor = dedication.name(self.lang)
        if dedication.borrowed(self.lang):
            self.borrowed(msg("the visitor's name"), visitor, "--for-en" if self.lang == "en" else "--for")
        if dedication.date:
            text = _("Prepared for {visitor} on {date}").format(visitor=visitor, date=self.date(dedication.date))
        else:
            text = _("Prepared for {visitor}").format(visitor=visitor)
        return [blocks.paragraph(text, self.theme, "dedication")]

    def borrowed(self, what: str, text: str, option: str) -> None:
        """Say that this edition prints ``what`` as given in the other language."""
        other = msg("Chinese") if self.lang == "en" else msg("English")
        note = msg("prints {what} as given for the {other} documents ({text}): give {option} for this language's",
                   what=what, other=other, text=repr(text), option=option)
        if note not in self.notes:
            self.notes.append(note)

    # -- texts printed in Chinese -----------------------------------------------------------

    def untranslated_section(self) -> list[Flowable]:
        """The fields this edition printed in Chinese because their sheets give no English,
        each with its file and line, for the staff who will translate them; nothing when
        every text was there. The story's last part: make it after the rest."""
        _, theme, data_dir = self.gettext, self.theme, self.project.data_dir
        body: list[Flowable] = []
        for where in self.untranslated.places():
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
        return [source for source in map(self.project.source, sorted(used)) if source]

    def reference_list(self, sources: list[Source]) -> list[Flowable]:
        """Numbered references: title, section, author, publication, date."""
        _ = self.gettext
        body: list[Flowable] = []
        for number, source in enumerate(sources, start=1):
            title = self.t(source.title)
            if source.subtitle:
                title = _("{title}: {subtitle}").format(title=title, subtitle=self.t(source.subtitle))
            parts = [_("“{title}”").format(title=nested_quotes(self.lang, title)), self.t(source.section),
                     self.t(source.author), self.t(source.publication), self.source_date(source)]
            body.append(blocks.paragraph(self.clauses(parts), self.theme, "reference", bulletText=f"{number}."))
        return body

    def source_date(self, source: Source) -> str:
        """The date of a source; one the source does not print is given as inferred:
        约2021年4月（据文中最晚日期推断）, about April 2021 (inferred from the latest date in the text)."""
        if not source.date_inferred:
            return self.date(source.date)
        return self.gettext("about {date} ({basis})").format(date=self.date(source.date),
                                                             basis=self.t(source.date_inferred))

    def source_number(self, sources: list[Source], source_id: Optional[str]) -> str:
        """A figure's source as its number in the reference list, e.g. [2]."""
        ids: list[str] = [s.id for s in sources]
        return f"[{ids.index(source_id) + 1}]" if source_id in ids else ""


class Later(Flowable):
    """A flowable made when it is first laid out, by ``make()``: for what can be said only once
    the whole story exists (the cover note, the list of texts shown in Chinese). It draws
    exactly as the flowable it makes."""

    def __init__(self, make: Callable[[], Flowable]):
        super().__init__()
        self._make = make
        self._made: Optional[Flowable] = None

    @property
    def made(self) -> Flowable:
        if self._made is None:
            self._made = self._make()
        return self._made

    def wrapOn(self, canvas, available_width, available_height):
        return self.made.wrapOn(canvas, available_width, available_height)

    def wrap(self, available_width, available_height):
        return self.made.wrap(available_width, available_height)

    def split(self, available_width, available_height):
        return self.made.split(available_width, available_height)

    def splitOn(self, canvas, available_width, available_height):
        return self.made.splitOn(canvas, available_width, available_height)

    def drawOn(self, canvas, x, y, _sW=0):
        return self.made.drawOn(canvas, x, y, _sW)

    def getSpaceBefore(self):
        return self.made.getSpaceBefore()

    def getSpaceAfter(self):
        return self.made.getSpaceAfter()
