"""The strict YAML loader: one tiny document per hazard, exact messages."""

from pathlib import Path

import pytest
import yaml

from briefing.errors import Problems
from briefing.sheets import load as loading
from briefing.sheets.load import MAX_BYTES, MAX_ENTRIES, load_nodes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True, params=["libyaml", "pure-python"])
def parser(request, monkeypatch):
    """Every test here runs with libyaml's C parser under the strict composer and with the
    pure-Python parser alone (PyYAML built without libyaml): the same nodes, the same messages."""
    if request.param == "pure-python":
        monkeypatch.setattr(loading, "FAST_LOADER", None)
    elif loading.FAST_LOADER is None:
        pytest.skip("PyYAML was built without libyaml")
    return request.param


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "sheet.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems()
    return load_nodes(path, problems), [str(p).replace(str(tmp_path) + "/", "") for p in problems.items]


def test_plain_scalars_stay_text(tmp_path):
    node, problems = load(tmp_path, "a: NO\nb: 0734\nc: 12:30\nd: 2021-05-01\n")
    assert problems == []
    assert [value.value for _, value in node.value] == ["NO", "0734", "12:30", "2021-05-01"]


def test_duplicate_key_names_both_lines(tmp_path):
    _, problems = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert problems == ["sheet.yaml:3: duplicate key 'a' (first on line 1); keep only one"]


def test_alias_refused(tmp_path):
    _, problems = load(tmp_path, "a: &x 1\nb: *x\n")
    assert problems == ["sheet.yaml:1: anchors (&name) are not allowed; write each value out in full"]


def test_recursive_alias_refused(tmp_path):
    _, problems = load(tmp_path, "a: &a [1, *a]\n")
    assert problems == ["sheet.yaml:1: anchors (&name) are not allowed; write each value out in full"]


def test_alias_without_anchor_refused(tmp_path):
    _, problems = load(tmp_path, "a: *x\n")
    assert problems == ["sheet.yaml:1: aliases (*name) are not allowed; write the value out in full"]


def test_billion_laughs_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 10)]
    _, problems = load(tmp_path, "\n".join(lines) + "\n")
    assert problems == ["sheet.yaml:1: anchors (&name) are not allowed; write each value out in full"]


def test_python_tag_refused(tmp_path):
    _, problems = load(tmp_path, "a: !!python/object/apply:os.system ['true']\n")
    assert problems == [
        "sheet.yaml:1: tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed; "
        "remove the tag"
    ]


def test_deep_nesting_refused(tmp_path):
    _, problems = load(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problems == ["sheet.yaml:1: nested more than 40 levels deep; flatten the structure"]


def test_empty_file(tmp_path):
    _, problems = load(tmp_path, "")
    assert problems == ["sheet.yaml: is empty; a fact sheet is a mapping of fields"]


def test_invalid_utf8_names_line(tmp_path):
    _, problems = load(tmp_path, b"a: 1\nb: \xff\xfe\xfa\n")
    assert problems == ["sheet.yaml:2: is not valid UTF-8 (byte 8); save the file as UTF-8"]


def test_byte_order_mark_accepted(tmp_path):
    node, problems = load(tmp_path, "\ufeffa: 衡阳\n".encode("utf-8"))
    assert problems == [] and node.value[0][1].value == "衡阳"


def test_utf16_with_bom_accepted(tmp_path):
    node, problems = load(tmp_path, "a: 衡阳\n".encode("utf-16"))
    assert problems == [] and node.value[0][1].value == "衡阳"


def test_syntax_error_names_line(tmp_path):
    _, problems = load(tmp_path, "a: 1\nb: [1, 2\n")
    assert problems == ["sheet.yaml:3: is not valid YAML: while parsing a flow sequence, expected ',' or ']', "
                        "but got '<stream end>'; check indentation and quoting on this line"]


def test_nul_byte_names_line(tmp_path):
    _, problems = load(tmp_path, "a: 1\nb: x\x00y\n")
    assert problems == ["sheet.yaml:2: contains the control character U+0000, which YAML does not allow; delete it"]


def test_duplicate_key_in_nested_mapping(tmp_path):
    _, problems = load(tmp_path, "a:\n  b: 1\n  b: 2\n")
    assert problems == ["sheet.yaml:3: duplicate key 'b' (first on line 2); keep only one"]


def test_oversized_file_refused(tmp_path):
    _, problems = load(tmp_path, "a: " + "x" * MAX_BYTES + "\n")
    assert problems == [f"sheet.yaml: is {MAX_BYTES + 4} bytes, over the {MAX_BYTES}-byte limit for a fact sheet"]


def test_not_a_regular_file(tmp_path):
    (tmp_path / "sheet.yaml").mkdir()
    problems = Problems()
    assert load_nodes(tmp_path / "sheet.yaml", problems) is None
    assert [str(p) for p in problems.items] == [f"{tmp_path}/sheet.yaml: is not a regular file; point to a .yaml file"]


def test_line_numbers_kept(tmp_path):
    node, _ = load(tmp_path, "a: 1\n\nb:\n  c: 2\n")
    assert isinstance(node, yaml.MappingNode)
    assert node.value[1][1].value[0][1].start_mark.line + 1 == 4


def test_too_many_list_entries_refused(tmp_path):
    entries = "".join(f"  - {i}\n" for i in range(MAX_ENTRIES))
    node, problems = load(tmp_path, "a:\n" + entries + "b:\n  - x\n")
    assert problems == [f"sheet.yaml:{MAX_ENTRIES + 3}: the sheet has more than {MAX_ENTRIES} list entries, "
                        "far more than a brochure can show; look for pasted data"]
    node, problems = load(tmp_path, "a:\n" + entries)
    assert problems == [] and len(node.value[0][1].value) == MAX_ENTRIES


# -- what a Chinese keyboard and an editor do to a sheet (issue 19) ------------------------

def test_full_width_colon_is_named_on_its_own_line(tmp_path):
    """YAML said "could not find expected ':'" one line too low and never named the colon."""
    _, problems = load(tmp_path, "id: a\nname：\n  zh: 甲\nsummary: x\n")
    assert problems == ["sheet.yaml:2: name: is followed by a full-width colon '：' (typed with a Chinese keyboard); "
                        "YAML needs the ordinary colon and a space: 'name: ...'"]


def test_every_full_width_colon_and_tab_is_reported_at_once(tmp_path):
    """One mistake no longer hides the others behind YAML's first complaint."""
    _, problems = load(tmp_path, "id: a\nname：甲\nchain: b\n\tsummary: x\n  - item：x\n")
    assert [p.split(": ", 1)[0] for p in problems] == ["sheet.yaml:2", "sheet.yaml:4", "sheet.yaml:5"]
    assert "indented with a tab; YAML indents with spaces only" in problems[1]


def test_tab_in_indentation_is_named(tmp_path):
    _, problems = load(tmp_path, "name:\n\tzh: 甲\n")
    assert problems == ["sheet.yaml:2: is indented with a tab; YAML indents with spaces only: replace the tab with "
                        "spaces, lined up with the fields beside it"]


def test_full_width_space_in_indentation_is_named(tmp_path):
    _, problems = load(tmp_path, "name:\n\u3000\u3000zh: 甲\n")
    assert problems == ["sheet.yaml:2: is indented with a full-width space (typed with a Chinese keyboard); indent "
                        "with ordinary spaces only"]


def test_indentation_in_plain_words(tmp_path):
    _, problems = load(tmp_path, "name:\n  zh: 甲\n en: A\n")
    assert problems == ["sheet.yaml:3: is indented differently from the lines around it; line it up (with spaces) "
                        "with the other fields of the same record, or with the other items of its list"]


def test_missing_colon_is_named_at_its_line(tmp_path):
    _, problems = load(tmp_path, "id: a\nsummary\nchain: b\n")
    assert problems == ["sheet.yaml:2: is not 'field: value': a colon is missing (or is the full-width '：' of a "
                        "Chinese keyboard); write the field name, a colon and a space, then the value"]


def test_unclosed_quotation_is_named_where_it_opens(tmp_path):
    _, problems = load(tmp_path, "id: a\nsummary: 'x\nchain: b\nname: c\n")
    assert problems == ["sheet.yaml:2: a quotation mark opened on this line is never closed; close it, or remove it"]


@pytest.mark.parametrize("char, name", [("\u2028", "LINE SEPARATOR"), ("\u2029", "PARAGRAPH SEPARATOR"),
                                        ("\u0085", "NEXT LINE")])
def test_hidden_line_breaks_are_refused_and_do_not_shift_line_numbers(tmp_path, char, name):
    """PyYAML counts them as line breaks, editors do not: every later line was one too high,
    and inside quotes the character was accepted silently."""
    _, problems = load(tmp_path, f"a: 'x{char}y'\nb: 1\n c: 2\n")
    assert problems == [
        f"sheet.yaml:1: contains the invisible character U+{ord(char):04X} ({name}), which YAML reads as a line "
        "break but editors do not show; delete it",
        "sheet.yaml:3: has ': ' where YAML does not expect a field: the line is indented too far, or a value "
        "contains ': '; line the field up with those beside it, or put the value in quotes"]


def test_text_is_nfc_normalised(tmp_path):
    """A decomposed é (e + U+0301) is the é the fonts have, not a character they lack."""
    node, problems = load(tmp_path, "a: Cafe\u0301\n")
    assert problems == [] and node.value[0][1].value == "Caf\u00e9"


def test_unreadable_sheet_is_a_message(tmp_path, monkeypatch):
    """mode 000 gave a PermissionError traceback (the tests run as root, who reads anything:
    the refusal is made as the kernel makes it for another user)."""
    import errno
    import os

    real_open = os.open

    def refusing(path, *args, **kwargs):
        if str(path).endswith("sheet.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    node, problems = load(tmp_path, "a: 1\n")
    assert node is None
    assert problems == ["sheet.yaml: cannot be read: permission denied; let the user who runs briefing read it "
                        "(e.g. chmod a+r on the file)"]


def test_a_sheet_linked_from_outside_the_data_folder_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("a: 1\n")
    root = tmp_path / "data"
    (root / "parks").mkdir(parents=True)
    (root / "parks" / "x.yaml").symlink_to(outside)
    problems = Problems()
    assert load_nodes(root / "parks" / "x.yaml", problems, root) is None
    assert [str(p) for p in problems.items] == [
        f"{root / 'parks' / 'x.yaml'}: is a link to a file outside the data folder; copy the sheet into the data "
        "folder instead of linking to it"]


def test_a_link_inside_the_data_folder_is_followed(tmp_path):
    root = tmp_path / "data"
    (root / "parks").mkdir(parents=True)
    (root / "shared.yaml").write_text("a: 1\n")
    (root / "parks" / "x.yaml").symlink_to(root / "shared.yaml")
    problems = Problems()
    assert load_nodes(root / "parks" / "x.yaml", problems, root) is not None and problems.items == []


def _tree(node):
    """Everything a node tells the schema: tag, value, style, where it starts and ends."""
    marks = tuple((mark.line, mark.column, mark.pointer, mark.buffer is not None) for mark in (node.start_mark, node.end_mark))
    if isinstance(node, yaml.ScalarNode):
        return node.tag, node.value, node.style, marks
    return node.tag, marks, [tuple(map(_tree, item)) if isinstance(item, tuple) else _tree(item) for item in node.value]


def test_both_parsers_compose_the_shipped_sheets_alike(parser):
    if parser != "libyaml":
        pytest.skip("compares the C parser with the pure-Python one")
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast, pure = loading.compose(text), yaml.compose(text, Loader=loading.StrictLoader)
        assert _tree(fast) == _tree(pure), path
        assert fast.end_mark.buffer == pure.end_mark.buffer  # what the validator reads after a value


def test_a_sheet_that_loads_is_read_by_one_parser_only(parser, monkeypatch):
    """With libyaml, a good sheet never reaches the slow parser; a bad one does, for its words."""
    if parser != "libyaml":
        pytest.skip("the C parser is not there to try first")
    used = []

    class Watched(loading.StrictLoader):
        def __init__(self, stream):
            used.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(loading, "StrictLoader", Watched)
    assert loading.compose("a: 1\nb: [x, y]\n") is not None
    assert used == []
    with pytest.raises(yaml.MarkedYAMLError, match="duplicate key 'a'"):
        loading.compose("a: 1\na: 2\n")
    assert used == ["a: 1\na: 2\n"]
