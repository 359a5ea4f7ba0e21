"""Line breaking by the clreq basic rules, on the pure algorithm, over many column widths."""

import re

import pytest

from briefing.text.linebreak import CANNOT_END, CANNOT_START, break_lines, can_break_before, is_han, is_wide

from helpers import TORTURE, shipped_texts

def widths_of(text):
    return [1.0 if is_wide(c) else 0.55 for c in text]


def lines_of(text, ems):
    return [text[s:e] for s, e in break_lines(text, widths_of(text), [float(ems)])]


TEXTS = [TORTURE, *shipped_texts()]
WIDTHS = list(range(6, 41, 2))
WHOLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/_²-]*[A-Za-z0-9²]")  # words, numbers, URLs


@pytest.mark.parametrize("ems", WIDTHS)
@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_rules_hold(text, ems):
    lines = lines_of(text, ems)
    assert "".join(lines) == text  # nothing lost, nothing added
    for line in lines[1:]:
        assert line[0] not in CANNOT_START, lines
    for line, following in zip(lines, lines[1:]):
        assert line.rstrip()[-1] not in CANNOT_END, lines
        for mark in "—…":
            assert not (line.endswith(mark) and following.startswith(mark)), lines
    for line in lines:
        assert sum(widths_of(line.rstrip())) <= ems + 1e-6 or len(WHOLE.findall(line)) == 1, lines


@pytest.mark.parametrize("ems", WIDTHS)
def test_words_and_numbers_stay_whole(ems):
    lines = lines_of(TORTURE, ems)
    fits = [w for w in WHOLE.findall(TORTURE) if sum(widths_of(w)) <= ems]
    for word in fits:
        assert any(word in line for line in lines), (word, lines)


@pytest.mark.parametrize("ems", WIDTHS)
@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_no_lone_han_character_on_last_line(text, ems):
    lines = lines_of(text, ems)
    if len(lines) > 1:
        assert sum(is_han(c) for c in lines[-1]) != 1, lines


def test_number_keeps_its_unit():
    text = "甲乙丙丁4.2万平方米"
    assert lines_of(text, 8) == ["甲乙丙丁", "4.2万平方米"]


def test_comma_never_starts_a_line():
    assert lines_of("甲乙丙丁，戊己", 4) == ["甲乙丙", "丁，戊己"]


def test_opening_quote_never_ends_a_line():
    assert lines_of("甲乙丙“丁戊”", 4) == ["甲乙丙", "“丁戊”"]


def test_url_too_long_for_its_line_breaks_after_a_slash():
    assert lines_of("https://example.org/sign-up?park=a", 12) == ["https://example.org/", "sign-up?park=a"]


def test_ascii_opening_bracket_never_ends_a_line():
    text = "Medical fund (planned)"
    assert all(not line.rstrip().endswith("(") for line in lines_of(text, 8))


def test_curly_apostrophe_stays_in_its_word():
    assert not can_break_before("Hengyang’s", 9)


def test_forced_break():
    text = "甲乙丙丁"
    spans = break_lines(text, [1.0] * 4, [10.0], forced=[False, True, False, False])
    assert spans == [(0, 2), (2, 4)]


def test_overlong_word_is_split_rather_than_overflowing():
    text = "x" * 40
    assert all(len(line) <= 10 for line in lines_of(text, 5.5))
