"""What the tests share besides fixtures (those are in conftest.py): the minimal data folder's
sheets, the repository's paths, and helpers that build, render or run the tool. Test modules
import from here (``from helpers import PARK, write``); conftest.py is pytest's alone."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.pipeline.build import build
from briefing.pipeline.options import DEFAULT_LANGUAGES, Output, Request, Selection, output
from briefing.pipeline.plan import Job, plan
from briefing.pipeline.render import render_job

REPO = Path(__file__).resolve().parents[1]  # tests/ is in the repository's root
DATA = REPO / "data"

SOURCES = """\
sources:
  - id: article
    publication: {zh: 测试报纸, en: Test paper}
    title: {zh: 标题, en: Title}
    date: 2021-04
"""

ZONE = """\
id: zone
as_of: 2021-04
name: {zh: 测试高新区, en: Test Zone}
summary: {zh: 简介。, en: Summary.}
chains:
  - id: chain-a
    name: {zh: 甲产业链, en: Chain A}
    park: park-a
"""

PARK = """\
id: park-a
as_of: 2021-04
name: {zh: 甲产业园, en: Park A}
chain: chain-a
summary: {zh: 甲产业园简介。, en: About park A.}
facts:
  - label: {zh: 建筑面积, en: Floor area}
    value: 17000
    unit: m2
    source: article
"""


#: "Today" for the tests: a month after the shipped sheets' as-of date, so the stale-facts
#: warning (lint.py) fires only in the tests written for it.
TODAY = "2021-05-15"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def build_all(data_dir: Path, out: Path, park_ids: tuple[str, ...] = (), languages=DEFAULT_LANGUAGES,
              output: Output = Output()):
    """Every document of the data folder (or of the parks named) written into ``out``, as
    ``briefing build --force`` makes them: the sheets loaded, and the documents."""
    outcome = build(Request(data_dir, out, Selection.of_parks(tuple(park_ids)), tuple(languages), output, force=True))
    return outcome.project, outcome.documents


@dataclass(frozen=True)
class Variant:
    """One way of building the shipped ``data/``: the options as typed on the command line
    (``output(**options)``), and the parks and languages (every park and the overview, in both
    languages, unless narrowed). conftest's ``shipped`` fixture builds each at most once."""

    options: tuple[tuple[str, object], ...] = ()
    parks: tuple[str, ...] = ()
    languages: tuple[str, ...] = DEFAULT_LANGUAGES

    @property
    def output(self) -> Output:
        return output(**dict(self.options))

    def request(self, out_dir: Path) -> Request:
        return Request(DATA, out_dir, Selection.of_parks(self.parks), self.languages, self.output, force=True)

    def planned(self) -> list[str]:
        """The files the build is planned to write, named without rendering anything (so that
        tests can be parametrized by file when they are collected)."""
        park_ids = sorted(path.stem for path in (DATA / "parks").glob("*.yaml"))
        zone_id = yaml.safe_load((DATA / "zone.yaml").read_text(encoding="utf-8"))["id"]
        jobs = plan(Selection.of_parks(self.parks), park_ids, zone_id, self.languages, self.output)
        return [planned.name for job in jobs for planned in job.documents(self.output)]


#: The builds of the shipped data that tests look at, by name.
SHIPPED = {
    # briefing build: A4, both languages, every park and the overview
    "office": Variant(),
    # briefing build --bleed 3mm --cmyk --impose 2up --impose 4up --impose booklet
    "print-shop": Variant((("bleed", "3mm"), ("cmyk", True), ("impose", ("2up", "4up", "booklet")))),
    # briefing build --paper A5 --impose booklet (the booklet made of the A5 brochure itself)
    "a5": Variant((("paper", "A5"), ("impose", ("booklet",)))),
    # briefing build --paper Letter
    "letter": Variant((("paper", "Letter"),)),
    # briefing build --bleed 3mm --park smart-medical --lang zh: bleed in RGB, to compare with the office page
    "bleed": Variant((("bleed", "3mm"),), parks=("smart-medical",), languages=("zh",)),
    # briefing build --lang zh-Hant --share: the Traditional edition, and the images for WeChat
    "traditional": Variant((("share", True),), languages=("zh-Hant",)),
    # briefing build --lang zh-Hant --paper A5 --impose booklet
    "traditional-a5": Variant((("paper", "A5"), ("impose", ("booklet",))), languages=("zh-Hant",)),
    # briefing build --bleed 3mm --cmyk --print-condition JC200103 --impose 2up --impose 4up --mix --lang zh:
    # both parks' flyers on the same print-shop sheets, to another printing condition
    "mixed": Variant((("bleed", "3mm"), ("cmyk", True), ("print_condition", "JC200103"), ("impose", ("2up", "4up")),
                      ("mix", True)), languages=("zh",)),
    # briefing build --cmyk --impose 4up --impose booklet --park smart-medical --lang en: PDF/X without bleed,
    # the sheets still a print shop's (pieces at 100 %)
    "cmyk-sheets": Variant((("cmyk", True), ("impose", ("4up", "booklet"))), parks=("smart-medical",),
                           languages=("en",)),
    # briefing build --impose 2up --impose 4up --impose booklet --park smart-medical: an office printer's sheets
    "office-sheets": Variant((("impose", ("2up", "4up", "booklet")),), parks=("smart-medical",)),
    # briefing build --impose 4up: the A6 cards, four to an A4 sheet
    "cards": Variant((("impose", ("4up",)),)),
}


def page_boxes(data: bytes, page: int = 0) -> dict:
    """A page's MediaBox, TrimBox and BleedBox, in points rounded to 0.01."""
    from pypdf import PdfReader

    p = PdfReader(io.BytesIO(data)).pages[page]
    return {name: [round(float(v), 2) for v in getattr(p, name)] for name in ("mediabox", "trimbox", "bleedbox")}


def shipped_sheet(name: str) -> dict:
    """A sheet of the shipped ``data/`` as plain YAML (``zone``, ``parks/smart-medical``), for
    tests that need the shipped values without taking them from the code under test."""
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def shipped_park_ids() -> list[str]:
    """The ids of the shipped parks, in file-name order (the order the project loads them in)."""
    return sorted(path.stem for path in (DATA / "parks").glob("*.yaml"))


def render_park(project, park_id: str, lang: str, output: Output = Output()):
    """One park's documents in one language (brochure, flyers, sheets), in memory."""
    return render_job(project, Job("park", park_id, lang), output)


def qr_codes(pdf: bytes) -> list[str]:
    """The text of every QR code on the first page of ``pdf``, rendered at 150 dpi and read
    back with zxing-cpp, sorted."""
    import zxingcpp
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(path), str(path.with_suffix(""))],
                       check=True)
        image = Image.open(path.with_suffix(".png")).convert("L")
        return sorted(result.text for result in zxingcpp.read_barcodes(image))


def run_bounded(*args, seconds: float = 30, megabytes: int = 1024, env: dict | None = None):
    """``python -m briefing ARGS`` in a child process that may use at most ``seconds`` of wall
    time and ``megabytes`` of address space: a case that could hang or balloon fails its test
    instead of the machine. Returns the CompletedProcess (text output)."""
    limit = megabytes * 1024 * 1024

    def restrict():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    child_env = dict(os.environ, **(env or {}))
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), child_env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], capture_output=True, text=True,
                          timeout=seconds, preexec_fn=restrict, env=child_env)


def read_line(process, seconds: float = 30.0) -> str:
    """The next line a child process prints (text mode), waited for no longer than ``seconds``:
    a server that fails to start fails its test instead of hanging it."""
    lines = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    assert lines, f"the process printed no line in {seconds:.0f} s"
    return lines[0]


#: A paragraph that tries every line-breaking rule: brackets, quotes, a number with its unit,
#: a two-em dash, an ellipsis, Latin words, a URL.
TORTURE = ("园区（“两链两园”）计划引入总部型企业20家、科创型企业200家，年产值20亿元；"
           "《衡阳日报》报道：“12,345.67亿元”——International Hub 5G……"
           "https://example.org/a-b 与12.5 km²的面积？是的！")


def shipped_texts(lang="zh"):
    """Every text of the shipped fact sheets in one language."""
    texts = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get(lang), str):
                texts.append(node[lang])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(DATA.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [t for t in texts if len(t) > 6]


def apart_from_no_contact(problems) -> list:
    """The problems but lint.no_contact's warning: the fixture's park, like the shipped ones,
    names no one to call, so every check of it warns that its flyer has no contact (that
    warning has its own tests, in tests/sheets/test_photos.py)."""
    return [p for p in problems if not (p.where.field == "contact" and p.where.line is None)]
