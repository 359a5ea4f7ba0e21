"""The code dataclasses generate, compiled once and kept: the classes made are the same, a
source met before is not compiled again, and a damaged cache is compiled afresh."""

import dataclasses
import subprocess
import sys
import textwrap

import pytest

from briefing import startup

#: Python 3.13 builds a dataclass's functions otherwise (no _create_fn): the cache is left out there.
pytestmark = pytest.mark.skipif(not hasattr(dataclasses, "_create_fn"),
                                reason="this Python's dataclasses do not compile through _create_fn")


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A process that has compiled nothing yet, with an empty cache folder."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(startup, "_known", None)
    monkeypatch.setattr(startup, "_new", {})
    return tmp_path


def make_classes():
    @dataclasses.dataclass(frozen=True)
    class Figure:
        value: float
        unit: str = "m2"
        tags: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(order=True)
    class Dated:
        year: int
        month: "int | None" = None

        def __post_init__(self):
            self.seen = True

    return Figure, Dated


def test_dataclasses_compile_through_the_cache_once_installed():
    assert dataclasses.exec is startup._exec  # briefing's import installed it


def test_the_classes_are_those_dataclasses_makes(fresh):
    Figure, Dated = make_classes()
    figure = Figure(4.2)
    assert figure == Figure(4.2, "m2", []) and repr(figure).endswith("Figure(value=4.2, unit='m2', tags=[])")
    assert hash(Figure(4.2, "m2", ())) == hash(Figure(4.2, "m2", ()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        figure.value = 1  # type: ignore[misc]
    assert Dated(2020, 5) < Dated(2021, 1) and Dated(2021).seen
    # Annotations stay as the class wrote them: none of startup's future flags leaked in.
    assert Figure.__init__.__annotations__["value"] is float
    assert Dated.__init__.__annotations__["month"] == "int | None"


def test_a_source_met_before_is_not_compiled_again(fresh, monkeypatch):
    make_classes()
    startup._write_back()
    compiled = []
    real = compile
    monkeypatch.setattr(startup, "compile", lambda *args, **kw: compiled.append(args[0]) or real(*args, **kw),
                        raising=False)
    monkeypatch.setattr(startup, "_known", None)  # as a new process: read from the cache folder
    Figure, _ = make_classes()
    assert compiled == []
    assert Figure(1.0).unit == "m2"


def test_a_damaged_cache_is_compiled_afresh_and_written_again(fresh):
    make_classes()
    startup._write_back()
    [kept] = fresh.glob("dataclass-code-*.marshal")
    kept.write_bytes(b"not marshal")
    startup._known = None
    Figure, _ = make_classes()
    assert Figure(2.0) == Figure(2.0)
    startup._write_back()
    assert startup._read(kept), "written again"


def test_a_new_process_imports_briefing_with_the_cache_and_without_it(tmp_path):
    code = textwrap.dedent("""
        import briefing.pipeline.render, dataclasses
        from briefing.sheets.schema import PartialDate
        print(PartialDate(2021, 5) == PartialDate(2021, 5), repr(PartialDate(2021, 5)))
    """)
    outputs = set()
    for folder in (str(tmp_path), str(tmp_path), ""):  # made, read back, no cache at all
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "BRIEFING_CACHE_DIR": folder})
        outputs.add(done.stdout)
    assert len(outputs) == 1 and outputs.pop().startswith("True PartialDate(")
    assert list(tmp_path.glob("dataclass-code-*.marshal"))
