"""The shipped fonts: every character the tool itself prints is in them (fact-sheet text is
checked when the sheets load; a missing glyph would print as an empty box); the Chinese faces
set quotes full width, the English faces proportionally."""


import pytest
from babel.messages.pofile import read_po
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from briefing.errors import BriefingError
from briefing.layout.styles import styles
from briefing.layout.theme import DEFAULT, for_language
from briefing.text import fonts
from briefing.text.typeset import paragraph

from helpers import REPO

LOCALES = REPO / "src" / "briefing" / "locales"
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_every_translation_can_be_printed(path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    texts = [m.string for m in catalog if m.id and m.string]
    assert texts
    # The Traditional catalog is set in the Traditional faces, the others in the Simplified and Latin ones.
    faces = fonts.TRADITIONAL_FACES if path.parts[-3] == "zh_Hant" else fonts.SIMPLIFIED_FACES
    missing = {text: fonts.missing_characters(text, faces) for text in texts if fonts.missing_characters(text, faces)}
    assert missing == {}


def test_a_character_the_fonts_lack_is_an_error_naming_it():
    with pytest.raises(BriefingError, match=r"U\+20AC '€'"):
        paragraph("价格€100", styles(DEFAULT)["body"])


def test_both_faces_cover_chinese_punctuation_and_units():
    assert fonts.missing_characters("，。、；：？！“”‘’（）《》——……·％²℃") == []


EM = 10.0


@pytest.fixture(autouse=True)
def registered():
    fonts.register()


QUOTES = "“”‘’·…"


def test_chinese_faces_set_quotes_full_width():
    widths = {(face, char): stringWidth(char, face, EM) for face in (fonts.REGULAR, fonts.BOLD) for char in QUOTES}
    assert {key: width for key, width in widths.items() if width != EM} == {}


def test_english_faces_set_quotes_proportionally():
    widths = {(face, char): stringWidth(char, face, EM) for face in (fonts.LATIN, fonts.LATIN_BOLD) for char in QUOTES}
    assert {key: width for key, width in widths.items() if width >= EM * 0.9} == {}  # quotes ~0.4 em, … ~0.85 em


@pytest.mark.parametrize("latin, cjk", [(fonts.LATIN, fonts.REGULAR), (fonts.LATIN_BOLD, fonts.BOLD)])
def test_english_faces_draw_every_character_of_the_chinese_ones(latin, cjk):
    """A name in Chinese, or a text not yet translated, prints in the English edition too."""
    english, chinese = getFont(latin).face.charToGlyph, getFont(cjk).face.charToGlyph
    assert set(chinese) <= set(english)
    assert stringWidth("衡阳高新区", latin, EM) == stringWidth("衡阳高新区", cjk, EM)


def test_bold_is_a_real_bold_face():
    assert stringWidth("Hengyang", fonts.LATIN_BOLD, EM) > stringWidth("Hengyang", fonts.LATIN, EM)


@pytest.mark.parametrize("lang, regular, bold", [("zh", fonts.REGULAR, fonts.BOLD),
                                                 ("en", fonts.LATIN, fonts.LATIN_BOLD)])
def test_each_language_set_in_its_faces(lang, regular, bold):
    theme = for_language(DEFAULT, lang)
    assert (theme.font, theme.bold_font) == (regular, bold)
    assert theme.palette == DEFAULT.palette and theme.type.body == DEFAULT.type.body


def _drawn_with(font) -> bytes:
    """A page of Chinese and English in ``font``, as PDF bytes (the subset embedded)."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(font)
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(font.fontName, 12)
    canvas.drawString(20, 700, "衡阳高新区 Hengyang “两链两园” 2021年")
    canvas.save()
    return out.getvalue()


def test_a_face_from_the_cache_is_the_face_parsed(tmp_path):
    """A face restored from its cached parse measures and embeds as the one ReportLab parses
    from the file: the same widths and glyphs, the same PDF bytes."""
    from reportlab.pdfbase.ttfonts import TTFont

    from briefing.text.hooks import cached_ttfont

    path = fonts.font_dir() / fonts.FILES[fonts.REGULAR]
    parsed = TTFont("CacheTest", str(path))
    written = cached_ttfont("CacheTest", path, tmp_path, fonts.write_atomically)  # parses, and writes the cache
    assert len(list(tmp_path.glob("CacheTest-*.marshal"))) == 1
    restored = cached_ttfont("CacheTest", path, tmp_path, fonts.write_atomically)
    assert restored.face.charWidths == parsed.face.charWidths
    assert restored.face.charToGlyph == parsed.face.charToGlyph
    assert restored.stringWidth("两链两园 Hub", 10) == parsed.stringWidth("两链两园 Hub", 10)
    assert _drawn_with(restored) == _drawn_with(parsed) == _drawn_with(written)


def test_a_damaged_cache_is_parsed_again(tmp_path):
    from briefing.text.hooks import cached_ttfont

    path = fonts.font_dir() / fonts.FILES[fonts.BOLD]
    cached_ttfont("CacheTest-Bold", path, tmp_path, fonts.write_atomically)
    (cache,) = tmp_path.glob("CacheTest-Bold-*.marshal")
    cache.write_bytes(b"not marshal")
    font = cached_ttfont("CacheTest-Bold", path, tmp_path, fonts.write_atomically)
    assert font.stringWidth("园", 10) == 10.0
    assert cache.read_bytes() != b"not marshal"  # written again
    assert cached_ttfont("CacheTest-Bold", path, None, fonts.write_atomically).stringWidth("园", 10) == 10.0  # no cache at all


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    assert fonts.cache_dir() == tmp_path / "fonts"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "")
    assert fonts.cache_dir() is None
    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert fonts.cache_dir() == tmp_path / "xdg" / "briefing" / "fonts"


def test_coverage_is_read_back_without_registering_the_fonts(monkeypatch, tmp_path):
    """``briefing check`` asks which characters the faces draw: after the first time, the
    answer comes from the cache, with no font parsed (nor ReportLab's layout imported)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    fonts.face_coverage.cache_clear()
    try:
        first = fonts.face_coverage(fonts.BOLD)
        assert first == frozenset(getFont(fonts.BOLD).face.charToGlyph)
        assert len(list((tmp_path / "fonts").glob(f"{fonts.BOLD}-*.codepoints"))) == 1
        fonts.face_coverage.cache_clear()

        def not_again():
            raise AssertionError("the fonts were registered to know their coverage")

        monkeypatch.setattr(fonts, "register", not_again)
        assert fonts.face_coverage(fonts.BOLD) == first
    finally:
        fonts.face_coverage.cache_clear()


def test_a_chinese_document_reads_only_its_own_faces(tmp_path):
    """Faces are read when first used: a Chinese brochure, made in a fresh process, registers
    the two Simplified faces and never reads the Latin or Traditional ones (once the faces'
    coverage is cached: the first process ever works it out from every face)."""
    import subprocess
    import sys

    script = ("from pathlib import Path\n"
              "from reportlab.pdfbase.pdfmetrics import getRegisteredFontNames\n"
              "from briefing.pipeline.build import check\n"
              "from briefing.pipeline.render import render_brochure\n"
              f"render_brochure(check(Path({str(REPO / 'data')!r})), 'mobile-internet', 'zh')\n"
              "print(sorted(set(getRegisteredFontNames()) & {" + ", ".join(map(repr, fonts.FILES)) + "}))\n")
    env = {**__import__("os").environ, "BRIEFING_CACHE_DIR": str(tmp_path)}
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
        assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == repr(sorted([fonts.REGULAR, fonts.BOLD]))


def test_a_font_files_digest_is_remembered_until_the_file_changes(monkeypatch, tmp_path):
    """The digest of a face (the key of its cached parse, part of the tool's version) is
    remembered by the file's stat: not read again while the file is unchanged, hashed again
    once it is written."""
    import hashlib
    import shutil

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    face = tmp_path / "Face.ttf"
    shutil.copyfile(fonts.font_dir() / fonts.FILES[fonts.BOLD], face)

    def forget():
        fonts.font_digest.cache_clear()
        fonts.font_file.cache_clear()
        fonts._known_digests.cache_clear()

    forget()
    try:
        first = fonts.font_digest(face)
        assert first == hashlib.sha256(face.read_bytes()).hexdigest()
        forget()  # as the next process starts

        def not_read(path):
            raise AssertionError(f"{path} read again")

        with monkeypatch.context() as patched:
            patched.setattr(fonts, "font_file", not_read)
            assert fonts.font_digest(face) == first
        face.write_bytes(face.read_bytes() + b"\0")
        forget()
        assert fonts.font_digest(face) == hashlib.sha256(face.read_bytes()).hexdigest() != first
        (tmp_path / "cache" / fonts.DIGESTS).write_text("{damaged")
        forget()
        assert fonts.font_digest(face) == hashlib.sha256(face.read_bytes()).hexdigest()
    finally:
        forget()


def test_a_face_read_on_first_use_keeps_its_familys_real_bold(tmp_path):
    """ReportLab maps a TrueType face's bold to the face itself when it is registered: read on
    first use, after the families were mapped, a face undid ``<b>``'s real bold (and what
    ReportLab's parser says of a frag's boldness changed in mid-process)."""
    import subprocess
    import sys

    script = ("from reportlab.lib.fonts import ps2tt, tt2ps\n"
              "from reportlab.pdfbase.pdfmetrics import getFont\n"
              "from briefing.text import fonts\n"
              "fonts.register()\n"
              "before = [tt2ps(f, 1, 0) for f in fonts.FAMILIES], [ps2tt(f) for f in fonts.FAMILIES]\n"
              "for face in fonts.FILES: getFont(face)\n"
              "after = [tt2ps(f, 1, 0) for f in fonts.FAMILIES], [ps2tt(f) for f in fonts.FAMILIES]\n"
              "print(before == after, after[0] == list(fonts.FAMILIES.values()))\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "BRIEFING_CACHE_DIR": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "True"]


def test_without_a_home_there_is_no_cache(monkeypatch):
    """A container's user with no home and no passwd entry: Path.home() raises; every
    command went down with it at import (the dataclasses' cache asks for the folder)."""
    from pathlib import Path

    from briefing.text.cache import cache_root

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("BRIEFING_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache_root() is None
