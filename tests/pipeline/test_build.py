"""The pipeline's build: unchanged documents skipped by content hash, the rest rendered on
every core, the same bytes either way."""

import gc
import itertools
import os

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.layout import theme
from briefing.output import freshness
from briefing.pipeline import build as pipeline
from briefing.pipeline import options
from briefing.pipeline.options import Request

from helpers import PARK, REPO, write


@pytest.fixture
def run():
    def invoke(*args):
        result = CliRunner().invoke(main, [str(a) for a in args])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result
    return invoke


def wrote(result) -> list[str]:
    return sorted(os.path.basename(line.split()[1]) for line in result.output.splitlines() if line.startswith("wrote "))


def stamps(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pdf")}


def test_second_build_with_nothing_changed_writes_nothing(run, data_dir, tmp_path):
    out = tmp_path / "out"
    first = run("build", "--data", data_dir, "--out", out)
    before = stamps(out)
    second = run("build", "--data", data_dir, "--out", out)
    assert first.exit_code == second.exit_code == 0
    assert wrote(second) == []
    assert f"{len(before)} PDFs in {out} already up to date" in second.output
    assert stamps(out) == before


def test_changed_sheet_rebuilds_its_park_and_the_overview_only(run, data_dir, tmp_path):
    write(data_dir / "parks" / "park-b.yaml", PARK.replace("id: park-a", "id: park-b"))
    out = tmp_path / "out"
    run("build", "--data", data_dir, "--out", out)
    write(data_dir / "parks" / "park-b.yaml", PARK.replace("id: park-a", "id: park-b").replace("甲产业园简介。", "改过的简介。"))
    result = run("build", "--data", data_dir, "--out", out)
    assert wrote(result) and all("park-b" in name or name.startswith("zone-") for name in wrote(result))
    assert any(name.startswith("zone-") for name in wrote(result))


def test_force_rebuilds_everything(run, data_dir, tmp_path):
    out = tmp_path / "out"
    first = run("build", "--data", data_dir, "--out", out)
    assert wrote(run("build", "--data", data_dir, "--out", out, "--force")) == wrote(first)


@pytest.mark.parametrize("damage", ["delete", "edit"])
def test_a_deleted_or_edited_pdf_is_made_again(run, data_dir, tmp_path, damage):
    out = tmp_path / "out"
    run("build", "--data", data_dir, "--out", out)
    target = out / "park-park-a-zh.pdf"
    good = target.read_bytes()
    target.unlink() if damage == "delete" else target.write_bytes(b"%PDF-1.4 not what we made")
    assert "park-park-a-zh.pdf" in wrote(run("build", "--data", data_dir, "--out", out))
    assert target.read_bytes() == good


def test_other_options_are_other_inputs(run, data_dir, tmp_path):
    out = tmp_path / "out"
    run("build", "--data", data_dir, "--out", out)
    assert "park-park-a-zh-a5.pdf" in wrote(run("build", "--data", data_dir, "--out", out, "--paper", "A5"))


def test_a_new_tool_version_rebuilds(run, data_dir, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run("build", "--data", data_dir, "--out", out)
    monkeypatch.setattr(freshness, "tool_version", lambda: "a later release")
    assert "park-park-a-zh.pdf" in wrote(run("build", "--data", data_dir, "--out", out))


def test_warnings_are_shown_again_when_nothing_is_built(run, data_dir, tmp_path):
    write(data_dir / "parks" / "park-a.yaml", PARK + "colour_of_the_day: blue\n")  # an unknown field warns
    out = tmp_path / "out"
    first = run("build", "--data", data_dir, "--out", out)
    second = run("build", "--data", data_dir, "--out", out)
    assert "colour_of_the_day" in first.output and "colour_of_the_day" in second.output
    assert wrote(second) == []


def test_a_damaged_manifest_means_a_full_build(run, data_dir, tmp_path):
    out = tmp_path / "out"
    first = run("build", "--data", data_dir, "--out", out)
    (out / freshness.MANIFEST).write_text("{not json", encoding="utf-8")
    assert wrote(run("build", "--data", data_dir, "--out", out)) == wrote(first)


def test_invalid_data_is_reported_even_when_pdfs_are_current(run, data_dir, tmp_path):
    out = tmp_path / "out"
    run("build", "--data", data_dir, "--out", out)
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("as_of: 2021-04", "as_of: April"))
    result = run("build", "--data", data_dir, "--out", out)
    assert result.exit_code == 1 and "as_of" in result.output


def test_workers_make_the_same_bytes_as_one_process(data_dir, tmp_path):
    write(data_dir / "parks" / "park-b.yaml", PARK.replace("id: park-a", "id: park-b"))
    alone = pipeline.build(Request(data_dir, tmp_path / "alone", workers=1))
    seen = []
    outcome = pipeline.build(Request(data_dir, tmp_path / "pool", workers=2),
                             progress=lambda done, total: seen.append((done, total)))
    assert {d.name: d.data for d in outcome.documents} == {d.name: d.data for d in alone.documents}
    # Two parks (each its brochure, and its flyers) and the overview, in two languages.
    assert seen[-1] == (len(seen), len(seen)) and len(seen) == 10


def test_document_papers_are_the_themes_but_the_card():
    assert options.DOCUMENT_PAPERS == tuple(p for p in theme.PAPERS if p != "A6")


def test_help_does_not_load_reportlab():
    import subprocess
    import sys
    code = "import sys, briefing.cli; print('reportlab' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"


def test_a_build_with_nothing_to_do_loads_no_layout_machinery(data_dir, tmp_path):
    import subprocess
    import sys
    out = tmp_path / "out"
    pipeline.build(Request(data_dir, out))
    code = ("import sys; from briefing.pipeline.build import build; from briefing.pipeline.options import Request; "
            f"outcome = build(Request({str(data_dir)!r}, {str(out)!r})); "
            "print(outcome.documents == [], 'reportlab.platypus' in sys.modules, 'yaml' in sys.modules)")
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert printed.split() == ["True", "False", "False"]


def test_check_of_a_folder_with_photos_loads_no_layout_machinery():
    """Whether a photo has pixels enough is asked of the boxes the layouts place it in; check
    imported ReportLab's whole layout to know them (0.1-0.2 s) for a folder with photos."""
    import subprocess
    import sys
    code = ("import sys; from pathlib import Path; from briefing.pipeline.build import check; "
            f"project = check(Path({str(REPO / 'docs' / 'sample-data')!r})); "
            "print(any(p.photos for p in project.parks.values()), 'reportlab.platypus' in sys.modules)")
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert printed.split() == ["True", "False"]


def test_each_jobs_documents_are_written_out_as_it_is_done_and_let_go(data_dir, tmp_path, monkeypatch):
    from briefing.pipeline import render

    out = tmp_path / "out"
    staged_when_called = []
    real = render.render_job

    def watched(project, job, output, debug=False, kinds=None):
        staged_when_called.append(sorted(p.name for p in out.glob(".briefing-staging-*/*.pdf")))
        return real(project, job, output, debug, kinds)

    monkeypatch.setattr(render, "render_job", watched)
    outcome = pipeline.build(Request(data_dir, out, workers=1))
    # The park's brochure, its flyers and the overview, in two languages, one after another.
    assert len(staged_when_called) == 6
    assert staged_when_called[0] == []  # then each job finds those before it written out
    assert all(len(later) > len(earlier) for earlier, later in itertools.pairwise(staged_when_called))
    for document in outcome.documents:
        assert "data" not in vars(document)  # nothing held once written
        assert document.data == (out / document.name).read_bytes() and document.size == len(document.data)
    assert list(out.glob(".briefing-staging-*")) == []


def test_a_job_that_fails_after_others_were_written_out_replaces_nothing(data_dir, tmp_path, monkeypatch):
    from briefing.errors import BriefingError
    from briefing.pipeline import render

    out = tmp_path / "out"
    pipeline.build(Request(data_dir, out, workers=1))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("甲产业园简介。", "改过的简介。"))
    real, calls = render.render_job, []

    def fails_third(project, job, output, debug=False, kinds=None):
        calls.append(job)
        if len(calls) == 3:
            assert list(out.glob(".briefing-staging-*/*.pdf"))  # the first two parts' files are written out
            raise BriefingError("the third job failed")
        return real(project, job, output, debug, kinds)

    monkeypatch.setattr(render, "render_job", fails_third)
    with pytest.raises(BriefingError, match="the third job failed"):
        pipeline.build(Request(data_dir, out, workers=1))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert [p.name for p in out.iterdir() if p.is_dir()] == []


def test_a_worker_killed_while_rendering_fails_the_build_with_a_message_and_replaces_nothing(
        data_dir, tmp_path, monkeypatch):
    """A worker that dies (kill -9, the system out of memory) broke the process pool: the
    build ended in concurrent.futures' BrokenProcessPool traceback."""
    import os

    from briefing.errors import BriefingError
    from briefing.pipeline import render

    out = tmp_path / "out"
    pipeline.build(Request(data_dir, out, workers=1))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("甲产业园简介。", "改过的简介。"))
    real = render.render_job

    def dies_on_the_overview(project, job, output, debug=False, kinds=None):
        if job.kind == "zone" and render._PROJECT is not None:  # only in a forked worker
            os._exit(9)
        return real(project, job, output, debug, kinds)

    monkeypatch.setattr(render, "render_job", dies_on_the_overview)
    with pytest.raises(BriefingError) as failed:
        pipeline.build(Request(data_dir, out, workers=2))
    assert "worker process stopped" in str(failed.value) and "--workers 1" in str(failed.value)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert [p.name for p in out.iterdir() if p.is_dir()] == []


def test_the_sheets_are_read_aside_while_the_layout_loads(data_dir, tmp_path, monkeypatch):
    """With workers, the sheets are checked in a forked process while this one loads the
    layout machinery: this process never checks them (its counter stays at 0, the child's
    copy counts), and the documents are those of a build in one process."""
    alone = pipeline.build(Request(data_dir, tmp_path / "alone", workers=1))
    checked_here = []
    checking = pipeline.check
    monkeypatch.setattr(pipeline, "check", lambda *args: checked_here.append(args) or checking(*args))
    monkeypatch.setattr("threading.active_count", lambda: 1)  # other tests' threads would keep it in this process
    aside = pipeline.build(Request(data_dir, tmp_path / "aside", workers=2))
    assert checked_here == []
    assert {d.name: d.data for d in aside.documents} == {d.name: d.data for d in alone.documents}
    assert gc.get_freeze_count() == 0
    assert [str(p) for p in aside.project.problems.shown] == [str(p) for p in alone.project.problems.shown]


def test_sheets_with_errors_read_aside_fail_as_in_one_process(run, data_dir, tmp_path, monkeypatch):
    """The child sends nothing back for sheets that cannot be built; this process checks them
    itself, and says exactly what a build in one process says, writing nothing."""
    monkeypatch.setattr("threading.active_count", lambda: 1)
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("as_of: 2021-04", "as_of: April"))
    alone = run("build", "--data", data_dir, "--out", tmp_path / "alone", "--workers", "1")
    aside = run("build", "--data", data_dir, "--out", tmp_path / "aside")
    assert aside.exit_code == alone.exit_code == 1 and "as_of" in aside.output
    assert aside.output == alone.output
    assert gc.get_freeze_count() == 0, "what the build set aside from the collector is given back"
    assert not (tmp_path / "aside").exists() or not list((tmp_path / "aside").glob("*.pdf"))


@pytest.mark.parametrize("change, aside", [
    ({}, True),
    ({"workers": 1}, False),
    ({"debug": True}, False),
    ({"limit": 100}, False),  # sheets larger than the limit: copying the project back would cost more
    ({"threads": 2}, False),  # another thread could hold a lock for ever in the child
])
def test_the_sheets_are_read_aside_only_where_it_pays(data_dir, monkeypatch, change, aside):
    monkeypatch.setattr("threading.active_count", lambda: change.get("threads", 1))
    monkeypatch.setattr(pipeline, "ASIDE_LIMIT", change.get("limit", pipeline.ASIDE_LIMIT))
    request = Request(data_dir, workers=change.get("workers", 2), debug=change.get("debug", False))
    files = freshness.folder_files(data_dir)
    assert pipeline._check_aside(request, files) is aside


def test_a_build_that_fails_while_loading_leaves_nothing_frozen_nor_a_process_behind(data_dir, tmp_path,
                                                                                      monkeypatch):
    """The sheets were being read aside when loading the layout failed: the collector gets
    back what was set aside, and the process reading the sheets is stopped and waited for
    (it was left blocked on its pipe for ever)."""
    from briefing.pipeline import render

    def fails(*args):
        raise RuntimeError("loading failed")

    monkeypatch.setattr("threading.active_count", lambda: 1)
    monkeypatch.setattr(render, "load_before_forking", fails)
    started = []
    real_start = pipeline._CheckAside.start.__func__
    monkeypatch.setattr(pipeline._CheckAside, "start",
                        classmethod(lambda cls, request: started.append(real_start(cls, request)) or started[-1]))
    with pytest.raises(RuntimeError, match="loading failed"):
        pipeline.build(Request(data_dir, tmp_path / "out", workers=2))
    assert gc.get_freeze_count() == 0
    [aside] = started
    with pytest.raises(ChildProcessError):  # stopped and waited for
        os.waitpid(aside.forked.pid, os.WNOHANG)


def test_verbose_says_once_what_was_read_aside(tmp_path):
    """The child that reads the sheets says nothing itself: -v said it twice."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "briefing", "-v", "build", "--data", str(REPO / "data"), "--out",
                           str(tmp_path), "--park", "smart-medical", "--lang", "zh"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("read and checked") == 1
