"""briefing new park: the scaffold round-trips (new -> check -> build) and holds every field."""

import datetime
import re

import pytest
import yaml
from click.testing import CliRunner

from briefing.cli import main
from briefing.errors import BriefingError
from briefing.operators import scaffold
from briefing.sheets import schema
from briefing.sheets.load import StrictLoader
from briefing.sheets.validate import validate

from helpers import TODAY, ZONE, write
from pdfcheck import pdf_problems


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_new_check_build_round_trip(data_dir, tmp_path):
    write(data_dir / "zone.yaml", ZONE + "  - id: chain-b\n    name: {zh: 乙产业链, en: Chain B}\n    park: new-park\n")
    result = run("new", "park", "new-park", "--data", data_dir)
    sheet = data_dir / "parks" / "new-park.yaml"
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {sheet}; replace each 待填写 / TO FILL IN")
    check = run("check", "--data", data_dir)
    assert check.exit_code == 0, check.output
    assert check.output.count("still holds the placeholder") == 2  # name and summary
    assert check.output.count("flyer has no contact") == 2  # neither park names anyone to call yet
    assert check.output.endswith(f"{data_dir}: 2 parks, no errors, 4 warnings.\n")
    assert run("check", "--strict", "--data", data_dir).exit_code == 1  # not printable yet
    built = run("build", "--data", data_dir, "--out", tmp_path / "out", "--park", "new-park")
    assert built.exit_code == 0, built.output
    assert pdf_problems(tmp_path / "out" / "park-new-park-zh.pdf") == []


def test_sheet_starts_as_of_this_month_on_the_chain_the_zone_pairs_with_it(data_dir):
    write(data_dir / "zone.yaml", ZONE.replace("park: park-a", "park: new-park"))
    scaffold.new_park(data_dir, "new-park")
    text = (data_dir / "parks" / "new-park.yaml").read_text(encoding="utf-8")
    assert f"\nas_of: {TODAY[:7]}\n" in text and "\nchain: chain-a\n" in text and "\nid: new-park\n" in text


def test_no_chain_is_chosen_for_a_park_the_zone_does_not_pair(data_dir):
    """The trap: a new park silently got the zone's first chain, and its cover said so."""
    result = run("new", "park", "new-park", "--data", data_dir)
    assert result.exit_code == 1
    assert (f"no chain in {data_dir / 'zone.yaml'} is paired with new-park; say which chain it serves with "
            "--chain ID (the chains: chain-a (甲产业链)), or add its chain to zone.yaml first, with park: new-park "
            "(docs/fact-sheets.md, “Chains”)") in result.output
    assert not (data_dir / "parks" / "new-park.yaml").exists()
    assert run("new", "park", "new-park", "--data", data_dir, "--chain", "chain-a").exit_code == 0


def fields_given(text: str) -> tuple[set[str], list[str]]:
    """Every field path a sheet gives, and the problems validation found in it."""
    typed = validate(yaml.compose(text, Loader=StrictLoader), schema.Park, "sheet.yaml")
    fields = {re.sub(r"\[\d+\]", "", field) for field in typed.places} - {""}  # "" is the sheet itself
    return fields, [str(p) for p in typed.problems.items]


def schema_fields(cls=schema.Park, prefix="") -> set[str]:
    """Every field path of the schema but annotations (``unconfirmed``, ``meanwhile``), which
    a new sheet leaves out and which would otherwise recurse (a text's ``meanwhile`` is a text)."""
    found = set()
    for spec in schema.fields_of(cls):
        if cls is schema.Text and spec.name == "zh_hant":
            continue  # an override of the Traditional conversion, written only where it is wrong: not scaffolded
        if spec.metadata.get("annotation"):
            continue
        name = f"{prefix}.{spec.name}" if prefix else spec.name
        found.add(name)
        hint = schema.inner(schema.inner(schema.hints_of(cls)[spec.name]))  # Optional[list[X]] too
        if schema.is_record(hint):
            found |= schema_fields(hint, name)
    return found


def uncomment(text: str) -> str:
    """Every commented-out field of a new sheet, as an operator uncomments it."""
    return "\n".join(line[2:] if line.startswith("# ") and re.match(r"# +[a-z_]+:|# +- ", line) else line
                     for line in text.splitlines())


def test_every_field_is_there_once_uncommented_and_each_value_left_is_named():
    text = scaffold.park_sheet("new-park", "chain-a", datetime.date(2026, 11, 27))
    fields, problems = fields_given(uncomment(text))
    assert fields == schema_fields()
    assert problems and all("still holds the placeholder '待填写' written by briefing new; write the value, "
                            "or delete the line" in p for p in problems), problems
    named = {re.sub(r"\[\d+\]", "", p.split(": ")[1]) for p in problems}
    assert {"facts.value", "facts.unit", "facts.max", "facts.qualifier", "branding.accent", "contact.telephone",
            "links.url", "opening.date"} <= named


def test_an_uncommented_figure_left_with_the_templates_values_is_not_printed(data_dir):
    """The trap: a figure block uncommented, its label and value filled in, max, unit and
    qualifier left as the template had them; the brochure printed 6～5万多平方米."""
    text = scaffold.park_sheet("park-b", "chain-a", datetime.date(2021, 4, 1))
    block = re.search(r"# facts:\n((?:#.*\n)+?)\n", text).group(0)
    filled = uncomment(block).replace("zh: 待填写", "zh: 已签约入驻", 1).replace("value: 待填写", "value: 6", 1)
    write(data_dir / "parks" / "park-b.yaml", text.replace(block, filled + "\n"))
    result = run("check", "--data", data_dir)
    assert result.exit_code == 1
    sheet = data_dir / "parks" / "park-b.yaml"
    for field in ("unit", "max", "qualifier", "as_of", "source"):
        assert re.search(rf"{re.escape(str(sheet))}:\d+: facts\[0\]\.{field}: still holds the placeholder", result.output), field


def test_optional_fields_are_commented_out():
    text = scaffold.park_sheet("new-park", "chain-a", datetime.date(2026, 11, 27))
    top = {line.split(":")[0] for line in text.splitlines() if re.match(r"[a-z_]+:", line)}
    assert top == {"id", "as_of", "name", "chain", "summary"}
    assert "\n# tagline:\n" in text and "\n# branding:\n" in text


def test_each_field_is_explained_in_both_languages():
    text = scaffold.park_sheet("new-park", "chain-a", datetime.date(2026, 11, 27))
    assert "# 园区全称。（最多 40 字）\n# Full name of the park. (At most 40 characters in Chinese.)\nname:\n" in text
    unit = next(line for line in text.splitlines() if "unit: 待填写" in line)
    assert "数值的单位" in unit and "Unit of the value: one of m2, yuan" in unit and unit.endswith("例 e.g. m2")


def test_existing_sheet_is_not_overwritten(data_dir):
    result = run("new", "park", "park-a", "--data", data_dir)
    assert result.exit_code == 1
    assert f"{data_dir / 'parks' / 'park-a.yaml'} already exists; edit it, or choose another id" in result.output


def test_bad_id(data_dir):
    result = run("new", "park", "New Park", "--data", data_dir)
    assert result.exit_code == 1
    assert "'New Park' is not an id: use lower-case letters, digits and hyphens" in result.output


def test_unknown_chain(data_dir):
    with pytest.raises(BriefingError, match=r"no chain 'chain-z' in .*zone\.yaml; the chains are: chain-a"):
        scaffold.new_park(data_dir, "new-park", "chain-z")


def test_zone_without_chains(data_dir):
    write(data_dir / "zone.yaml", "id: zone\nas_of: 2021-04\nname: {zh: 区, en: Zone}\nsummary: {zh: 简介。, en: S.}\n")
    with pytest.raises(BriefingError, match="lists no chains"):
        scaffold.new_park(data_dir, "new-park")
    assert not (data_dir / "parks" / "new-park.yaml").exists()
