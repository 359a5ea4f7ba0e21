"""The typesetting specimen: the same texts set by stock ReportLab and by ``typeset.py``, side
by side in columns of equal width, with the column edges drawn so that flush edges, overhangs
and bad breaks show at a glance. A developer's artefact (``briefing specimen``), in English."""

from __future__ import annotations

import io

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from briefing.layout.styles import styles
from briefing.layout.theme import DEFAULT, Theme
from briefing.text import fonts
from briefing.text.typeset import escape, paragraph

#: (what to look for, text). Texts from the source article, and a torture text of our own.
SAMPLES = [
    ("Line-start and line-end rules: no line starts with ，。、：” or ends with “《（.",
     "两个产业园都是高新区内的“园中园”：一栋楼就是一个特色产业园区，也是一个产业社区。"
     "园区配有高水平的运营团队，交通便利，办公条件现代，设施贴心，生产和生活配套齐全，让同类产业在这里聚集。"),
    ("Numbers and units stay whole (12,345.67亿元, 12.5 km², 5G); a quarter em between Han and Latin.",
     "园区总建筑面积4.2万平方米，计划引入总部型企业20家、科创型企业200家，年产值20亿元；"
     "面积为12.5 km²，增长-3.5%，引进5G企业与AI企业，报道称“12,345.67亿元”。"),
    ("Latin words and URLs never split; ——and …… stay one unit; compressed punctuation at ”，and ）。",
     "《衡阳日报》报道：“两链两园”——International Hub（见https://example.org/a-b）。"
     "Hengyang National High-tech Zone……园区“园中园”，一栋楼就是一个特色产业园区。"),
    ("No lone Han character on the last line.",
     "湘南湘西移动互联网产业园是高新区为衡阳市移动互联网产业链配建的“园中园”，位于衡州大道数字经济走廊上。"),
    ("English set in the same column: justified at word spaces, words never split.",
     "The Smart Medical Industrial Park is the park the zone has built for Hengyang's biomedicine "
     "industrial chain. It occupies Commercial Building No. 6 of the Xinxing Financial Centre, "
     "with 17,000 square metres of floor space."),
]
COLUMN_EMS = 15  # narrow enough for many line ends per sample
GUTTER_EMS = 3


def render_specimen(theme: Theme = DEFAULT) -> bytes:
    """The specimen PDF."""
    fonts.register()
    sheet = styles(theme)
    body = sheet["body"]
    stock = ParagraphStyle("stock", parent=body, wordWrap="CJK", alignment=TA_JUSTIFY)
    column, gutter = COLUMN_EMS * body.fontSize, GUTTER_EMS * body.fontSize
    story = [paragraph("Chinese typesetting specimen: stock ReportLab and briefing", sheet["h1"]),
             paragraph("Each pair sets one text in columns of equal width, justified; the grey rules "
                       "are the column edges.", sheet["plain"]), Spacer(1, body.leading)]
    for note, text in SAMPLES:
        story += [paragraph(note, sheet["h2"]), _pair(text, stock, body, column, gutter, theme),
                  Spacer(1, body.leading)]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=theme.paper, invariant=1, title="Typesetting specimen",
                          author="briefing", creator="briefing", producer="briefing", lang="zh-CN",
                          initialFontName=theme.font)
    margin = (theme.paper[0] - 2 * column - gutter) / 2
    frame = Frame(margin, theme.space.margin_bottom, 2 * column + gutter,
                  theme.paper[1] - theme.space.margin_top - theme.space.margin_bottom, 0, 0, 0, 0)
    doc.addPageTemplates([PageTemplate("specimen", frames=[frame])])
    doc.build(story)
    return buffer.getvalue()


def _pair(text: str, stock: ParagraphStyle, body: ParagraphStyle, column: float, gutter: float,
          theme: Theme) -> Table:
    sheet = styles(theme)
    rows = [[paragraph("stock ReportLab (wordWrap='CJK', justified)", sheet["caption"]), "",
             paragraph("briefing (typeset.py)", sheet["caption"])],
            [Paragraph(escape(text), stock), "", paragraph(text, body)]]
    table = Table(rows, colWidths=[column, gutter, column])
    edge = theme.palette.rule
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), theme.font),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBEFORE", (0, 1), (0, 1), 0.5, edge), ("LINEAFTER", (0, 1), (0, 1), 0.5, edge),
        ("LINEBEFORE", (2, 1), (2, 1), 0.5, edge), ("LINEAFTER", (2, 1), (2, 1), 0.5, edge),
    ]))
    return table
