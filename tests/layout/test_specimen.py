"""The typesetting specimen: written by its command, both columns present, fonts embedded."""

import subprocess

from click.testing import CliRunner

from briefing.cli import main
from briefing.layout.specimen import SAMPLES
from briefing.text.typeset import clean


def test_specimen_sets_every_sample_twice(tmp_path):
    out = tmp_path / "specimen.pdf"
    result = CliRunner().invoke(main, ["specimen", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert text.count("stock ReportLab (") == len(SAMPLES)  # each sample's caption
    flat = "".join(text.split())
    for _, sample in SAMPLES:
        assert "".join(clean(sample).split())[:12] in flat
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column


def test_specimen_unwritable_is_a_message(tmp_path):
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(main, ["specimen", "--out", str(tmp_path / "file" / "specimen.pdf")])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output
