"""Visitor names, events and dates from the command line: untrusted text, checked."""

import os
import re
import subprocess
import sys

import pytest

from briefing.errors import BriefingError
from briefing.pipeline.occasion import dedication, event_line, slug
from briefing.sheets.schema import PartialDate


def test_dedication_cleans_the_name():
    made = dedication("  长沙市商务局\n考察团 ", "2026-11-27")
    assert made.visitor == "长沙市商务局考察团"
    assert made.date == PartialDate(2026, 11, 27)
    assert made.file_part() == "for-长沙市商务局考察团-2026-11-27"


@pytest.mark.parametrize("name, message", [
    ("", "--for is empty"),
    ("考" * 61, "--for is 61 characters long, over the 60"),
    ("Delegation 😀", "--for 'Delegation 😀': the shipped fonts cannot print '😀' (U+1F600)"),
])
def test_dedication_refuses(name, message):
    with pytest.raises(BriefingError, match=re.escape(message)):
        dedication(name, None)


def test_date_needs_a_visitor():
    with pytest.raises(BriefingError, match="--date says when a copy was prepared"):
        dedication(None, "2026-11-27")


@pytest.mark.parametrize("text", ["27.11.2026", "2026-02-30", "2026-13"])
def test_bad_date(text):
    with pytest.raises(BriefingError, match=f"--date '{text}' is not a date; write it as YYYY-MM-DD"):
        dedication("A", text)


def test_event_details_need_an_event():
    with pytest.raises(BriefingError, match="give --event"):
        event_line(None, None, "Hall 1")
    assert event_line("企业面对面", "2021-07", None).date == PartialDate(2021, 7)


@pytest.mark.parametrize("name, expected", [
    ("Changsha Delegation", "changsha-delegation"),
    ("长沙 考察团", "长沙-考察团"),
])
def test_slug_keeps_a_readable_name(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("name", ["../../etc/passwd", "a/b", "..", "C:\\x", "-rf", ".hidden", "<b>"])
def test_slug_is_never_a_path(name):
    part = slug(name)
    assert part and "/" not in part and "\\" not in part and "." not in part and not part.startswith("-")


def test_names_that_lose_characters_do_not_collide():
    assert len({slug("A/B"), slug("A B"), slug("A:B")}) == 3


def test_a_slug_is_the_same_in_every_process():
    """A copy made again for the same visitor replaces the first, so the hash that keeps names
    apart must not change from one run to the next (as Python's own hash() of a string does)."""
    names = ["A/B", "Delegation/B", "长沙 考察团"]
    code = "import sys; from briefing.pipeline.occasion import slug; print([slug(n) for n in sys.argv[1:]])"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    runs = {subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True, check=True,
                           env=dict(env, PYTHONHASHSEED=seed)).stdout for seed in ("1", "2")}
    assert runs == {f"{[slug(name) for name in names]}\n"}


# -- each language's own text --------------------------------------------------------------------

def test_each_language_prints_its_own_visitor_and_says_when_it_borrows():
    both = dedication("长沙市商务局考察团", None, "Changsha Commerce Bureau delegation")
    assert (both.name("zh"), both.name("en")) == ("长沙市商务局考察团", "Changsha Commerce Bureau delegation")
    assert not both.borrowed("zh") and not both.borrowed("en")
    assert both.file_part("en") == "for-changsha-commerce-bureau-delegation"
    chinese_only = dedication("长沙市商务局考察团", None)
    assert chinese_only.name("en") == "长沙市商务局考察团" and chinese_only.borrowed("en")
    english_only = dedication(None, None, "Acme Ltd")
    assert english_only.name("zh") == "Acme Ltd" and english_only.borrowed("zh") and not english_only.borrowed("en")


def test_event_and_venue_per_language():
    event = event_line("企业面对面", "2021-07-28", "衡阳国际会展中心A馆", "Face-to-face with companies", None)
    assert (event.title("zh"), event.title("en")) == ("企业面对面", "Face-to-face with companies")
    assert event.place("en") == "衡阳国际会展中心A馆" and event.borrowed("en") == ["the venue"]
    assert event.borrowed("zh") == []
    with pytest.raises(BriefingError, match="give --event"):
        event_line(None, None, None, None, "Hall A")
    assert event_line(None, None, None, "Expo", "Hall A").title("zh") == "Expo"
