"""What every PDF the tool writes must pass: qpdf's structural check, pypdf in strict mode,
and every font embedded."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader


def pdf_problems(path: Path) -> list[str]:
    """Everything wrong with the PDF at ``path``; empty for a sound file."""
    problems = []
    qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    if qpdf.returncode != 0:
        problems.append(f"qpdf --check exit {qpdf.returncode}: {(qpdf.stdout + qpdf.stderr)[-400:]}")
    try:
        for page in PdfReader(path, strict=True).pages:
            page.extract_text()
    except Exception as exc:  # any pypdf complaint is a finding, whatever its class
        problems.append(f"pypdf strict: {exc!r}")
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout.splitlines()[2:]
    if not rows:
        problems.append("pdffonts lists no fonts")
    # The columns end with: emb sub uni object-number generation (the type may be two words).
    problems += [f"font not embedded: {row}" for row in rows if row.split()[-5] != "yes"]
    return [f"{path}: {problem}" for problem in problems]
