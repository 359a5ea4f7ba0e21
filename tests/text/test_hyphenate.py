"""English hyphenation (``text/hyphenate.py``): where words may break, and pyphen's patterns
parsed once per machine (kept in the cache)."""

from __future__ import annotations

import pyphen
import pytest

from briefing.text import hyphenate


def points(text: str) -> dict[int, bool]:
    return hyphenate.hyphen_points(list(text), "en_GB")


def test_words_break_by_the_patterns_and_names_stay_whole():
    assert points("international") == {2: True, 5: True, 7: True}  # in-ter-na-tional
    assert points("Hengyang") == {}  # a name: pinyin the patterns do not know
    assert points("https://example.org/internationalisation") == {}
    assert points("well-designed") == {5: False, 7: True}  # after its own hyphen, no hyphen added


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """No dictionary loaded in this process, and an empty cache in ``tmp_path``."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenate._dictionary.cache_clear()
    yield tmp_path
    hyphenate._dictionary.cache_clear()


def test_parsed_patterns_are_kept_and_read_back(fresh, monkeypatch):
    words = "the internationalisation of hyphenation organisations"
    parsed = points(words)
    (kept,) = (fresh / "hyphenation").glob("hyph_en_GB-*.marshal")
    monkeypatch.setattr(pyphen, "hdcache", {})  # as the next process starts
    hyphenate._dictionary.cache_clear()

    def not_parsed(self, path):
        raise AssertionError("the dictionary was parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(pyphen.HyphDict, "__init__", not_parsed)
        assert points(words) == parsed
    kept.write_bytes(b"damaged")
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenate._dictionary.cache_clear()
    assert points(words) == parsed  # parsed again, as pyphen always did
