"""Chinese word boundaries (``text/words.py``) and the words remembered between processes."""

from __future__ import annotations

import marshal

import pytest

from briefing.text import words


@pytest.fixture
def remembered(monkeypatch, tmp_path):
    """A fresh memory of words, kept in ``tmp_path``."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    memory = words._Remembered()
    monkeypatch.setattr(words, "_REMEMBERED", memory)
    return memory


def test_a_line_may_not_end_inside_a_word(remembered):
    text = "推进办公室"  # 推进 | 办公室
    inside = words.inside_words(list(text))
    assert 1 in inside and 3 in inside and 4 in inside
    assert 2 not in inside
    assert words.inside_words(list("Hub 5G")) == frozenset()


def test_words_cut_once_are_read_back_by_the_next_process(remembered, monkeypatch, tmp_path):
    text = "两个产业园都是高新区内的园中园"
    first = words.inside_words(list(text))
    words.remember()
    (saved,) = tmp_path.glob("words-*.marshal")
    assert text in marshal.loads(saved.read_bytes())

    def no_jieba():
        raise AssertionError("jieba loaded for a text cut before")

    later = words._Remembered()  # as a new process starts
    monkeypatch.setattr(words, "_REMEMBERED", later)
    monkeypatch.setattr(words, "_cut", no_jieba)
    assert words.inside_words(list(text)) == first


def test_a_damaged_memory_is_cut_again(remembered, tmp_path):
    words.inside_words(list("高新区"))
    words.remember()
    (saved,) = tmp_path.glob("words-*.marshal")
    saved.write_bytes(b"{not marshal")
    fresh = words._Remembered()
    assert fresh.lengths("衡阳高新区") == [len(w) for w in words._cut()("衡阳高新区")]
