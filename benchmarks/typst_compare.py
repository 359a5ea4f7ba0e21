"""Sets the same texts with briefing's typesetter and with Typst (the `typst` package on PyPI),
in the same face, size and column widths, justified with a two-em indent, and prints how each
does on the clreq rules, flush edges, copy-out, time and file size. Not part of the test suite.

    pip install typst pdfplumber && python benchmarks/typst_compare.py
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import typst
import yaml
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from briefing.layout.styles import styles
from briefing.layout.theme import DEFAULT
from briefing.text import fonts
from briefing.text.linebreak import CANNOT_END, CANNOT_START, is_wide, word_like
from briefing.text.typeset import clean, paragraph

ROOT = Path(__file__).resolve().parents[1]
STYLE = styles(DEFAULT)["body"]
EM, LEADING, MARGIN = STYLE.fontSize, STYLE.leading, 36.0
WIDTHS = (12, 20, 30, 45)  # ems; 45 is about a brochure's text column
WHOLE = re.compile(r"https?://\S+|\d[\d,.]*\s(?:km²|m²)|[A-Za-z0-9][A-Za-z0-9.,:/_²%-]*[A-Za-z0-9²%]|——|……")
TORTURE = ("园区（“两链两园”）计划引入总部型企业20家、科创型企业200家，年产值20亿元；《衡阳日报》报道："
           "“12,345.67亿元”——International Hub 5G……https://example.org/a-b 与12.5 km²的面积？是的！")


def texts() -> list[str]:
    """The Chinese paragraphs of the shipped fact sheets (30 characters or more), and a torture text."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("zh"), str) and len(node["zh"]) >= 30:
                found.append(clean(node["zh"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((ROOT / "data").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [TORTURE, *found]


def set_with_briefing(items: list[str], ems: int, path: Path) -> None:
    fonts.register()
    width = ems * EM
    page = (width + 2 * MARGIN, 4000)
    frame = Frame(MARGIN, MARGIN, width, page[1] - 2 * MARGIN, 0, 0, 0, 0)
    doc = BaseDocTemplate(str(path), pagesize=page, pageTemplates=[PageTemplate(frames=[frame])],
                          initialFontName=STYLE.fontName)
    story = []
    for text in items:
        story += [paragraph(text, STYLE), Spacer(1, 2 * LEADING)]
    doc.build(story)


def set_with_typst(items: list[str], ems: int, path: Path) -> None:
    width = ems * EM
    source = [
        f"#set page(width: {width + 2 * MARGIN}pt, height: auto, margin: {MARGIN}pt)",
        f'#set text(font: "Noto Sans SC Briefing", size: {EM}pt, lang: "zh", region: "cn", '
        'top-edge: "ascender", bottom-edge: "descender")',
        f"#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: {LEADING - EM}pt, "
        f"spacing: {2 * LEADING + LEADING - EM}pt)",
    ]
    source += [f"#{json.dumps(text, ensure_ascii=False)}\n" for text in items]
    path.write_bytes(typst.compile("\n\n".join(source).encode("utf-8"), font_paths=[str(ROOT / "fonts")]))


def analyse(path: Path, items: list[str], ems: int) -> dict:
    """Rule breaches, ragged lines and copy-out of a PDF holding ``items`` in order. Lines
    come from the glyphs (pdfplumber), so spacing cannot split or merge them; copy-out is
    what pdftotext gives back."""
    with pdfplumber.open(path) as pdf:
        rows = [row for page in pdf.pages for row in _rows(page.chars)]
    lines_all = ["".join(c["text"] for c in row if not c["text"].isspace()) for row in rows]
    ends = [max(c["x1"] for c in row if not c["text"].isspace()) for row in rows]
    copied = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    copied = _joined([r for r in copied.replace("\f", "\n").splitlines() if r.strip()])
    right = MARGIN + ems * EM
    result = {"lines": len(rows), "starts": 0, "ends": 0, "split": 0, "ragged": 0, "lone": 0, "exact": 0}
    index = 0
    for text in items:
        squeezed, lines = "".join(text.split()), []
        while len("".join(lines)) < len(squeezed):
            lines.append(lines_all[index])
            index += 1
        result["exact"] += text in copied
        for line, following in itertools.pairwise(lines):
            result["starts"] += following[0] in CANNOT_START
            result["ends"] += line[-1] in CANNOT_END
        breaks = [sum(len(line) for line in lines[:k + 1]) for k in range(len(lines) - 1)]
        for unit in WHOLE.finditer(text):  # positions counted without spaces, as in ``breaks``
            start, end = (len("".join(text[:k].split())) for k in unit.span())
            result["split"] += any(start < b < end for b in breaks)
        result["lone"] += len(lines) > 1 and sum(is_wide(c) and c.isalpha() for c in lines[-1]) == 1
        first = index - len(lines)
        result["ragged"] += sum(1 for k in range(first, index - 1)
                                if _stretchable(lines_all[k]) and ends[k] < right - 0.5)
    return result


def _rows(chars):
    rows = {}
    for char in chars:
        rows.setdefault(round(char["bottom"], 1), []).append(char)
    return [sorted(rows[key], key=lambda c: c["x0"]) for key in sorted(rows)]


def _joined(lines: list[str]) -> str:
    """Lines joined as a reader's copy would be: a space only between two Latin lines."""
    text = lines[0]
    for line in lines[1:]:
        text += (" " if word_like(text[-1]) and word_like(line[0]) else "") + line
    return text


def _stretchable(line: str) -> bool:
    return any(not (word_like(a) and word_like(b)) for a, b in itertools.pairwise(line))


def timed(setter, items, ems, path, runs=5) -> float:
    times = []
    for _ in range(runs + 1):  # the first run warms caches (fonts, Typst's font index)
        start = time.perf_counter()
        setter(items, ems, path)
        times.append(time.perf_counter() - start)
    return sorted(times[1:])[len(times[1:]) // 2]


def main() -> int:
    items = texts()
    print(f"{len(items)} paragraphs, {sum(map(len, items))} characters; Typst {typst.__version__}")
    print(f"{'ems':>4} {'engine':9} {'lines':>5} {'bad start':>9} {'bad end':>7} {'split':>5} "
          f"{'ragged':>6} {'lone':>4} {'exact copy':>10} {'ms':>6} {'KB':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for ems in WIDTHS:
            for name, setter in (("briefing", set_with_briefing), ("typst", set_with_typst)):
                path = Path(folder) / f"{name}-{ems}.pdf"
                ms = timed(setter, items, ems, path) * 1000
                r = analyse(path, items, ems)
                print(f"{ems:>4} {name:9} {r['lines']:>5} {r['starts']:>9} {r['ends']:>7} {r['split']:>5} "
                      f"{r['ragged']:>6} {r['lone']:>4} {r['exact']:>6}/{len(items):<3} {ms:>6.0f} "
                      f"{path.stat().st_size / 1024:>6.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
