"""What a build may keep, read without limits no more: the manifest and the recorded PDFs
replaced by a link to a device or by a pipe, and files in the data folder that no build reads
(issue 19). Each case runs the command in a child process bounded in time and memory, so a
regression fails its test instead of hanging or exhausting the machine."""

import marshal
import os

import pytest

from briefing.output import freshness

from helpers import run_bounded, write


def build(data_dir, out, *extra, seconds=60):
    return run_bounded("build", "--data", data_dir, "--out", out, "--lang", "zh", *extra, seconds=seconds,
                       megabytes=1024, env={"BRIEFING_TODAY": "2021-05-15"})


@pytest.fixture
def built(data_dir, tmp_path):
    out = tmp_path / "out"
    first = build(data_dir, out)
    assert first.returncode == 0, first.stderr
    return out


def replace_with(path, hostile: str):
    path.unlink()
    if hostile == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)


@pytest.mark.parametrize("hostile", ["dev-zero", "fifo"])
@pytest.mark.parametrize("force", [False, True])
def test_a_hostile_manifest_is_ignored(data_dir, built, hostile, force):
    """A manifest linked to /dev/zero read until memory ran out; a FIFO hung the build, even
    with --force. It is now ignored (everything is made again) and replaced."""
    replace_with(built / freshness.MANIFEST, hostile)
    result = build(data_dir, built, *(["--force"] if force else []))
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout
    assert (built / freshness.MANIFEST).is_file() and not (built / freshness.MANIFEST).is_symlink()


@pytest.mark.parametrize("hostile", ["dev-zero", "fifo"])
def test_a_hostile_recorded_pdf_is_made_again(data_dir, built, hostile):
    pdf = built / "park-park-a-zh.pdf"
    replace_with(pdf, hostile)
    result = build(data_dir, built)
    assert result.returncode == 0, result.stderr
    assert f"wrote {pdf}" in result.stdout
    assert pdf.is_file() and not pdf.is_symlink() and pdf.read_bytes().startswith(b"%PDF")


def test_files_no_build_reads_are_not_read(data_dir, built):
    """A 1.5 GB file in data/ made an up-to-date build take 11 s and 1.6 GB, and fail under a
    1 GB limit: the whole folder was read into memory to be hashed."""
    for name in ("film.mp4", "images/huge.png", "parks/notes.txt"):
        path = data_dir / name
        path.parent.mkdir(exist_ok=True)
        with open(path, "wb") as big:
            big.truncate(1536 * 1024 * 1024)  # sparse: costs no disk
    result = build(data_dir, built, seconds=20)
    assert result.returncode == 0, result.stderr
    assert "already up to date" in result.stdout and "wrote" not in result.stdout


def test_a_named_image_is_hashed_and_its_change_rebuilds(data_dir, built):
    from PIL import Image

    logo = data_dir / "images" / "logo.png"
    logo.parent.mkdir()
    Image.new("RGB", (40, 20), "red").save(logo)
    sheet = data_dir / "parks" / "park-a.yaml"
    write(sheet, sheet.read_text(encoding="utf-8") + "branding:\n  logo: images/logo.png\n")
    assert "wrote" in build(data_dir, built).stdout
    assert "already up to date" in build(data_dir, built).stdout
    Image.new("RGB", (40, 20), "blue").save(logo)
    assert "wrote" in build(data_dir, built).stdout


def test_file_digest_streams_and_refuses_what_is_not_a_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert freshness.file_digest(fifo, 10) is None
    assert freshness.file_digest(tmp_path, 10) is None
    big = tmp_path / "big"
    big.write_bytes(b"x" * 11)
    assert freshness.file_digest(big, 10).startswith("large:11:")
    assert freshness.read_limited(big, 10) is None and freshness.read_limited(fifo, 10) is None


def test_the_tool_version_is_remembered_by_the_files_stat(tmp_path, monkeypatch):
    """The code's digest (which makes every document again when the code changes) is kept in
    the cache with the stat of the files it was made from: read back while they are unchanged,
    made again from the files' bytes once one is written again."""
    package = tmp_path / "briefing"
    (package / "layout").mkdir(parents=True)
    (package / "cli.py").write_text("print('a')\n")
    (package / "layout" / "brochure.py").write_text("WIDTH = 1\n")
    (package / ".#cli.py").symlink_to("editor@host.1234")  # an editor's lock: a dangling link, no file
    files = [package / "cli.py", package / "layout" / "brochure.py"]
    monkeypatch.setattr(freshness, "PACKAGE", package)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))

    def version() -> str:
        freshness.tool_version.cache_clear()
        return freshness.tool_version()

    def from_the_files() -> str:
        return freshness.digest("cli.py", "brochure.py", *(p.read_bytes() for p in files))

    try:
        made = version()
        assert made == from_the_files()
        kept = tmp_path / "cache" / freshness.TOOL_VERSION
        stamps, _ = marshal.loads(kept.read_bytes())
        kept.write_bytes(marshal.dumps([stamps, "as kept"]))
        assert version() == "as kept", "read back while no file changed"
        (package / "layout" / "brochure.py").write_text("WIDTH = 2\n")
        assert version() == from_the_files() != made
    finally:
        freshness.tool_version.cache_clear()  # this test's answers are not the package's
