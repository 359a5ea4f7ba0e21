"""Issue 8, case by case: bad input ends in a clear message (file, line, field, what to do;
exit 1, no traceback) or a safe result, and never costs a good PDF.

Cases that could hang or balloon run ``briefing`` in a child process with a time and memory
bound (``conftest.run_bounded``); the rest go through click's CliRunner. Unit-level cases are
in test_load.py, test_validate.py and test_write.py; this file drives the whole tool.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.sheets.load import MAX_BYTES, MAX_ENTRIES

from helpers import PARK, REPO, ZONE, run_bounded, write
from pdfcheck import pdf_problems

pytestmark = pytest.mark.timeout(60)

OUT_NAME = "park-park-a-zh.pdf"
# Every build writes both languages, each a brochure and its A4 and A5 flyers.
OUT_NAMES = sorted([*(f"{kind}-park-a-{lang}{size}.pdf" for lang in ("en", "zh")
                      for kind, size in (("park", ""), ("flyer", "-a4"), ("flyer", "-a5"))),
                    "zone-zone-en.pdf", "zone-zone-zh.pdf"])


@pytest.fixture
def sheet(data_dir):
    return data_dir / "parks" / "park-a.yaml"


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def refused(data_dir, tmp_path, *expected: str, strict: bool = False):
    """Build, expect exit 1 with each expected line, no traceback, and nothing written."""
    out = tmp_path / "out"
    result = cli("build", "--data", data_dir, "--out", out, *(["--strict"] if strict else []))
    assert result.exit_code == 1, result.output
    for line in expected:
        assert line in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    return result.output


def built_text(data_dir, tmp_path) -> str:
    """Build; the brochure's text, once it has passed the PDF checks."""
    out = tmp_path / "out"
    result = cli("build", "--data", data_dir, "--out", out)
    assert result.exit_code == 0, result.output
    assert pdf_problems(out / OUT_NAME) == []
    return subprocess.run(["pdftotext", str(out / OUT_NAME), "-"], capture_output=True, text=True,
                          check=True).stdout


def bounded_refusal(data_dir, tmp_path, expected: str, seconds=20, megabytes=1024):
    result = run_bounded("build", "--data", data_dir, "--out", tmp_path / "out",
                         seconds=seconds, megabytes=megabytes)
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


# -- YAML ---------------------------------------------------------------------------------

def test_unsafe_tag_is_refused_and_not_run(data_dir, sheet, tmp_path):
    marker = tmp_path / "ran"
    write(sheet, PARK + f"tagline: !!python/object/apply:os.system ['touch {marker}']\n")
    refused(data_dir, tmp_path, f"{sheet}:11: tags such as 'tag:yaml.org,2002:python/object/apply:os.system' "
                                "are not allowed; remove the tag")
    assert not marker.exists()


def test_alias_bomb_refused_within_bounds(data_dir, sheet, tmp_path):
    lines = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    write(sheet, PARK + "\n".join(lines) + "\n")
    bounded_refusal(data_dir, tmp_path, f"{sheet}:11: anchors (&name) are not allowed", seconds=10, megabytes=512)


def test_recursive_alias_refused_within_bounds(data_dir, sheet, tmp_path):
    write(sheet, PARK + "segments: &loop [*loop]\n")
    bounded_refusal(data_dir, tmp_path, f"{sheet}:11: anchors (&name) are not allowed", seconds=10, megabytes=512)


def test_deep_nesting_refused_within_bounds(data_dir, sheet, tmp_path):
    depth = (MAX_BYTES - len(PARK)) // 2 - 100  # as deep as a file under the size cap can go
    write(sheet, PARK + "segments: " + "[" * depth + "]" * depth + "\n")
    bounded_refusal(data_dir, tmp_path, f"{sheet}:11: nested more than 40 levels deep", seconds=20, megabytes=512)


def test_duplicate_key(data_dir, sheet, tmp_path):
    write(sheet, PARK + "name: {zh: 乙产业园}\n")
    refused(data_dir, tmp_path, f"{sheet}:11: duplicate key 'name' (first on line 3); keep only one")


def test_yaml_11_coercions_stay_as_written(data_dir, sheet, tmp_path):
    """NO, 0734 and 12:30 are text; a full date is a date, not a string or a number."""
    write(sheet, PARK.replace("甲产业园简介。", "NO")
          + "tagline: {zh: '12:30'}\nstage: {zh: 12:30}\nopening: {date: 2021-05-01}\ncontact: {telephone: 0734}\n")
    text = built_text(data_dir, tmp_path)
    for written in ("NO", "12:30", "0734", "2021年5月1日"):
        assert written in text


def test_number_cut_by_comment(data_dir, sheet, tmp_path):
    write(sheet, PARK.replace("value: 17000", "value: 1.7万 #approx"))
    refused(data_dir, tmp_path, f"{sheet}:8: facts[0].value: expected a number, got '1.7万'; write 17000 (digits only, in plain units); the unit goes in unit")


def test_text_cut_by_comment_warns_and_strict_refuses(data_dir, sheet, tmp_path):
    write(sheet, PARK + "stage:\n  zh: 主体完工 #3 楼\n")
    refused(data_dir, tmp_path, f"{sheet}:12: stage.zh: warning: the text stops at '主体完工': YAML reads ' #' "
                                "and what follows as a comment; put the whole text in quotes", strict=True)


def test_invalid_date(data_dir, sheet, tmp_path):
    write(sheet, PARK.replace("as_of: 2021-04", "as_of: 2021-02-30"))
    refused(data_dir, tmp_path, f"{sheet}:2: as_of: '2021-02-30' is not a real date (day is out of range for month); check the day and the month")


def test_empty_file(data_dir, sheet, tmp_path):
    write(sheet, "")
    refused(data_dir, tmp_path, f"{sheet}: is empty; a fact sheet is a mapping of fields")


def test_list_where_a_mapping_belongs(data_dir, sheet, tmp_path):
    write(sheet, "- id: park-a\n- as_of: 2021-04\n")
    refused(data_dir, tmp_path, f"{sheet}:1: expected a mapping of fields (id, as_of, name, chain, summary)")


def test_invalid_utf8(data_dir, sheet, tmp_path):
    sheet.write_bytes(PARK.encode() + b"tagline: {zh: \xe8\xa1}\n")
    refused(data_dir, tmp_path, f"{sheet}:11: is not valid UTF-8")


def test_utf16_with_byte_order_mark_builds(data_dir, sheet, tmp_path):
    sheet.write_bytes(PARK.encode("utf-16"))
    assert "甲产业园简介" in built_text(data_dir, tmp_path).replace("\n", "")


def test_utf16_without_byte_order_mark_is_named(data_dir, sheet, tmp_path):
    sheet.write_bytes(PARK.encode("utf-16-le"))
    refused(data_dir, tmp_path, f"{sheet}: looks like UTF-16 without a byte-order mark; save the file as UTF-8")


def test_utf8_byte_order_mark_accepted(data_dir, sheet, tmp_path):
    sheet.write_bytes(b"\xef\xbb\xbf" + PARK.encode())
    assert "甲产业园" in built_text(data_dir, tmp_path)


def test_very_large_file_refused_within_bounds(data_dir, sheet, tmp_path):
    sheet.write_bytes(PARK.encode() + b"# padding\n" * (MAX_BYTES // 5))
    bounded_refusal(data_dir, tmp_path, f"{sheet}: is {sheet.stat().st_size} bytes, over the {MAX_BYTES}-byte limit",
                    seconds=10, megabytes=512)


def test_sheet_full_of_list_entries_refused_within_bounds(data_dir, sheet, tmp_path):
    """Under the size cap, a sheet can still hold tens of thousands of entries."""
    entry = "  - {zh: 领域}\n"
    sheet.write_text(PARK + "segments:\n" + entry * ((MAX_BYTES - len(PARK.encode())) // len(entry.encode()) - 1))
    assert sheet.stat().st_size <= MAX_BYTES
    bounded_refusal(data_dir, tmp_path, f"{sheet}:{MAX_ENTRIES + 11}: the sheet has more than {MAX_ENTRIES} list entries",
                    seconds=10, megabytes=512)


# -- Text ---------------------------------------------------------------------------------

def test_markup_characters_and_tags_print_as_text(data_dir, sheet, tmp_path):
    hostile = '"<b>R&D</b> a<b c <br> <para> &amp; &#x41; <font color=red>x</font> ]]> <unclosed"'
    write(sheet, PARK.replace("甲产业园简介。", hostile))
    text = " ".join(built_text(data_dir, tmp_path).split())
    assert "<b>R&D</b> a<b c <br> <para> &amp; &#x41; <font color=red>x</font> ]]> <unclosed" in text


def test_control_character_refused(data_dir, sheet, tmp_path):
    write(sheet, PARK.replace("甲产业园简介。", '"甲\\x1b[31m乙"'))
    refused(data_dir, tmp_path, f"{sheet}:5: summary.zh: contains the invisible character U+001B "
                                "(a control character); delete it")


def test_bidi_override_refused(data_dir, sheet, tmp_path):
    write(sheet, PARK.replace("甲产业园简介。", '"园区\\u202egnp.exe"'))
    refused(data_dir, tmp_path, f"{sheet}:5: summary.zh: contains the invisible character U+202E "
                                "(RIGHT-TO-LEFT OVERRIDE); delete it")


def test_emoji_outside_the_fonts_refused(data_dir, sheet, tmp_path):
    write(sheet, PARK.replace("甲产业园简介。", "园区😀"))
    refused(data_dir, tmp_path, f"{sheet}:5: summary.zh: character '😀' (U+1F600) is not in the shipped fonts")


def test_extremely_long_words_and_lines_stay_on_the_page(data_dir, sheet, tmp_path):
    word = ("Hengyang" * 130)[:1000]
    write(sheet, PARK.replace("甲产业园简介。", word[:300]) + f"location:\n  building: {{zh: {word}}}\n"
          f"  description: {{zh: {word}}}\ncontact: {{telephone: {word}}}\n"
          f"companies:\n  - stage: signed\n    count: {{label: {{zh: {word[:40]}}}, value: 1, unit: company}}\n"
          f"    names: [{{zh: {word[:40]}}}]\n")
    out = tmp_path / "out"
    assert cli("build", "--data", data_dir, "--out", out).exit_code == 0
    assert words_off_the_frame(out / OUT_NAME) == []
    assert pdf_problems(out / OUT_NAME) == []


def test_longest_names_fit_the_running_header(data_dir, sheet, tmp_path):
    """The header (zone | park, programme) is one line drawn on the page: cut short, not off."""
    name = ("衡阳高新区产业园区企业国家" * 4)[:40]
    write(data_dir / "zone.yaml", ZONE.replace("测试高新区", name)
          + f"programme: {{name: {{zh: {name[:20]}}}, description: {{zh: 说明}}}}\n")
    write(sheet, PARK.replace("甲产业园, en", name + ", en"))
    out = tmp_path / "out"
    assert cli("build", "--data", data_dir, "--out", out).exit_code == 0
    assert words_off_the_frame(out / OUT_NAME) == []
    assert "…" in page_texts(out / OUT_NAME)[1].splitlines()[0]
    assert pdf_problems(out / OUT_NAME) == []


def test_thousands_of_list_entries_within_bounds(data_dir, sheet, tmp_path):
    """Tables break across pages with their header row repeated; nothing leaves the frame."""
    count = 1000
    figures = "".join(f"  - {{label: {{zh: 指标{i}}}, value: {i}, unit: company}}\n" for i in range(count))
    names = "".join(f"      - {{zh: 公司{i}}}\n" for i in range(count))
    write(sheet, PARK + "targets:\n" + figures + "segments:\n" + "".join(f"  - {{zh: 领域{i}}}\n" for i in range(count // 2))
          + "companies:\n  - stage: signed\n    count: {label: {zh: 已签约}, value: 5, unit: company}\n"
          + "    names:\n" + names + "slogans:\n" + "".join(f"  - {{zh: 口号{i}}}\n" for i in range(100)))
    out = tmp_path / "out"
    result = run_bounded("build", "--data", data_dir, "--out", out, seconds=30, megabytes=1024)
    assert result.returncode == 0, result.stderr
    pdf = out / OUT_NAME
    pages = page_texts(pdf)
    with_targets = [text for text in pages if re.search(r"指标\d", text)]
    assert len(with_targets) > 10
    assert all("指标目标" in "".join(text.split()) for text in with_targets)  # the header row, on every page
    assert all(f"指标{i}" in "".join(pages) for i in (0, count - 1))
    assert words_off_the_frame(pdf) == []
    assert pdf_problems(pdf) == []


def page_texts(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def words_off_the_frame(pdf) -> list[str]:
    """Words whose box leaves the page's text column (the theme's margins) or the page."""
    from briefing.layout.theme import DEFAULT
    s = DEFAULT.space
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    off, width, height = [], 0.0, 0.0
    for line in bbox.splitlines():
        page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if page:
            width, height = map(float, page.groups())
            continue
        word = re.search(r'xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*)</word>', line)
        if word:
            x0, y0, x1, y1 = map(float, word.groups()[:4])
            if x0 < s.margin_inner - 1 or x1 > width - s.margin_outer + 1 or y0 < 0 or y1 > height:
                off.append(word.group(5))
    return off


# -- Ids that become file names -------------------------------------------------------------

@pytest.mark.parametrize("bad", ["../../escaped", "/tmp/escaped", '"park-a\\n"', "Park-A", "park a"])
def test_id_that_would_escape_the_output_folder(data_dir, sheet, tmp_path, bad):
    write(sheet, PARK.replace("id: park-a", f"id: {bad}"))
    refused(data_dir, tmp_path, f"{sheet}:1: id: expected an id of lower-case letters, digits and hyphens")
    assert not list(tmp_path.glob("**/*escaped*"))


def test_sheet_file_name_that_is_no_id(data_dir, sheet, tmp_path):
    other = sheet.with_name("..evil name.yaml")
    sheet.rename(other)
    refused(data_dir, tmp_path, f"{other}:1: id: is 'park-a' but the file is named ..evil name.yaml")


def test_park_option_that_would_escape(data_dir, tmp_path):
    result = cli("build", "--data", data_dir, "--out", tmp_path / "out", "--park", "../../etc/passwd")
    assert result.exit_code == 1 and "no park with id '../../etc/passwd'" in result.output


# -- Output -------------------------------------------------------------------------------

def test_output_is_mode_0644_whatever_the_umask(data_dir, tmp_path):
    old = os.umask(0o077)
    try:
        assert cli("build", "--data", data_dir, "--out", tmp_path / "out").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out" / OUT_NAME).stat().st_mode) == 0o644


def test_failed_write_keeps_previous_pdf_and_no_temp(data_dir, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert cli("build", "--data", data_dir, "--out", out).exit_code == 0
    before = (out / OUT_NAME).read_bytes()
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("甲产业园简介。", "改过的简介。"))

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = cli("build", "--data", data_dir, "--out", out)
    assert result.exit_code == 1 and "cannot write (No space left on device)" in result.output
    assert (out / OUT_NAME).read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [".briefing-manifest.json", ".briefing.lock", *OUT_NAMES]


KILLED_DURING_WRITE = """
import os, signal, sys
from briefing import cli
# the whole build dies (its workers write the files) after the first file is written
os.fsync = lambda fd: os.killpg(0, signal.SIGKILL)
cli.main(sys.argv[1:])
"""


def test_killed_build_keeps_previous_pdf_and_next_run_cleans_up(data_dir, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "--data", data_dir, "--out", out).exit_code == 0
    before = (out / OUT_NAME).read_bytes()
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("甲产业园简介。", "改过的简介。"))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]))
    killed = subprocess.run([sys.executable, "-c", KILLED_DURING_WRITE, "build", "--data", str(data_dir),
                             "--out", str(out)], env=env, capture_output=True, timeout=30, start_new_session=True)
    assert killed.returncode == -9
    assert (out / OUT_NAME).read_bytes() == before
    assert list(out.glob(".briefing-staging-*/*.pdf")) != []  # what a killed build leaves behind
    assert cli("build", "--data", data_dir, "--out", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [".briefing-manifest.json", ".briefing.lock", *OUT_NAMES]
    assert (out / OUT_NAME).read_bytes() != before


def test_two_builds_at_once_both_finish_with_sound_files(data_dir, tmp_path):
    out = tmp_path / "out"
    args = [sys.executable, "-m", "briefing", "build", "--data", str(data_dir), "--out", str(out)]
    runs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    assert [run.wait(timeout=60) for run in runs] == [0, 0, 0]
    assert pdf_problems(out / OUT_NAME) == []
    assert sorted(p.name for p in out.iterdir()) == [".briefing-manifest.json", ".briefing.lock", *OUT_NAMES]


def test_build_waits_for_another_writing_then_says_so(data_dir, tmp_path, monkeypatch):
    from briefing.output import write as writer
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(writer, "write_all", functools.partial(writer.write_all, wait=0.2))
    with writer.locked(out):
        result = cli("build", "--data", data_dir, "--out", out)
    assert result.exit_code == 1
    assert f"{out}: another build has been writing here for 60 s; wait for it to finish" in result.output
    assert not (out / OUT_NAME).exists()


def test_symlinked_output_is_replaced_not_written_through(data_dir, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / OUT_NAME).symlink_to(victim)
    assert cli("build", "--data", data_dir, "--out", out).exit_code == 0
    assert victim.read_text() == "keep me"
    assert not (out / OUT_NAME).is_symlink()


# -- Exit codes ---------------------------------------------------------------------------

def test_usage_error_exits_2(data_dir):
    result = cli("build", "--data", data_dir, "--no-such-option")
    assert result.exit_code == 2 and "No such option" in result.output


def test_debug_shows_the_traceback(data_dir, tmp_path, monkeypatch):
    from briefing.pipeline import render

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(render, "render_brochure", broken)
    quiet = cli("build", "--data", data_dir, "--out", tmp_path / "out")
    assert quiet.exit_code == 1 and "ValueError: boom" in quiet.output and quiet.exc_info[0] is SystemExit
    loud = cli("build", "--debug", "--data", data_dir, "--out", tmp_path / "out")
    assert isinstance(loud.exception, ValueError)
