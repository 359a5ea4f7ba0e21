"""Editors' accounts (scrypt hashes, a private file), sessions and the sign-in throttle."""

import stat

import pytest

from briefing.desk import auth
from briefing.errors import BriefingError
from briefing.operators.versions import SheetRef


@pytest.fixture
def accounts(tmp_path):
    store = auth.Accounts(tmp_path / "config" / "editors.json")
    store.add("liu", "correct horse battery", ("smart-medical",), False)
    store.add("office", "office password 1", (), True)
    return store


def test_passwords_are_kept_as_scrypt_hashes_in_a_file_only_its_owner_reads(accounts):
    text = accounts.path.read_text(encoding="utf-8")
    assert "correct horse" not in text and "scrypt$32768$8$1$" in text
    assert stat.S_IMODE(accounts.path.stat().st_mode) == 0o600


def test_the_right_password_signs_in_and_a_wrong_one_does_not(accounts):
    assert accounts.verify("liu", "correct horse battery") == auth.Editor("liu", ("smart-medical",))
    assert accounts.verify("liu", "Correct horse battery") is None
    assert accounts.verify("nobody", "correct horse battery") is None


def test_an_operator_edits_only_their_park_and_the_office_every_sheet(accounts):
    liu, office = accounts.current("liu"), accounts.current("office")
    assert liu.may_edit(SheetRef("parks", "smart-medical"))
    assert not liu.may_edit(SheetRef("parks", "mobile-internet"))
    assert not liu.may_edit(SheetRef("zone"))
    assert all(office.may_edit(ref) for ref in (SheetRef("zone"), SheetRef("news", "x"), SheetRef("parks", "y")))


@pytest.mark.parametrize("name, password, parks, zone, said", [
    ("Liu Hao", "long enough pass", ("a",), False, "cannot be an editor's name"),
    ("liu", "short", ("a",), False, "too short"),
    ("liu", "long enough pass", (), False, "say what liu may edit"),
])
def test_accounts_refused(accounts, name, password, parks, zone, said):
    with pytest.raises(BriefingError, match=said):
        accounts.add(name, password, parks, zone)


def test_a_removed_editor_is_gone(accounts):
    assert accounts.remove("liu") and accounts.current("liu") is None
    assert not accounts.remove("liu")


def test_sessions_end_when_idle_too_long_or_ended(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(auth.time, "monotonic", lambda: clock[0])
    sessions = auth.Sessions()
    session = sessions.start(auth.Editor("liu"))
    assert sessions.get(session.token) is session and len(session.csrf) >= 32
    clock[0] += auth.IDLE - 1
    assert sessions.get(session.token) is session
    clock[0] += auth.IDLE + 1
    assert sessions.get(session.token) is None
    other = sessions.start(auth.Editor("liu"))
    sessions.end(other.token)
    assert sessions.get(other.token) is None and sessions.get("") is None


def test_five_wrong_passwords_from_an_address_wait_out_the_window(monkeypatch):
    clock = [0.0]
    monkeypatch.setattr(auth.time, "monotonic", lambda: clock[0])
    throttle = auth.Throttle()
    for number in range(auth.PER_ADDRESS):
        assert throttle.wait("10.0.0.5", f"name{number}") == 0
        throttle.failed("10.0.0.5", f"name{number}")
    assert throttle.wait("10.0.0.5", "another") == auth.WINDOW + 1
    assert throttle.wait("10.0.0.6", "another") == 0
    clock[0] += auth.WINDOW + 1
    assert throttle.wait("10.0.0.5", "another") == 0


def test_ten_wrong_passwords_for_a_name_from_anywhere_stop_it(monkeypatch):
    throttle = auth.Throttle()
    for number in range(auth.PER_NAME):
        throttle.failed(f"10.0.0.{number}", "liu")
    assert throttle.wait("10.0.1.1", "liu") > 0
    assert throttle.wait("10.0.1.1", "wang") == 0
