"""docs/fact-sheets.md: its field reference is the schema's, and says every field."""

import re

from briefing.operators import guide
from briefing.sheets import schema

from helpers import REPO

GUIDE = REPO / "docs" / "fact-sheets.md"


def test_guide_matches_the_schema():
    text = GUIDE.read_text(encoding="utf-8")
    assert guide.splice(text, guide.reference()) == text, "run: python tools/update_guide.py"


def test_every_field_of_every_record_is_described():
    reference = guide.reference()
    for cls in guide._records():
        section = re.split(rf"### {cls.__name__}[ \n]", reference, maxsplit=1)[1].split("\n### ", 1)[0]
        for spec in schema.fields_of(cls):
            assert f"| `{schema.key_of(spec)}` |" in section and spec.metadata["zh"] in section, (cls, spec.name)


def test_update_rewrites_only_between_the_markers(tmp_path):
    path = tmp_path / "guide.md"
    path.write_text(f"# Guide\nprose\n{guide.BEGIN}\nold\n{guide.END}\nafter\n", encoding="utf-8")
    assert guide.update(path) is True
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# Guide\nprose\n{guide.BEGIN}\n\n### Park (`data/parks/<id>.yaml`)")
    assert text.endswith(f"{guide.END}\nafter\n") and "\nold\n" not in text
    assert guide.update(path) is False


def test_types_are_named_for_operators():
    assert "| `accent` | colour |" in guide.reference()
    assert "| `neighbours` | list of [Neighbour](#neighbour) |" in guide.reference()
    assert "| `unit` | one of `m2`, `yuan`" in guide.reference()
    assert schema.UNITS["m2"] in guide.reference()


def test_every_field_has_both_descriptions():
    """The scaffold and the guide explain each field in both languages; a field added without
    zh= would leave a Chinese-reading operator guessing."""
    missing = [f"{cls.__name__}.{spec.name}" for cls in guide._records() for spec in schema.fields_of(cls)
               if not (spec.metadata.get("doc") and spec.metadata.get("zh"))]
    assert missing == []


def test_the_guide_walks_a_new_operator_through_the_pitfalls():
    """From briefing new park to a printed brochure without YAML's specification (issue 19):
    the Chinese keyboard's pitfalls, chains, and each check added for the traps operators fell into."""
    text = GUIDE.read_text(encoding="utf-8")
    for words in ("## From `briefing new park` to a printed brochure", "## Chains", "--chain", "### With a Chinese keyboard",
                  "full-width colon", "full-width space", "a tab", "U+2028", "did you mean tagline?", "5亿",
                  "2022年3月", "accent: #C8102E", "range with a qualifier", "chain paired with another park",
                  "programme counts", "still holds the placeholder", "LANG=zh_CN.UTF-8"):
        assert words in text, words


def test_the_guides_chain_example_is_a_valid_chain():
    import re

    import yaml

    from briefing.sheets import schema
    from briefing.sheets.load import StrictLoader
    from briefing.sheets.validate import validate

    block = re.search(r"```yaml\n(chains:\n.*?)```", GUIDE.read_text(encoding="utf-8"), re.S).group(1)
    typed = validate(yaml.compose(block, Loader=StrictLoader), schema.Zone, "zone.yaml")
    assert [str(p) for p in typed.problems.items if "is missing" not in str(p)] == []
