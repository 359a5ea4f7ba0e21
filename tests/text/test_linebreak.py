"""Line breaking by the clreq basic rules, on the pure algorithm (widths in ems: a Han character
1, anything else 0.55): the rules as properties of generated text, the same rules on every
shipped text at every width from 6 to 40 ems, and one case for each way a break is chosen.
``test_typeset.py`` sets text on the page with the fonts' real widths."""

import itertools
import os
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.text.linebreak import (
    CANNOT_END,
    CANNOT_START,
    SIMPLIFIED,
    TRADITIONAL,
    break_lines,
    breaks_before,
    can_break_before,
    is_han,
    is_wide,
    word_like,
)

from helpers import TORTURE, shipped_texts

WIDTHS = range(6, 41, 2)
WHOLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/_²-]*[A-Za-z0-9²]")  # words, numbers, URLs


def widths_of(text):
    return [1.0 if is_wide(c) else 0.55 for c in text]


def lines_of(text, ems):
    return [text[s:e] for s, e in break_lines(text, widths_of(text), [float(ems)])]


def broken_rules(text: str, ems: float, orphans: bool = True) -> list[str]:
    """Every rule that ``text`` set ``ems`` wide breaks, each with the lines: nothing lost or
    added; no line starting with a mark that cannot start one, none ending with one that cannot
    end one; —— and …… whole; no line wider than the column unless it holds one word, number or
    URL too long for it; every word or number that fits on a line kept whole; and (``orphans``)
    no lone Han character on a last line."""
    spans = break_lines(text, widths_of(text), [float(ems)])
    lines = [text[s:e] for s, e in spans]
    found = []
    if "".join(lines) != text:
        found.append("the lines do not spell the text")
    found += [f"starts with {line[0]}" for line in lines[1:] if line[0] in CANNOT_START]
    for line, following in itertools.pairwise(lines):
        if line.rstrip()[-1] in CANNOT_END:
            found.append(f"ends with {line.rstrip()[-1]}")
        found += [f"{mark}{mark} parted" for mark in "—…" if line.endswith(mark) and following.startswith(mark)]
    found += [f"too wide: {line}" for line in lines
              if sum(widths_of(line.rstrip())) > ems + 1e-6 and len(WHOLE.findall(line)) != 1]
    breaks = [end for _, end in spans[:-1]]
    found += [f"split: {word.group()}" for word in WHOLE.finditer(text)
              if sum(widths_of(_glued(text, word.start(), word.end()))) <= ems
              and any(word.start() < b < word.end() for b in breaks)]
    if orphans and len(lines) > 1 and sum(is_han(c) for c in lines[-1]) == 1:
        found.append("a lone Han character on the last line")
    return [f"{problem} in {lines}" for problem in found]


def _glued(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with what may not be parted from it: the rest of its word (a comma or
    a stop inside or after a word joins it, as in 12,345.67 and “e.g.,”), an opening mark before
    it and closing marks after it."""
    while start and (word_like(text[start - 1]) or text[start - 1] in CANNOT_END):
        start -= 1
    while end < len(text) and (word_like(text[end]) or text[end] in CANNOT_START):
        end += 1
    return text[start:end]


def test_every_shipped_text_at_every_width_keeps_the_rules():
    """The real texts (Chinese and English) at every even width from 6 to 40 ems, and the
    torture text: a loop rather than ~5,400 test ids, all reported together."""
    texts = [TORTURE, *shipped_texts("zh"), *shipped_texts("en")]
    assert len(texts) > 250
    broken = [f"{ems} ems: {problem}" for text in texts for ems in WIDTHS for problem in broken_rules(text, ems)]
    assert broken == []


# -- generated text: runs of Han, Latin words, numbers with units, URLs, marks around them ------

HAN = st.text(st.sampled_from("衡阳高新区产业园企业发展项目建设两链"), min_size=1, max_size=12)
WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGH"), min_size=1, max_size=8)
NUMBER = st.builds(lambda digits, fraction, unit: digits + fraction + unit,
                   st.text(st.sampled_from("0123456789"), min_size=1, max_size=5),
                   st.sampled_from(["", ".5", ",345"]),
                   st.sampled_from(["", "万平方米", "亿元", "家", "%", " km²", " m²", "G"]))
URL = st.sampled_from(["https://example.org/a-b", "https://x.cn/s?p=1"])
TOKEN = st.one_of(HAN, HAN, HAN, WORD, NUMBER, URL, st.sampled_from(["——", "……"]))
#: A token, then maybe a mark that closes, between opening and closing marks, as sentences have them.
PHRASE = st.builds(lambda opening, token, closing, after: opening + token + closing + after,
                   st.sampled_from(["", "", "", "“", "（", "《", "‘"]), TOKEN,
                   st.sampled_from(["", "", "", "”", "）", "》", "’"]),
                   st.sampled_from(["", "", "", "，", "。", "、", "；", "：", "？", "！", "……", " "]))


def sentence(phrases: list[str]) -> str:
    """The phrases in a row, with a space between two words rather than the two run together."""
    text = ""
    for phrase in phrases:
        if word_like(text[-1:]) and word_like(phrase[:1]):
            text += " "
        text += phrase
    return text


SENTENCE = st.lists(PHRASE, min_size=1, max_size=25).map(sentence)


@settings(max_examples=max(300, int(os.environ.get("BRIEFING_EXAMPLES", "0"))), deadline=None)
@given(text=SENTENCE, ems=st.integers(12, 40))  # every phrase but a URL fits 12 ems
@example(text=TORTURE, ems=6)  # every break decision but the one below (branch coverage)
@example(text=TORTURE, ems=10)
@example(text="2021年党风廉政建设和反腐败工作会议", ems=18)  # a character pulled down to an orphan
def test_the_rules_hold_for_any_sentence(text, ems):
    """Whatever the text, as long as each of its words and numbers fits a line: a lone Han
    character on the last line is avoided only where a character can be pulled down, so that
    rule is checked on the shipped texts and below, not here."""
    assert broken_rules(text, ems, orphans=False) == []


# -- one case for each way a break is chosen ---------------------------------------------------

def test_number_keeps_its_unit():
    text = "甲乙丙丁4.2万平方米"
    assert lines_of(text, 8) == ["甲乙丙丁", "4.2万平方米"]


def test_latin_unit_stays_with_its_number_across_the_space():
    assert lines_of("甲乙丙丁12.5 km²", 7) == ["甲乙丙丁", "12.5 km²"]


def test_comma_never_starts_a_line():
    assert lines_of("甲乙丙丁，戊己", 4) == ["甲乙丙", "丁，戊己"]


def test_opening_quote_never_ends_a_line():
    assert lines_of("甲乙丙“丁戊”", 4) == ["甲乙丙", "“丁戊”"]


def test_two_em_dash_stays_whole():
    assert lines_of("甲乙丙——丁", 4) == ["甲乙", "丙——丁"]


def test_lone_han_character_pulled_down_to_the_last_line():
    text = "甲乙丙丁戊己庚辛壬"
    assert [len(line) for line in lines_of(text, 8)] == [7, 2]


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


def test_a_url_that_fits_its_line_is_not_split_for_the_space_after_it():
    """Found by the property above: the URL is 12.65 ems, the line 13; the space after it does
    not fit, and stays at the line's end, taking no room there (as after a word, e.g.
    "brownish " in a 5.5-em line)."""
    assert lines_of("业业业业https://example.org/a-b A", 13) == ["业业业业", "https://example.org/a-b ", "A"]


def test_overlong_word_is_split_rather_than_overflowing():
    text = "x" * 40
    assert all(len(line) <= 10 for line in lines_of(text, 5.5))


def test_where_a_text_may_break_is_remembered_as_can_break_before_says():
    """``breaks_before`` (worked out once per text, then remembered) is ``can_break_before``
    at every position, by each writing system's rules, for every shipped text and the torture
    texts; asked again, it answers from what it remembered."""
    texts = [*shipped_texts("zh"), *shipped_texts("en"), *TORTURE]
    for rules in (SIMPLIFIED, TRADITIONAL):
        for text in texts:
            expected = [False] + [can_break_before(text, k, rules) for k in range(1, len(text))]
            assert [bool(b) for b in breaks_before(list(text), rules)] == expected, text
            assert breaks_before(list(text), rules) is breaks_before(text, rules)


def test_breaks_remembered_for_one_text_are_not_given_to_another_that_joins_the_same():
    """A paragraph's characters may hold an empty one (an empty frag, as at a <br/>): the
    list ["ab", ""] joins to the text of ["a", "b"] but breaks differently."""
    for chars in (["a", "b"], ["ab", ""], ["a", "", "b"]):
        expected = [False] + [can_break_before(chars, k) for k in range(1, len(chars))]
        assert [bool(b) for b in breaks_before(chars)] == expected, chars
