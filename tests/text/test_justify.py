"""Spacing inside a line, on the pure functions: Han-Latin spacing, punctuation compression,
justification."""

import pytest

from briefing.text.justify import HAN_LATIN, line_spacing, natural_spacing, stretchable
from briefing.text.linebreak import is_wide, word_like


def widths(text):
    """Widths in ems as the Chinese face draws them: curly quotes a full em."""
    return [1.0 if is_wide(c) or c in "“”‘’" else 0.5 for c in text]


def spacing(text):
    return natural_spacing(text, [1.0] * len(text), widths(text))


@pytest.mark.parametrize("text, after", [
    ("预计2021年", {1: HAN_LATIN, 5: HAN_LATIN}),  # 计|2 and 1|年
    ("引进5G企业", {1: HAN_LATIN, 3: HAN_LATIN}),
    ("AI智能", {1: HAN_LATIN}),
])
def test_quarter_em_between_han_and_latin(text, after):
    assert {i: v for i, v in enumerate(spacing(text)) if v} == after


@pytest.mark.parametrize("text", ["位于 Hengyang", "Hub 高新区", "（5G）", "“AI”", "20%，", "产业+供应链"])
def test_no_han_latin_space_beside_a_space_or_punctuation(text):
    assert not any(v > 0 for v in spacing(text))


@pytest.mark.parametrize("text, index", [("园”，甲", 1), ("区）。", 1), ("说：“好", 1), ("好。”", 1)])
def test_left_inked_punctuation_before_another_gives_up_half_an_em(text, index):
    assert spacing(text)[index] == -0.5
    assert sum(1 for v in spacing(text) if v) == 1


def test_narrow_quotes_of_an_english_face_are_not_compressed():
    text = "‘x’”"
    assert natural_spacing(text, [1.0] * 4, [0.25, 0.5, 0.25, 0.4]) == [0.0] * 4


def test_opening_marks_side_by_side_are_not_compressed():
    assert spacing("甲（“乙") == [0.0] * 4


def test_justified_line_fills_the_limit_and_ends_without_spacing():
    text = "园区预计2021年开园"
    extra = spacing(text)
    result = line_spacing(text, widths(text), extra, 0, len(text), 12.0, justify=True)
    assert result[-1] == 0
    assert sum(widths(text)) + sum(result) == pytest.approx(12.0)


def test_no_stretch_inside_a_number_or_word():
    text = "共12,345.67亿元 Hub"
    result = line_spacing(text, widths(text), spacing(text), 0, len(text), 20.0, justify=True)
    inside = [i for i in range(len(text) - 1) if word_like(text[i]) and word_like(text[i + 1])]
    assert len(inside) == 10  # eight inside 12,345.67, two inside Hub
    assert all(result[i] == 0 for i in inside)
    assert all(result[i] > 0 for i in range(len(text) - 1) if i not in inside)


def test_two_em_dash_is_not_stretched_apart():
    text = "甲——乙"
    assert 1 not in stretchable(text, 0, len(text))


def test_english_line_stretches_at_its_spaces_only():
    text = "the “nerve centre” of"
    assert stretchable(text, 0, len(text)) == [i for i, c in enumerate(text) if c == " "]


def test_trailing_spaces_take_no_room_and_no_spacing():
    text = "甲乙 "
    result = line_spacing(text, widths(text), spacing(text), 0, len(text), 3.0, justify=True)
    assert result[1:] == [0.0, 0.0]
    assert result[0] == pytest.approx(1.0)


def test_ragged_line_keeps_natural_spacing_only():
    text = "预计2021年"
    extra = spacing(text)
    assert line_spacing(text, widths(text), extra, 0, len(text), 40.0, justify=False) == extra[:-1] + [0.0]
