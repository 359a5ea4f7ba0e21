"""The strict YAML loader: one tiny document per hazard, exact messages."""

from pathlib import Path

import yaml

from briefing.errors import Problems
from briefing.sheets.load import MAX_BYTES, MAX_ENTRIES, load_nodes


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
