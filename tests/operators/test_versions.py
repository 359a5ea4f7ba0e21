"""Drafts and history of sheets edited in the browser, kept where no build reads them."""

import json
import shutil

import pytest

from briefing.operators.versions import Conflict, SheetRef, Store
from briefing.sheets.project import load_project

from helpers import DATA


@pytest.fixture
def store(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return Store(data)


REF = SheetRef("parks", "smart-medical")


@pytest.mark.parametrize("kind, sheet_id", [("parks", "../zone"), ("parks", "a/b"), ("parks", ""), ("zone", "x"),
                                            ("images", "logo"), ("parks", "Smart")])
def test_a_sheet_is_named_only_by_its_kind_and_a_safe_id(kind, sheet_id):
    assert SheetRef.parse(kind, sheet_id) is None


def test_the_first_save_keeps_the_version_found_then_the_new_one(store):
    found = (store.data_dir / REF.path).read_text(encoding="utf-8")
    current = store.current(REF)
    store.save(REF, found.replace("17000", "18000"), "liu", current.token, good=True, changed=("facts[0].value",))
    history = store.history(REF)
    assert [(e.number, e.action, e.who) for e in history] == [(2, "save", "liu"), (1, "found", "")]
    assert store.version(REF, 1) == found
    assert "18000" in (store.data_dir / REF.path).read_text(encoding="utf-8")
    assert history[0].changed == ("facts[0].value",)


def test_a_draft_leaves_the_sheet_as_it_was_and_no_build_reads_it(store):
    sheet = (store.data_dir / REF.path).read_text(encoding="utf-8")
    store.save(REF, sheet.replace("value: 17000", "value: 1.7万", 1), "liu", store.current(REF).token, good=False)
    assert (store.data_dir / REF.path).read_text(encoding="utf-8") == sheet
    assert "value: 1.7万" in store.current(REF).working
    project = load_project(store.data_dir)
    assert project.problems.errors == []  # the draft is not a sheet
    assert project.parks["smart-medical"].facts[0].value == 17000


def test_a_save_from_a_page_made_before_another_save_is_refused(store):
    sheet = (store.data_dir / REF.path).read_text(encoding="utf-8")
    seen = store.current(REF).token
    store.save(REF, sheet.replace("17000", "18000"), "liu", seen, good=True)
    with pytest.raises(Conflict) as refused:
        store.save(REF, sheet.replace("17000", "19000"), "wang", seen, good=True)
    assert "18000" in refused.value.current.text
    assert "18000" in (store.data_dir / REF.path).read_text(encoding="utf-8")


def test_an_edit_in_a_text_editor_between_saves_is_kept_in_the_history(store):
    path = store.data_dir / REF.path
    sheet = path.read_text(encoding="utf-8")
    store.save(REF, sheet.replace("17000", "18000"), "liu", store.current(REF).token, good=True)
    path.write_text(sheet.replace("17000", "17500"), encoding="utf-8")  # by hand
    store.save(REF, sheet.replace("17000", "19000"), "liu", store.current(REF).token, good=True)
    assert [e.action for e in store.history(REF)] == ["save", "found", "save", "found"]
    assert "17500" in store.version(REF, 3)


def test_discarding_a_draft(store):
    sheet = (store.data_dir / REF.path).read_text(encoding="utf-8")
    store.save(REF, sheet + "\nbad: [", "liu", store.current(REF).token, good=False)
    store.discard_draft(REF, store.current(REF).token)
    assert store.current(REF).draft is None


def test_a_history_line_cut_short_by_a_crash_loses_only_itself(store):
    sheet = (store.data_dir / REF.path).read_text(encoding="utf-8")
    store.save(REF, sheet.replace("17000", "18000"), "liu", store.current(REF).token, good=True)
    log = store.root / "history" / REF.key / "log.jsonl"
    log.write_text(log.read_text(encoding="utf-8") + '{"n": 3, "when": "2026', encoding="utf-8")
    assert [e.number for e in store.history(REF)] == [2, 1]
    assert json.loads(log.read_text(encoding="utf-8").splitlines()[0])["n"] == 1
