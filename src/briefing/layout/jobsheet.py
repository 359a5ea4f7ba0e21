"""The job sheet: what a print shop needs to print a job's files right, in Chinese and English,
as a one-page PDF (with a proof thumbnail of each file) and as plain text, written beside the
files (``jobsheet-<subject>-<lang>....pdf`` and ``.txt``).

For each file: what it is, its finished size, the sheet it is printed on and how many pieces a
sheet holds, the sides and the edge to flip on, folding and binding, a paper, and, for the
whole job, the colour condition and the bleed. Nothing here is a fact about the zone: the
quantity and the due date are left blank for the organiser to fill in.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageTemplate, Spacer, Table, TableStyle

from briefing.layout import blocks
from briefing.layout.styles import styles
from briefing.layout.theme import DEFAULT, PAPERS, Theme, for_language
from briefing.pipeline.options import PIECE, Output
from briefing.pipeline.plan import MIXED, Job
from briefing.press.spec import CONDITIONS, cmyk_image
from briefing.text.i18n import gettext

#: A print shop in China reads the job sheet in Chinese; English beside it for a foreign one.
JOB_SHEET_LANGUAGES = ("zh", "en")


def N_(message: str) -> str:
    """Marks a fixed string for the catalogs (Babel's extractor knows ``N_``); translated
    into both languages by ``_both``."""
    return message


#: Suggested paper weight (g/m2) by kind of file: text pages, handouts, cards.
PAPER_WEIGHT = {"brochure": 128, "overview": 128, "booklet": 128, "flyer": 157, "2up": 157, "4up": 300}
THUMBNAIL = 26 * mm  # the longer side of a proof thumbnail

#: The rows' labels, in the order a file's rows come.
WHAT, FINISHED, PRINTED_ON, SIDES, BINDING, CREEP, PAPER, ON_SHEET = (
    N_("What it is"), N_("Finished size"), N_("Printed on"), N_("Sides"), N_("Folding and binding"), N_("Creep"),
    N_("Paper"), N_("On each sheet"))
COLOUR, BLEED, QUANTITY, DUE = N_("Colour"), N_("Bleed"), N_("Quantity"), N_("Due")


@dataclass(frozen=True)
class Entry:
    """One file's instructions, each value as (Chinese, English)."""

    name: str
    rows: list[tuple[str, tuple[str, str]]]  # (English label, (zh, en) value)
    thumbnail: bytes  # PNG (or CMYK JPEG) of the first page


def _both(message: str, **values) -> tuple[str, str]:
    """A fixed string in Chinese and in English (the shop reads the one, the organiser the other)."""
    zh, en = (gettext(lang, message).format(**values) for lang in JOB_SHEET_LANGUAGES)
    return zh, en


def _size(paper: str) -> str:
    w, h = PAPERS[paper]
    return f"{paper}, {w / mm:.0f} × {h / mm:.0f} mm"


def describe(document, output: Output, imposed, names: tuple[list[str], list[str]] = ([], [])) -> Entry:
    """A file of the job as the print shop needs it (``imposed``: its ``press.impose.Imposed``;
    ``names``: the parks whose flyers share its sheets, in Chinese and English)."""
    kind, spec = document.kind, output.spec
    rows: list[tuple[str, tuple[str, str]]] = []
    what = {"brochure": N_("Brochure, {pages} pages"), "overview": N_("Zone overview, {pages} pages"),
            "flyer": N_("One-page flyer"), "2up": N_("Sheets of two A5 flyers; sheet sides in the file: {pages}"),
            "4up": N_("Sheets of four A6 cards; sheet sides in the file: {pages}"),
            "booklet": N_("A5 booklet imposed for saddle stitching; sheet sides in the file: {pages}")}
    rows.append((WHAT, _both(what[kind], pages=document.pages)))
    finished = PIECE.get(kind, document.paper)
    size = _size(finished)
    rows.append((FINISHED, (size, size)))
    if imposed is None:
        rows += _single(document, output)
    else:
        rows += _imposed(kind, imposed)
        if len(names[0]) > 1 and kind != "booklet":  # several parks: which piece is where on the first sheet
            cells = imposed.layout.per_sheet
            order = [[names[lang][i % len(names[lang])] for i in range(cells)] for lang in (0, 1)]
            rows.append((ON_SHEET, ("、".join(order[0]) + "（从左上起按行）",
                                    "; ".join(order[1]) + " (rows from the top left)")))
    weight = PAPER_WEIGHT[kind]
    condition = CONDITIONS[spec.condition]
    paper_type = (condition.paper_zh, condition.paper) if spec.cmyk else ("铜版纸", "coated paper")
    rows.append((PAPER, (f"{weight}克{paper_type[0]}（建议）", f"{weight} g/m², {paper_type[1]} (suggested)")))
    return Entry(document.name, rows, b"")


def _single(document, output: Output) -> list:
    spec = output.spec
    rows = []
    if spec.print_shop:
        rows.append((PRINTED_ON, _both(N_("Each page on a sheet of its own at 100 %; trim at its crop marks"))))
    else:
        rows.append((PRINTED_ON, _both(N_("{paper}, one page a sheet at 100 %"), paper=document.paper)))
    if document.pages > 1:
        rows.append((SIDES, _both(N_("Both sides, flip on the long edge"))))
        rows.append((BINDING, _both(N_("No folding; staple at the top left corner"))))
    else:
        rows.append((SIDES, _both(N_("One side"))))
        rows.append((BINDING, _both(N_("None"))))
    return rows


def _imposed(kind: str, imposed) -> list:
    layout = imposed.layout
    sheet = layout.sheet_name
    w, h = sorted(layout.sheet)
    size = f"{sheet}, {w / mm:.0f} × {h / mm:.0f} mm"
    rows = []
    if layout.office:
        rows.append((PRINTED_ON, _both(N_("{size}, office printer, {count} a sheet, scaled to fit, {margin:.0f} mm "
                                         "white border"), size=size,
                                         count=layout.per_sheet, margin=layout.margin / mm)))
    else:
        rows.append((PRINTED_ON, _both(N_("{size}, {count} a sheet at 100 %, {gutter:.0f} mm gutter"), size=size,
                                         count=layout.per_sheet,
                                         gutter=layout.gutter / mm)))
    flips = {"short": N_("Both sides, flip on the short edge"), "long": N_("Both sides, flip on the long edge")}
    if imposed.sides == 2:
        rows.append((SIDES, _both(flips[layout.flip])))
    else:
        rows.append((SIDES, _both(N_("One side"))))
    if kind == "booklet":
        rows.append((BINDING, _both(N_(
            "Fold at the dashed mark, nest in order (sheet 1 outside), two staples on the fold (saddle stitch), "
            "trim at the crop marks"))))
        if imposed.creep and max(imposed.creep) > 0:
            rows.append((CREEP, _both(N_("Built in: inner sheets’ pages moved up to {creep:.1f} mm toward the spine "
                                        "({sheets} sheets, {caliper:.1f} mm paper)"),
                                        creep=max(imposed.creep) / mm, sheets=imposed.sheets,
                                        caliper=(imposed.creep[1] if len(imposed.creep) > 1 else 0) / mm)))
        elif not layout.office:
            rows.append((CREEP, _both(N_("None needed: one sheet"))))
    else:
        rows.append((BINDING, _both(N_("No folding; cut at the marks"))))
    return rows


def job_rows(output: Output) -> list[tuple[str, tuple[str, str]]]:
    """What holds for every file of the job: colour and bleed."""
    spec = output.spec
    rows = []
    if spec.cmyk:
        condition = CONDITIONS[spec.condition]
        rows.append((COLOUR, _both(N_("CMYK, PDF/X-1a:2003, printing condition {name} ({info}); black text "
                                     "is 100 % K and overprints; print as it is, do not convert"),
                                     name=condition.identifier, info=condition.info)))
    else:
        rows.append((COLOUR, _both(N_("RGB office PDF: convert to the press’s CMYK and proof before printing"))))
    if spec.print_shop:
        rows.append((BLEED, _both(N_("{bleed:.0f} mm on every side of every piece (BleedBox); the TrimBox is "
                                    "the finished size; crop marks stand {gap:.0f} mm outside the bleed"),
                                    bleed=spec.bleed / mm, gap=DEFAULT.marks.gap / mm)))
    else:
        rows.append((BLEED, _both(N_("None"))))
    rows.append((QUANTITY, ("________", "________")))
    rows.append((DUE, ("________", "________")))
    return rows


def subject_names(project, job: Job) -> tuple[str, str]:
    """The job's subject in Chinese and in English."""
    if job.kind == "zone":
        return (project.zone.name.get("zh"), project.zone.name.get("en")) if project.zone else ("", "")
    parks = job.parks if job.subject == MIXED else (job.subject,)
    return tuple("、" .join(project.parks[p].name.get("zh") for p in parks) if lang == "zh" else
                 "; ".join(project.parks[p].name.get("en") for p in parks) for lang in JOB_SHEET_LANGUAGES)  # type: ignore[return-value]


def make(project, job: Job, output: Output, documents: list, imposed: dict, epoch: int) -> tuple[bytes, int, bytes]:
    """The job sheet of ``documents`` as a PDF (its bytes and pages, dated ``epoch``) and as UTF-8 text."""
    parks = [project.parks[p] for p in job.parks] if job.subject == MIXED else []
    names = ([park.name.get("zh") for park in parks], [park.name.get("en") for park in parks])
    entries = [describe(doc, output, imposed.get(doc.kind), names) for doc in documents]
    entries = [Entry(e.name, e.rows, thumbnail(doc.data, output)) for e, doc in zip(entries, documents)]
    subject = subject_names(project, job)
    edition = _both(N_("Chinese edition")) if job.lang == "zh" else _both(N_("English edition"))
    title = (f"印刷说明：{subject[0]}（{edition[0]}）", f"Job sheet: {subject[1]} ({edition[1]})")
    common = job_rows(output)
    text = _text(title, common, entries)
    return (*_pdf(title, common, entries, output, epoch), text.encode("utf-8"))


def _label(english: str) -> tuple[str, str]:
    return _both(english)


def _text(title: tuple[str, str], common: list, entries: list[Entry]) -> str:
    lines = [title[0], title[1], ""]
    for label, (zh, en) in common:
        zh_label, en_label = _label(label)
        lines.append(f"{zh_label} / {en_label}: {zh}" + (f" / {en}" if en != zh else ""))
    for number, entry in enumerate(entries, start=1):
        lines += ["", f"{number}. {entry.name}"]
        for label, (zh, en) in entry.rows:
            zh_label, en_label = _label(label)
            lines += [f"   {zh_label}：{zh}", f"   {en_label}: {en}"]
    return "\n".join(lines) + "\n"


def thumbnail(pdf: bytes, output: Output) -> bytes:
    """The first page, small, as a PNG (or, for a CMYK job, a CMYK JPEG: no RGB in its files)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        scale = THUMBNAIL * 2 / max(page.get_width(), page.get_height())  # 144 dpi at the thumbnail's size
        image = page.render(scale=scale).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return cmyk_image(out.getvalue()) if output.spec.cmyk else out.getvalue()


def _pdf(title: tuple[str, str], common: list, entries: list[Entry], output: Output, epoch: int) -> tuple[bytes, int]:
    from briefing.layout.document import Meta
    from briefing.text import fonts
    from briefing.text.hooks import fix_time_stamp

    fonts.register()
    theme: Theme = for_language(output.spec.theme(DEFAULT), "en")  # Noto Sans: Han and Latin alike
    theme = theme.for_paper(PAPERS["A5"])  # type of an A5 page (cells about 8 pt): six files fit one A4 page
    sheet = styles(theme)
    page = landscape(A4)
    margin = 12 * mm
    width = page[0] - 2 * margin
    story: list = [blocks.paragraph(title[0], theme, "h2"), blocks.paragraph(title[1], theme, "h2"),
                   Spacer(0, 4)]
    story.append(_table([[_cell(_label(label), sheet["cell_head"]), _cell(value, sheet["cell"])]
                         for label, value in common], [width * 0.18, width * 0.82], theme))
    story += [Spacer(0, 6), _files(entries, theme, width)]
    meta = Meta(title[1], "briefing", title[0], [], "zh-CN", "", "", "", lambda n, t: "", epoch)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=page, invariant=1, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=meta.title, subject=meta.subject,
                          author=meta.author, creator="briefing", producer="briefing", lang=meta.lang,
                          initialFontName=theme.font, enforceColorSpace="cmyk" if output.spec.cmyk else None)
    doc.addPageTemplates([PageTemplate("page", frames=[Frame(margin, margin, width, page[1] - 2 * margin, id="f",
                                                             leftPadding=0, rightPadding=0, topPadding=0,
                                                             bottomPadding=0)])])
    # One page for a job of a few files; a larger job (several parks' sheets) runs on, never
    # shrunk below the type floor.

    def canvasmaker(*args, **kwargs):
        from reportlab.pdfgen.canvas import Canvas

        canvas = Canvas(*args, **kwargs)
        fix_time_stamp(canvas, epoch)
        return canvas

    doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue(), doc.page


def _cell(value: tuple[str, str], style) -> list:
    zh, en = value
    return [blocks.text_para(zh, style)] + ([blocks.text_para(en, style)] if en != zh else [])


#: The columns of the files' table: each a file's rows by label; an extra row joins the
#: column of the one before it (which parks are where joins "Printed on", creep the binding).
COLUMNS = ((WHAT, 0.2), (FINISHED, 0.09), (PRINTED_ON, 0.19), (SIDES, 0.11), (BINDING, 0.25), (PAPER, 0.16))
JOINS = {ON_SHEET: PRINTED_ON, CREEP: BINDING}


def _files(entries: list[Entry], theme: Theme, width: float) -> Table:
    """A row per file: its thumbnail, then what it is (with its name), finished size, sheet,
    sides, binding and paper, each in Chinese over English."""
    sheet = styles(theme)
    inner = width - THUMBNAIL - 6
    header = [[]] + [_cell(_label(label), sheet["cell_head"]) for label, _ in COLUMNS]
    rows = [header]
    for entry in entries:
        values: dict[str, list] = {label: [] for label, _ in COLUMNS}
        for label, value in entry.rows:
            column = JOINS.get(label, label)
            if label in JOINS:
                zh_label, en_label = _label(label)
                values[column] += _cell((f"{zh_label}：{value[0]}", f"{en_label}: {value[1]}"), sheet["cell"])
            else:
                values[column] += _cell(value, sheet["cell"])
        values[WHAT] = [blocks.text_para(entry.name, sheet["cell_head"])] + values[WHAT]
        rows.append([_picture(entry.thumbnail)] + [values[label] for label, _ in COLUMNS])
    table = Table(rows, colWidths=[THUMBNAIL + 6] + [inner * share for _, share in COLUMNS], repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), theme.font),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                               ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                               ("LINEBELOW", (0, 0), (-1, -1), theme.lines.hairline, theme.palette.rule)]))
    return table


def _picture(data: bytes) -> Image:
    """The proof thumbnail, its longer side ``THUMBNAIL``."""
    w, h = ImageReader(io.BytesIO(data)).getSize()
    scale = THUMBNAIL / max(w, h)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale)


def _table(rows: list, widths: list[float], theme: Theme) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), theme.font),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table
