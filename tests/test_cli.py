"""The commands through click's CliRunner: exit codes, messages, nothing written on error."""

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main

from helpers import DATA, ZONE, shipped_sheet, write
from helpers import PARK as BARE_PARK
from pdfcheck import pdf_problems

#: The fixture's park with someone to call, so that a clean check here is clean: a park without
#: a contact warns that its flyer has none (tests/sheets/test_photos.py). Added last, so the
#: lines of PARK stay where they are.
PARK = BARE_PARK + "contact: {wechat: park-a-invest}\n"


@pytest.fixture
def data_dir(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK)
    return data_dir


@pytest.fixture
def run():
    def invoke(*args):
        return CliRunner().invoke(main, [str(a) for a in args])
    return invoke


def line_in(path, block: str, key: str) -> tuple[int, str]:
    """The number and the text of the ``key:`` line inside the top-level ``block:`` of a sheet,
    read from the file (so that an edit of the shipped sheet moves the expected line with it)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"{block}:")
    number = next(n for n in range(start + 1, len(lines)) if lines[n].strip().startswith(f"{key}:"))
    return number + 1, lines[number].split(":", 1)[1].strip()


def test_check_shipped_data(run):
    result = run("check", "--data", DATA)
    assert result.exit_code == 0, result.output
    mobile, medical = DATA / "parks" / "mobile-internet.yaml", DATA / "parks" / "smart-medical.yaml"
    # The operator's name awaits confirmation (the source breaks it across two columns): a warning.
    name = shipped_sheet("parks/mobile-internet")["operator"]["name"]
    unconfirmed_line, _ = line_in(mobile, "operator", "unconfirmed")
    # The article's tagline states an aim with 最: a note, not a warning (lint.absolute_terms).
    (zh_line, zh), (en_line, en) = line_in(medical, "tagline", "zh"), line_in(medical, "tagline", "en")
    assert zh.startswith("目标") and "最" in zh and en.startswith("Aiming") and "the most" in en, (zh, en)
    parks = len(list((DATA / "parks").glob("*.yaml")))
    # The source names no one to call, and the shipped sheets invent no one (lint.no_contact).
    no_contact = ("contact: warning: the park's flyer has no contact: no person to call, telephone, e-mail, WeChat ID "
                  "or QR code; add contact: with what the operator gives (docs/fact-sheets.md, “The person to call”)\n")
    assert result.output == (
        f"{mobile}: {no_contact}"
        f"{mobile}:{unconfirmed_line}: operator.name.unconfirmed: warning: '{name['zh']}' awaits confirmation "
        f"({name['unconfirmed']}); documents print '{name['meanwhile']['zh']}' / '{name['meanwhile']['en']}' instead; "
        "once confirmed, correct it and delete unconfirmed: and meanwhile:\n"
        f"{medical}: {no_contact}"
        f"{medical}:{zh_line}: tagline.zh: note: uses the absolute term '最' in a stated aim (目标); "
        "allowed as an aim, not as a claim: keep it worded as an aim\n"
        f"{medical}:{en_line}: tagline.en: note: uses the absolute term 'the most' in a stated aim (Aiming); "
        "allowed as an aim, not as a claim: keep it worded as an aim\n"
        f"{DATA}: {parks} parks, no errors, 3 warnings, 2 notes.\n"
    )
    # A value awaiting confirmation stops a strict check (notes never do).
    strict = run("check", "--strict", "--data", DATA)
    assert strict.exit_code == 1 and "operator.name.unconfirmed" in strict.output and "3 problems found" in strict.output


def test_check_reports_every_problem_and_exits_1(run, data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("value: 17000", "value: abc").replace("unit: m2", "unit: acre"))
    result = run("check", "--data", data_dir)
    assert result.exit_code == 1
    path = data_dir / "parks" / "park-a.yaml"
    assert f"{path}:8: facts[0].value: expected a number, got 'abc'; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)" in result.output
    assert f"{path}:9: facts[0].unit: expected one of m2, yuan" in result.output
    assert "2 problems found; nothing was written." in result.output
    assert "Traceback" not in result.output


def test_unknown_field_is_a_warning_unless_strict(run, data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK + "colour: red\n")
    relaxed = run("check", "--data", data_dir)
    assert relaxed.exit_code == 0
    assert "colour: warning: unknown field" in relaxed.output
    assert relaxed.output.endswith(f"{data_dir}: 1 park, no errors, 1 warning.\n")
    strict = run("check", "--strict", "--data", data_dir)
    assert strict.exit_code == 1
    assert "1 problem found" in strict.output


def test_build_writes_nothing_when_invalid(run, data_dir, tmp_path):
    out = tmp_path / "out"
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("value: 17000", "value: abc"))
    result = run("build", "--data", data_dir, "--out", out)
    assert result.exit_code == 1
    assert not out.exists()


def test_build_keeps_previous_pdf_when_invalid(run, data_dir, tmp_path):
    out = tmp_path / "out"
    assert run("build", "--data", data_dir, "--out", out).exit_code == 0
    before = (out / "park-park-a-zh.pdf").read_bytes()
    write(data_dir / "zone.yaml", "id: [\n")
    assert run("build", "--data", data_dir, "--out", out).exit_code == 1
    assert (out / "park-park-a-zh.pdf").read_bytes() == before


def test_build_prints_each_file(run, data_dir, tmp_path):
    result = run("build", "--data", data_dir, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {tmp_path / 'out' / 'park-park-a-zh.pdf'} (")
    assert "pages" in result.output and "KB)" in result.output


def test_build_unknown_park(run, data_dir, tmp_path):
    result = run("build", "--data", data_dir, "--out", tmp_path / "out", "--park", "nope")
    assert result.exit_code == 1
    assert "no park with id 'nope'" in result.output and "the parks are: park-a" in result.output


def test_build_one_park(run, tmp_path):
    """Its brochure and flyers in both languages, and no zone overview."""
    result = run("build", "--data", DATA, "--out", tmp_path, "--park", "smart-medical")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "flyer-smart-medical-en-a4.pdf", "flyer-smart-medical-en-a5.pdf",
        "flyer-smart-medical-zh-a4.pdf", "flyer-smart-medical-zh-a5.pdf",
        "park-smart-medical-en.pdf", "park-smart-medical-zh.pdf"]


@pytest.mark.parametrize("lang, names", [
    ("zh", ["park-park-a-zh.pdf", "zone-zone-zh.pdf"]),
    ("en", ["park-park-a-en.pdf", "zone-zone-en.pdf"]),
    ("all", ["park-park-a-en.pdf", "park-park-a-zh.pdf", "zone-zone-en.pdf", "zone-zone-zh.pdf"]),
])
def test_build_in_one_language_or_all(run, data_dir, tmp_path, lang, names):
    result = run("build", "--data", data_dir, "--out", tmp_path, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in [*tmp_path.glob("park-*.pdf"), *tmp_path.glob("zone-*.pdf")]) == names


def test_unknown_language_is_refused(run, data_dir, tmp_path):
    result = run("build", "--data", data_dir, "--out", tmp_path, "--lang", "fr")
    assert result.exit_code == 2
    assert "'fr' is not one of 'zh', 'en', 'zh-Hant', 'zh-HK', 'zh-TW', 'all'" in result.output
    assert not list(tmp_path.glob("*.pdf"))


def test_missing_english_warns_and_strict_refuses(run, data_dir, tmp_path):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("summary: {zh: 甲产业园简介。, en: About park A.}",
                                                          "summary: {zh: 甲产业园简介。}"))
    relaxed = run("check", "--data", data_dir)
    assert relaxed.exit_code == 0
    assert "park-a.yaml:5: summary: warning: has no English (en:)" in relaxed.output
    strict = run("build", "--strict", "--data", data_dir, "--out", tmp_path / "out")
    assert strict.exit_code == 1
    assert "1 problem found; nothing was written." in strict.output


def test_unwritable_output_is_a_message(run, data_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", "--data", data_dir, "--out", blocker / "out")
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("renderer, sheet, document", [
    ("render_brochure", "parks/park-a.yaml", "the brochure"),
    ("render_overview", "zone.yaml", "the zone overview"),
])
def test_layout_failure_names_the_sheet(run, data_dir, tmp_path, monkeypatch, renderer, sheet, document):
    from briefing.pipeline import render

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(render, renderer, broken)
    result = run("build", "--data", data_dir, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{data_dir / sheet}: {document} could not be laid out (ValueError: boom)" in result.output
    assert not (tmp_path / "out").exists()  # nothing written, not even what was rendered


def test_same_park_asked_twice_is_built_once(run, tmp_path):
    result = run("build", "--data", DATA, "--out", tmp_path, "--park", "smart-medical", "--park", "smart-medical")
    assert result.exit_code == 0, result.output
    assert result.output.count("park-smart-medical-zh.pdf") == 1
    assert result.output.count("park-smart-medical-en.pdf") == 1


def test_bad_source_date_epoch(run, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run("build", "--data", data_dir, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.startswith("Error: SOURCE_DATE_EPOCH='yesterday' is not a time")
    assert not (tmp_path / "out").exists()


def test_missing_fonts_are_a_message(monkeypatch):
    from briefing.errors import BriefingError
    from briefing.text import fonts

    monkeypatch.setitem(fonts.FILES, fonts.REGULAR, "Missing-Regular.ttf")
    with pytest.raises(BriefingError, match=re.escape("Missing-Regular.ttf, NotoSansSC-Bold.ttf, NotoSansSCLatin-Regular.ttf, NotoSansSCLatin-Bold.ttf, NotoSansHK-Regular.ttf, NotoSansHK-Bold.ttf are missing")):
        fonts.font_dir()


def cover_text(path) -> str:
    return "".join(subprocess.run(["pdftotext", "-l", "1", str(path), "-"], check=True, capture_output=True,
                                  text=True).stdout.split())


def test_personalised_cover_and_file_name(run, data_dir, tmp_path):
    out = tmp_path / "out"
    result = run("build", "--data", data_dir, "--out", out, "--for", "长沙市商务局考察团", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    path = out / "park-park-a-zh-for-长沙市商务局考察团-2026-11-27.pdf"
    assert "2026年11月27日专为长沙市商务局考察团编制" in cover_text(path)
    english = out / "park-park-a-en-for-长沙市商务局考察团-2026-11-27.pdf"
    assert pdf_problems(path) + pdf_problems(english) == []
    assert "Preparedfor长沙市商务局考察团on27November2026" in cover_text(english)
    # Given only in Chinese, the English brochure borrows it, and the build says so.
    assert ("park-park-a-en-for-长沙市商务局考察团-2026-11-27.pdf: prints the visitor's name as given for the "
            "Chinese documents ('长沙市商务局考察团'): give --for-en for this language's") in result.output


def test_each_language_prints_its_own_occasion_text(run, data_dir, tmp_path):
    """--for-en, --event-en and --venue-en for the English documents: neither language prints
    the other's text, and nothing is said."""
    out = tmp_path / "out"
    result = run("build", "--data", data_dir, "--out", out, "--for", "长沙市商务局考察团", "--for-en",
                 "Changsha delegation", "--event", "企业面对面", "--event-en", "Meet the companies", "--venue",
                 "会展中心", "--venue-en", "Expo Centre")
    assert result.exit_code == 0, result.output
    assert "prints the" not in result.output
    chinese = cover_text(out / "park-park-a-zh-for-长沙市商务局考察团.pdf")
    english = cover_text(out / "park-park-a-en-for-changsha-delegation.pdf")
    assert "长沙市商务局考察团" in chinese and "Changsha" not in chinese
    assert "PreparedforChangshadelegation" in english and "长沙" not in english
    flyer = cover_text(out / "flyer-park-a-en-a5.pdf")
    assert "Meetthecompanies" in flyer and "Venue:ExpoCentre" in flyer and "企业" not in flyer
    assert "企业面对面" in cover_text(out / "flyer-park-a-zh-a5.pdf")


def test_copies_for_two_visitors_do_not_overwrite_each_other(run, data_dir, tmp_path):
    out = tmp_path / "out"
    for visitor in ("Delegation A", "Delegation B", "Delegation/B"):
        assert run("build", "--data", data_dir, "--out", out, "--lang", "zh", "--for", visitor).exit_code == 0
    brochures = sorted(p.name for p in out.glob("park-*.pdf"))
    assert len(brochures) == 3
    assert {"park-park-a-zh-for-delegation-a.pdf", "park-park-a-zh-for-delegation-b.pdf"} < set(brochures)


def test_visitor_name_is_printed_as_typed_and_stays_in_the_output_folder(run, data_dir, tmp_path):
    out = tmp_path / "out"
    visitor = "../../<b>A&amp;B</b>"
    result = run("build", "--data", data_dir, "--out", out, "--lang", "zh", "--for", visitor)
    assert result.exit_code == 0, result.output
    written = list(out.glob("park-*.pdf"))
    assert len(written) == 1 and written[0].parent == out
    assert pdf_problems(written[0]) == []
    assert sorted(p.name for p in tmp_path.rglob("*.pdf") if p.parent != out) == []
    assert f"专为{visitor}编制" in cover_text(written[0])


def test_visitor_name_the_fonts_cannot_print(run, data_dir, tmp_path):
    result = run("build", "--data", data_dir, "--out", tmp_path / "out", "--for", "Delegation 😀")
    assert result.exit_code == 2  # a bad option value is a usage error
    assert "--for 'Delegation 😀': the shipped fonts cannot print '😀' (U+1F600)" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_bad_bleed_is_a_message(run, data_dir, tmp_path):
    result = run("build", "--data", data_dir, "--out", tmp_path / "out", "--bleed", "3cm")
    assert result.exit_code == 2  # a bad option value is a usage error
    assert "Error: --bleed '3cm' is not a length; write it like 3mm" in result.output


def test_print_shop_and_imposed_files(run, data_dir, tmp_path):
    out = tmp_path / "out"
    result = run("build", "--data", data_dir, "--out", out, "--lang", "zh", "--bleed", "3mm", "--cmyk", "--paper", "A5",
                 "--impose", "2up", "--impose", "4up", "--impose", "booklet")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "booklet-park-a-zh-a5-a3-bleed-cmyk.pdf", "flyer-park-a-zh-a5-2up-a3-bleed-cmyk.pdf",
        "flyer-park-a-zh-a5-bleed-cmyk.pdf", "flyer-park-a-zh-a6-4up-a3-bleed-cmyk.pdf",
        "jobsheet-park-a-zh-a5-bleed-cmyk.pdf", "jobsheet-zone-zh-a5-bleed-cmyk.pdf",
        "park-park-a-zh-a5-bleed-cmyk.pdf", "zone-zone-zh-a5-bleed-cmyk.pdf"]
    assert sorted(p.name for p in out.glob("*.txt")) == ["jobsheet-park-a-zh-a5-bleed-cmyk.txt",
                                                         "jobsheet-zone-zh-a5-bleed-cmyk.txt"]
    assert [problem for path in sorted(out.glob("*.pdf")) for problem in pdf_problems(path)] == []


def test_a_sheet_too_small_for_the_bleed_is_refused(run, data_dir, tmp_path):
    result = run("build", "--data", data_dir, "--out", tmp_path / "out", "--bleed", "3mm", "--impose", "booklet",
                 "--sheet", "SRA4")
    assert result.exit_code == 2
    assert "Error: --impose booklet: an A5 booklet spread with 3 mm bleed, gutters and crop marks: at least" in result.output
    assert "choose --sheet A3 or SRA3" in result.output and not (tmp_path / "out").exists()
def test_list_shows_parks_as_of_dates_and_findings(run, data_dir):
    write(data_dir / "zone.yaml", ZONE + "  - id: chain-b\n    name: {zh: 乙产业链, en: Chain B}\n    park: park-b\n")
    write(data_dir / "parks" / "park-b.yaml", PARK.replace("park-a", "park-b").replace("chain-a", "chain-b")
          .replace("    source: article\n", ""))
    write(data_dir / "parks" / "park-c.yaml", "id: [\n")
    result = run("list", "--data", data_dir)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["park", "as", "of", "errors", "warnings", "name"]
    assert lines[1].split() == ["park-a", "2021-04", "0", "0", "甲产业园"]
    assert lines[2].split() == ["park-b", "2021-04", "0", "1", "甲产业园"]
    assert lines[3] == "    7: facts[0]: warning: figure without a source; add source: with the id of its entry in " \
                       "sources.yaml, so readers can check it"
    assert lines[4].split()[:4] == ["park-c", "?", "1", "0"] and "does not validate" in lines[4]
    assert lines[-1] == f"{data_dir}: 3 parks, 1 error, 1 warning."


def test_list_shows_what_awaits_confirmation(run, data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace(
        "name: {zh: 甲产业园, en: Park A}", "name: {zh: 甲产业园, en: Park A, unconfirmed: 原文跨栏断行}"))
    lines = run("list", "--data", data_dir).output.splitlines()
    start = lines.index("awaiting confirmation:")
    assert lines[start + 1:-1] == [f"    {data_dir / 'parks' / 'park-a.yaml'}:3: name: 甲产业园 (原文跨栏断行)"]
    shipped = run("list", "--data", DATA).output.splitlines()
    name = shipped_sheet("parks/mobile-internet")["operator"]["name"]
    line, _ = line_in(DATA / "parks" / "mobile-internet.yaml", "operator", "name")
    assert shipped[shipped.index("awaiting confirmation:") + 1] == (
        f"    {DATA / 'parks' / 'mobile-internet.yaml'}:{line}: operator.name: {name['zh']} ({name['unconfirmed']})")


def test_list_without_data_folder(run, tmp_path):
    result = run("list", "--data", tmp_path / "none")
    assert result.exit_code == 1 and "no such folder" in result.output


def test_watch_without_data_folder(run, tmp_path):
    result = run("watch", "--data", tmp_path / "none", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "no such folder" in result.output


def test_check_counts_warnings_with_strict(run, data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("    source: article\n", ""))
    relaxed = run("check", "--data", data_dir)
    assert relaxed.exit_code == 0
    assert relaxed.output == (f"{data_dir / 'parks' / 'park-a.yaml'}:7: facts[0]: warning: figure without a source; "
                              "add source: with the id of its entry in sources.yaml, so readers can check it\n"
                              f"{data_dir}: 1 park, no errors, 1 warning.\n")
    strict = run("check", "--strict", "--data", data_dir)
    assert strict.exit_code == 1 and strict.output.endswith("1 problem found; nothing was written.\n")


def test_watch_takes_the_output_options(run, data_dir, tmp_path, monkeypatch):
    from briefing.operators import watch

    seen = {}
    monkeypatch.setattr(watch, "watch", lambda request, *args, **kwargs: seen.setdefault("output", request.output))
    result = run("watch", "--data", data_dir, "--out", tmp_path / "out", "--cmyk", "--for", "Delegation A")
    assert result.exit_code == 0, result.output
    assert seen["output"].spec.cmyk and seen["output"].dedication.visitor == "Delegation A"


def test_verbose_says_what_renders_what_is_kept_and_how_long(run, data_dir, tmp_path):
    out = tmp_path / "out"
    first = run("-v", "build", "--data", data_dir, "--out", out)
    assert first.exit_code == 0, first.output
    assert re.search(r"^read and checked .* in \d+\.\d\d s$", first.output, re.M)
    # The job in its two parts, each on a core: the brochure, and the flyers.
    assert re.search(r"^rendered park:park-a:zh \(park-park-a-zh\.pdf\) in \d+\.\d\d s$", first.output, re.M)
    assert re.search(r"^rendered park:park-a:zh \(flyer-park-a-zh-a4\.pdf, flyer-park-a-zh-a5\.pdf\) in \d+\.\d\d s$",
                     first.output, re.M)
    assert re.search(rf"^wrote 8 files into {re.escape(str(out))} in \d+\.\d\d s$", first.output, re.M)
    write(data_dir / "zone.yaml", ZONE.replace("简介。", "新的简介。"))  # the zone: every document again
    (data_dir / "parks" / "park-b.yaml").write_text(PARK.replace("park-a", "park-b"), encoding="utf-8")
    second = run("-v", "build", "--data", data_dir, "--out", out, "--park", "park-a")
    assert "kept" not in second.output and "rendered park:park-a:zh" in second.output
    third = run("-v", "build", "--data", data_dir, "--out", out)
    assert "kept park:park-a:zh: its inputs are unchanged since it was made" in third.output
    assert "rendered park:park-b:zh" in third.output
    assert "nothing to do: the inputs of all 6 jobs are unchanged" in run("-v", "build", "--data", data_dir,
                                                                            "--out", out).output


def test_quiet_says_only_the_problems(run, data_dir, tmp_path):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("summary: {zh: 甲产业园简介。, en: About park A.}",
                                                          "summary: {zh: 甲产业园简介。}"))
    result = run("-q", "build", "--data", data_dir, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{data_dir}/parks/park-a.yaml:5: summary: warning: has no English (en:); "
                                          "add it, or the English edition shows the Chinese"]
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 8


# -- messages in the user's language, never a traceback (issue 19) -------------------------

def test_messages_follow_the_users_locale(run, data_dir, monkeypatch):
    """Every message was English even with LANG=zh_CN.UTF-8, though the catalogs exist."""
    sheet = data_dir / "parks" / "park-a.yaml"
    write(sheet, PARK.replace("value: 17000", "value: 5亿"))
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = run("check", "--data", data_dir)
    assert result.exit_code == 1
    assert result.output == (f"{sheet}:8: facts[0].value: 应为数字，实际是 '5亿'；请写作 500000000（只写数字，用基本单位）；"
                             "单位写在 unit 里\n发现 1 个问题；没有写入任何文件。\n")
    monkeypatch.setenv("LC_ALL", "C")  # LC_ALL before LANG, as gettext reads them
    assert "expected a number, got '5亿'; write 500000000" in run("check", "--data", data_dir).output


def test_a_clean_check_and_a_build_speak_chinese(run, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    checked = run("check", "--data", data_dir)
    assert checked.exit_code == 0 and checked.output == f"{data_dir}：1 个园区、没有错误。\n"
    built = run("build", "--data", data_dir, "--out", tmp_path / "out", "--lang", "zh")
    assert built.exit_code == 0 and f"已写入 {tmp_path / 'out' / 'park-park-a-zh.pdf'}（" in built.output
    again = run("build", "--data", data_dir, "--out", tmp_path / "out", "--lang", "zh")
    assert f"{tmp_path / 'out'} 中的 4 个 PDF 已是最新（输入未变；--force 会全部重新生成）" in again.output


def test_warnings_replayed_by_a_build_with_nothing_to_do_are_in_the_users_language(run, data_dir, tmp_path, monkeypatch):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("    source: article\n", ""))
    assert run("build", "--data", data_dir, "--out", tmp_path / "out", "--lang", "zh").exit_code == 0
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    again = run("build", "--data", data_dir, "--out", tmp_path / "out", "--lang", "zh")
    assert "facts[0]: 警告：数字没有来源" in again.output


@pytest.mark.parametrize("command", ["check", "build", "list"])
@pytest.mark.parametrize("case", ["as_of 9999-12", "opening 9999-12", "as_of 9999-01", "unreadable"])
def test_no_traceback_for_what_crashed_before(run, data_dir, tmp_path, monkeypatch, command, case):
    """as_of: 9999-12 raised ValueError in the lint, 9999-01 OverflowError; an unreadable sheet
    a PermissionError from load.read_text: check, build and list printed tracebacks."""
    sheet = data_dir / "parks" / "park-a.yaml"
    if case == "unreadable":
        import errno
        import os
        real_open = os.open

        def refusing(path, *args, **kwargs):
            if str(path) == str(sheet):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing)
        expected = f"{sheet}: cannot be read: permission denied"
    elif case.startswith("opening"):
        write(sheet, BARE_PARK + "opening:\n  date: 9999-12\n  expected: true\n")
        expected = f"{sheet}:12: opening.date: '9999-12' is not a plausible date"
    else:
        write(sheet, PARK.replace("as_of: 2021-04", f"as_of: {case.split()[1]}"))
        expected = f"{sheet}:2: as_of: '{case.split()[1]}' is not a plausible date"
    args = [command, "--data", data_dir] + (["--out", tmp_path / "out"] if command == "build" else [])
    result = run(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if command == "list":  # each finding under its park's row, without the file name
        expected = expected.replace(f"{sheet}:", "    ").replace(f"{sheet}: ", "")
    assert "Traceback" not in result.output and expected in result.output
    assert result.exit_code == (0 if command == "list" else 1)


def test_the_checks_of_plans_and_unconfirmed_values_speak_chinese(run, data_dir, monkeypatch):
    """The checks added for plans and unconfirmed values were plain English strings: a Chinese
    locale got them in English between Chinese ones."""
    sheet = data_dir / "parks" / "park-a.yaml"
    write(sheet, PARK.replace("    unit: m2\n", "    unit: m2\n    qualifier: expected\n    unconfirmed: 待核实\n"))
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    output = run("check", "--data", data_dir).output
    assert (f"{sheet}:10: facts[0].qualifier: 警告：expected（预计）是预测，但该数字为现状（current）；"
            "请设 status: target（或移到 targets 下）") in output
    assert f"{sheet}:11: facts[0].unconfirmed: 警告：建筑面积待确认（待核实）；文件中印为“待确认”；确认后请删去 unconfirmed:" in output
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert "facts[0].qualifier: warning: expected (预计) is a forecast, but the figure is current" in run(
        "check", "--data", data_dir).output


def test_every_problem_is_a_message_that_can_be_translated():
    """A problem given as a plain string (an f-string) reaches a Chinese user in English: each
    message handed to ``Problems`` is built with ``msg()`` or comes from a function that is."""
    import ast

    import briefing

    plain = []
    for path in Path(briefing.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("warn", "error", "note") and len(node.args) >= 2
                    and isinstance(node.args[1], (ast.Constant, ast.JoinedStr, ast.BinOp))):
                plain.append(f"{path.name}:{node.lineno}")
    assert plain == []


def test_an_error_is_prefixed_in_the_users_language(run, data_dir, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = run("new", "park", "park-a", "--data", data_dir)
    assert result.exit_code == 1
    assert result.output == f"错误：{data_dir / 'parks' / 'park-a.yaml'} 已存在；请编辑它，或换一个编号\n"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert run("new", "park", "park-a", "--data", data_dir).output.startswith("Error: ")


def test_editors_are_added_listed_and_removed(tmp_path):
    from briefing.desk.auth import Accounts

    accounts = tmp_path / "editors.json"
    runner = CliRunner()
    added = runner.invoke(main, ["editor", "add", "liu", "--park", "smart-medical", "--editors", str(accounts)],
                          input="smart medical 2021\nsmart medical 2021\n", env={"LANG": "C"})
    assert added.exit_code == 0, added.output
    assert "liu may now edit smart-medical" in added.output
    assert Accounts(accounts).verify("liu", "smart medical 2021") is not None
    listed = runner.invoke(main, ["editor", "list", "--editors", str(accounts)], env={"LANG": "C"})
    assert listed.output == "liu: smart-medical\n"
    short = runner.invoke(main, ["editor", "add", "wang", "--zone", "--editors", str(accounts)],
                          input="short\nshort\n", env={"LANG": "C"})
    assert short.exit_code == 1 and "the password is too short: at least 10 characters" in short.output
    removed = runner.invoke(main, ["editor", "remove", "liu", "--editors", str(accounts)], env={"LANG": "C"})
    assert removed.exit_code == 0 and Accounts(accounts).editors() == []


def test_what_the_layouts_say_reaches_a_chinese_user_in_chinese_made_or_kept(run, data_dir, tmp_path, monkeypatch):
    """The notes of a build (what a page left out, a text borrowed from the other language) were
    English sentences whatever the locale; they are messages now, kept in the manifest in each
    language, so a kept file's notes read as the fresh ones did."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    args = ("build", "--data", data_dir, "--out", tmp_path / "out", "--park", "park-a", "--lang", "en", "--for", "张三")
    said = "提示：park-park-a-en-for-张三.pdf: 来访者名称按中文版所给的印出（'张三'）：请用 --for-en 给出本语言的写法"
    made = run(*args)
    assert made.exit_code == 0 and said in made.output.splitlines(), made.output
    kept = run(*args)
    assert "wrote" not in kept.output and "写入" not in kept.output and said in kept.output.splitlines(), kept.output
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert ("note: park-park-a-en-for-张三.pdf: prints the visitor's name as given for the Chinese documents ('张三'): "
            "give --for-en for this language's") in run(*args).output.splitlines()


@pytest.mark.parametrize("locale, expected", [
    ("zh_CN.UTF-8", "zh"), ("zh_SG", "zh"), ("zh_Hans_HK.UTF-8", "zh"), ("zh", "zh"),
    ("zh_TW.UTF-8", "zh-Hant"), ("zh_HK.UTF-8", "zh-Hant"), ("zh_MO", "zh-Hant"), ("zh-Hant", "zh-Hant"),
    ("en_GB.UTF-8", "en"), ("C", "en"), ("zu_ZA", "en")])
def test_the_terminal_speaks_the_users_chinese(locale, expected):
    """zh_TW and zh_HK terminals were given Simplified messages: the Traditional catalog exists."""
    from briefing.messages import user_language

    assert user_language({"LANG": locale}) == expected


def test_a_traditional_terminal_reads_traditional_messages(run, data_dir, tmp_path, monkeypatch):
    sheet = data_dir / "parks" / "park-a.yaml"
    write(sheet, PARK.replace("value: 17000", "value: 5亿"))
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    result = run("check", "--data", data_dir)
    assert result.exit_code == 1
    assert "應為數字" in result.output and "沒有寫入任何文件" in result.output, result.output
    write(sheet, PARK.replace("    source: article\n", ""))
    monkeypatch.setenv("LANG", "C")
    assert run("build", "--data", data_dir, "--out", tmp_path / "out", "--lang", "zh").exit_code == 0
    monkeypatch.setenv("LANG", "zh_HK.UTF-8")
    again = run("build", "--data", data_dir, "--out", tmp_path / "out", "--lang", "zh")  # replayed from the manifest
    assert "警告：數字沒有來源" in again.output, again.output


def test_the_process_leaves_its_objects_to_the_system_at_exit(run, data_dir, monkeypatch):
    """Python's final collections over everything a build loaded took 0.1-0.2 s after the work
    was done: the command freezes the heap at exit instead (flushing and closing as before)."""
    import atexit
    import gc

    from briefing import cli

    registered = []
    monkeypatch.setattr(atexit, "register", lambda function, *args: registered.append(function))
    cli._freeze_at_exit.cache_clear()
    assert run("check", "--data", data_dir).exit_code == 0
    assert gc.freeze in registered


def test_the_command_ends_without_teardown_with_mains_status(monkeypatch):
    """``run`` (the briefing command) runs the exit handlers, flushes, and ends the process
    at once with the status ``main`` gave: 0, 1, 2 or a message's 1."""
    import briefing.cli as cli

    ran, ended = [], []

    class Ended(Exception):
        pass

    def end(status):
        ended.append(status)
        raise Ended

    monkeypatch.setattr("threading.active_count", lambda: 1)
    monkeypatch.setattr("atexit._run_exitfuncs", lambda: ran.append(True))
    monkeypatch.setattr("os._exit", end)
    for gives, status in ((None, 0), (0, 0), (1, 1), (2, 2), ("a message", 1)):
        monkeypatch.setattr(cli, "main", lambda gives=gives: (_ for _ in ()).throw(SystemExit(gives)))
        with pytest.raises(Ended):
            cli.run()
        assert ended.pop() == status and ran.pop()


def test_the_command_ends_as_python_does_while_another_thread_runs(monkeypatch):
    import briefing.cli as cli

    monkeypatch.setattr("threading.active_count", lambda: 2)
    monkeypatch.setattr("os._exit", lambda status: pytest.fail("ended without joining the other thread"))
    monkeypatch.setattr(cli, "main", lambda: (_ for _ in ()).throw(SystemExit(3)))
    with pytest.raises(SystemExit) as done:
        cli.run()
    assert done.value.code == 3


@pytest.mark.parametrize("args, status, says", [
    (["--version"], 0, "briefing, version"),
    (["build", "--bogus"], 2, "No such option"),
    (["check", "--data", "no-such-folder"], 1, "no such folder"),
])
def test_python_m_briefing_exits_with_the_commands_status(tmp_path, args, status, says):
    import sys

    done = subprocess.run([sys.executable, "-m", "briefing", *args], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == status and says in done.stdout + done.stderr


def test_the_command_ends_well_without_a_standard_output(tmp_path):
    """Started with its output closed (a daemon, cron, pythonw): flushing no stream is no error."""
    import sys

    done = subprocess.run(f"'{sys.executable}' -m briefing --version >&-", shell=True, cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
