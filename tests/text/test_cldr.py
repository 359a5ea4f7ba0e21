"""CLDR's tables read from the cache: the same answers as Babel's whole data, the whole loaded
for any other table, and a damaged or missing file made again."""

import datetime

import pytest
from babel import Locale, localedata
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from briefing.text import cldr
from briefing.text.numbers import LOCALES


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A process that has read no locale yet, with an empty cache folder."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    forget_loaded(monkeypatch)
    return tmp_path


def forget_loaded(monkeypatch) -> None:
    """As a new process: Babel's data and the locales used forgotten, the cache folder kept."""
    monkeypatch.setattr(localedata, "_cache", {})
    monkeypatch.setattr(localedata, "_dict_cache", {}, raising=False)  # Babel 2.18 and later
    monkeypatch.setattr(cldr, "_used", set())


def answers(name: str) -> list[str]:
    """What the documents ask Babel for, in one locale."""
    day = datetime.date(2021, 9, 28)
    return [format_decimal(42000.5, locale=name, decimal_quantization=False),
            format_decimal(1500, locale=name, group_separator=False),
            repr({size: pattern.pattern for size, pattern in
                  Locale.parse(name).compact_decimal_formats["short"]["other"].items()}),
            format_skeleton("yMMMM", day, locale=name), format_skeleton("y", day, locale=name),
            format_date(day, "long", locale=name)]


@pytest.mark.parametrize("lang", sorted(set(LOCALES.values())))
def test_kept_tables_answer_as_the_whole_data(fresh, monkeypatch, lang):
    whole = answers(cldr.use(lang))  # nothing kept yet: Babel's whole data, its tables kept
    assert list((fresh / "cldr").glob(f"{lang}-*.pickle"))
    forget_loaded(monkeypatch)
    kept = answers(cldr.use(lang))
    assert isinstance(localedata._cache[lang], cldr._Kept), "the kept tables stand in for the whole"
    assert not localedata._cache[lang].whole, "no table beyond the kept ones was needed"
    assert kept == whole


def test_another_table_loads_the_whole_locale(fresh, monkeypatch):
    cldr.use("zh_Hans_CN")
    forget_loaded(monkeypatch)
    locale = Locale.parse(cldr.use("zh_Hans_CN"))
    kept = localedata._cache["zh_Hans_CN"]
    assert isinstance(kept, cldr._Kept) and not kept.whole
    assert locale.territories["CN"] == "中国"  # not kept: read from the whole
    assert kept.whole
    assert locale.decimal_formats[None].pattern == "#,##0.###"
    with pytest.raises(KeyError):
        kept["no such table"]


def test_damaged_tables_are_read_again(fresh, monkeypatch):
    cldr.use("en_GB")
    [kept] = (fresh / "cldr").glob("en_GB-*.pickle")
    kept.write_bytes(b"\x80\x05not a pickle")
    forget_loaded(monkeypatch)
    assert answers(cldr.use("en_GB"))[0] == "42,000.5"
    assert not isinstance(localedata._cache["en_GB"], cldr._Kept), "read whole, not from the damaged file"
    assert cldr._read(kept) is not None, "kept again"


def test_without_a_cache_folder_babel_reads_as_it_does(fresh, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "")
    assert answers(cldr.use("en_GB"))[0] == "42,000.5"
    assert not any(isinstance(data, cldr._Kept) for data in localedata._cache.values())
    assert not list(fresh.rglob("*.pickle"))


def test_a_locale_made_from_a_kept_one_is_made_from_the_whole(fresh, monkeypatch):
    """Babel makes a locale's data from a copy of its parent's: a copy of the kept tables
    alone made zh_Hant_TW with 29 tables of 43 (no territory names)."""
    cldr.use("zh_Hant")
    whole = dict(localedata.load("zh_Hant_TW"))
    forget_loaded(monkeypatch)
    cldr.use("zh_Hant")
    assert isinstance(localedata._cache["zh_Hant"], cldr._Kept)
    assert dict(localedata.load("zh_Hant_TW")).keys() == whole.keys()
    assert Locale.parse("zh_Hant_TW").territories["CN"] == whole["territories"]["CN"]


def test_tables_another_user_could_have_written_are_not_read(fresh, monkeypatch):
    cldr.use("en_GB")
    [kept] = (fresh / "cldr").glob("en_GB-*.pickle")
    assert cldr._read(kept) is not None
    kept.chmod(0o664)  # a pickle runs code when read: not one others may write
    assert cldr._read(kept) is None
