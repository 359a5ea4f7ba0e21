"""Property: whatever a fact sheet holds, the tool ends in a sound PDF or a clean error
(InvalidData naming the sheet), never a traceback, a layout failure or a broken file.

Generated sheets mix valid structure with hostile text (markup, controls, bidi overrides,
emoji, long words, YAML-looking words); a second property feeds raw random text as a sheet.
Examples are kept few so that CI stays fast; ``BRIEFING_EXAMPLES=500 pytest tests/test_property.py``
runs more.
"""

from __future__ import annotations

import os
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefing.errors import InvalidData
from briefing.sheets.schema import QUALIFIERS, UNITS

from helpers import PARK, write
from helpers import build_all as build
from pdfcheck import pdf_problems

pytestmark = pytest.mark.timeout(300)

#: Few examples by default (CI stays fast); BRIEFING_EXAMPLES=500 for a thorough run.
BOUNDED = settings(max_examples=int(os.environ.get("BRIEFING_EXAMPLES", "12")), deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

#: Text that must print as written: markup, YAML-looking words, long words, punctuation.
AWKWARD = ["<b>", "</para>", "&amp;", "&", "<br/>", "<img src='/etc/passwd'/>", " #", ": ", "- ", "NO", "0734",
           "12:30", "2021-02-30", "\t", "\n", "Hengyang" * 40, "衡阳高新区" * 30, "，", "。", "“", "》", "  "]
#: Text that must be refused with a message.
REFUSED = ["\x00", "\x1b", "\u202e", "\u200b", "😀", "\ufeff", "\u2028"]
CHARACTERS = st.sampled_from("衡阳国家高新区产业园移动互联网智慧医疗企业家万亿元平方米abcXYZ0123456789 ,.-()")
PIECE = st.one_of(CHARACTERS, CHARACTERS, CHARACTERS, st.sampled_from(AWKWARD))


def rarely(common, rare, one_in: int):
    """``common``, or ``rare`` once in ``one_in`` draws: a sheet has dozens of fields, and a
    mistake in any one of them stops the build before anything is rendered."""
    return st.integers(1, one_in).flatmap(lambda draw: rare if draw == 1 else common)


TEXT = rarely(st.lists(PIECE, max_size=30).map("".join),
              st.lists(st.one_of(PIECE, st.sampled_from(REFUSED)), min_size=1, max_size=10).map("".join), 200)


def text_field(max_size=None):
    text = TEXT if max_size is None else TEXT.map(lambda t: t[:max_size])
    return st.fixed_dictionaries({"zh": text}, optional={"en": text})


NUMBER = rarely(st.integers(0, 10**12).map(str), st.one_of(
    st.integers(-1, 10**16).map(str), st.floats(allow_nan=True).map(str), TEXT), 50)
FIGURE = st.fixed_dictionaries(
    {"label": text_field(40), "value": NUMBER, "unit": st.sampled_from([*UNITS] * 4 + ["acre"])},
    optional={"qualifier": st.sampled_from([*QUALIFIERS] * 4 + ["many"]), "highlight": rarely(st.sampled_from(["true", "false"]), st.just("NO"), 20),
              "max": NUMBER, "source": st.sampled_from(["article"] * 10 + ["missing", "../x"])})
PARK_SHEET = st.fixed_dictionaries(
    {"id": st.just("park-a"), "as_of": st.sampled_from(["2021-04"] * 20 + ["2021-02-30", "2021-13", "NO"]),
     "name": text_field(40), "chain": st.just("chain-a"), "summary": text_field(300)},
    optional={
        "tagline": text_field(40), "stage": text_field(40), "facts": st.lists(FIGURE, max_size=6),
        "targets": st.lists(FIGURE, max_size=25), "segments": st.lists(text_field(20), max_size=30),
        "slogans": st.lists(text_field(60), max_size=8), "positioning": st.lists(text_field(), max_size=8),
        "companies": st.lists(st.fixed_dictionaries(
            {"stage": st.sampled_from(["signed", "reviewed", "intent"]), "count": FIGURE,
             "names": st.lists(text_field(40), max_size=40)}), max_size=3),
        "people": st.lists(st.fixed_dictionaries(
            {"name": text_field(20), "role": text_field(30)}, optional={"quote": text_field(200)}), max_size=3),
        "contact": st.fixed_dictionaries({}, optional={"telephone": TEXT, "web": TEXT}),
    })


def outcome(data_dir, out) -> None:
    """Build; a clean error is fine, anything else raised fails the property."""
    try:
        _, documents = build(data_dir, out)
    except InvalidData as error:
        assert str(data_dir) in error.format_message()
        assert not out.exists()
        event("clean error")
        return
    event("PDF")
    for document in documents:
        assert pdf_problems(document.path) == []


@BOUNDED
@given(sheet=PARK_SHEET)
def test_generated_sheet_gives_a_pdf_or_a_clean_error(data_dir, tmp_path, sheet):
    write(data_dir / "parks" / "park-a.yaml", yaml.safe_dump(sheet, allow_unicode=True))
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    outcome(data_dir, out)


@BOUNDED
@given(text=st.text(max_size=200))
def test_random_text_as_a_sheet_gives_a_clean_error_or_a_pdf(data_dir, tmp_path, text):
    (data_dir / "parks" / "park-a.yaml").write_text(PARK + text, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    outcome(data_dir, out)
