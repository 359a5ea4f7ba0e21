"""Every PDF the shipped builds write (``helpers.SHIPPED``: office, print shop, A5, Letter, bleed)
is sound, one test per file: qpdf's structural check, pypdf in strict mode, every font embedded
(``pdfcheck.pdf_problems``), and set only in subsets of the faces of its language. Each build
writes exactly the files planned for it, so no file escapes these checks."""

import subprocess

import pytest

from helpers import SHIPPED
from pdfcheck import pdf_problems

#: The faces each language's documents are set in (fonts.py names the subsets).
FACES = {"zh": "NotoSansSCBriefing-", "en": "NotoSansSCBriefingLatin-", "zh-Hant": "NotoSansHKBriefing-"}
FILES = [(variant, name) for variant, spec in SHIPPED.items() for name in spec.planned() if name.endswith(".pdf")]
TEXTS = [(variant, name) for variant, spec in SHIPPED.items() for name in spec.planned() if name.endswith(".txt")]


@pytest.mark.parametrize("variant", SHIPPED)
def test_the_build_writes_the_planned_files_and_no_other(shipped, variant):
    documents = shipped(variant)
    [folder] = {document.path.parent for document in documents.values()}
    # The images for WeChat (--share) are named by the pages rendered: tests/test_traditional_edition.py
    # checks them.
    written = [path.name for path in folder.glob("*") if not path.name.startswith(".") and path.suffix != ".png"]
    assert sorted(written) == sorted(SHIPPED[variant].planned())


@pytest.mark.parametrize("variant, name", FILES, ids=[f"{variant}/{name}" for variant, name in FILES])
def test_the_pdf_is_sound_and_set_in_its_languages_faces(shipped, variant, name):
    document = shipped(variant)[name]
    assert pdf_problems(document.path) == []
    rows = subprocess.run(["pdffonts", str(document.path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    for row in rows:  # name type... emb sub uni object generation
        font, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert (emb, sub) == ("yes", "yes"), row
        # A job sheet is in Chinese and English alike: the faces with Latin letters.
        faces = FACES["en"] if document.kind == "jobsheet" else FACES[document.lang]
        assert font.split("+")[-1].startswith(faces), row


@pytest.mark.parametrize("variant, name", TEXTS, ids=[f"{variant}/{name}" for variant, name in TEXTS])
def test_the_job_sheet_text_is_utf8_lines(shipped, variant, name):
    text = shipped(variant)[name].data.decode("utf-8")
    assert text.endswith("\n") and "\r" not in text and text.count("\n") > 10


def test_the_checks_catch_a_damaged_file_and_a_font_not_embedded(tmp_path, shipped):
    """The checks above can fail: a file cut short, and a page in ReportLab's Helvetica (a font
    it does not embed)."""
    from reportlab.pdfgen.canvas import Canvas

    whole = shipped("office")["park-smart-medical-zh.pdf"].data
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    assert any("qpdf --check exit" in problem for problem in pdf_problems(cut))
    assert any("pypdf strict" in problem for problem in pdf_problems(cut))
    helvetica = tmp_path / "helvetica.pdf"
    canvas = Canvas(str(helvetica))
    canvas.drawString(72, 72, "Hengyang")
    canvas.save()
    assert [problem.split(": ", 1)[1][:22] for problem in pdf_problems(helvetica)] == ["font not embedded: Hel"]
