"""The front desk's work, done by the pipeline in worker processes: the same documents as
the command line, fact-sheet problems as data, and workers that recover from a crash."""

import io
import os
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from briefing.desk import work
from briefing.desk.work import RenderFailed, Workers
from briefing.pipeline import build as pipeline
from briefing.pipeline import render
from briefing.pipeline.options import output
from briefing.pipeline.plan import file_name

from helpers import DATA, PARK, shipped_park_ids, shipped_sheet, write


def form(**fields):
    return {name: value if isinstance(value, list) else [value] for name, value in fields.items()}


def test_choices_name_each_park_in_the_interface_language():
    """The names as the sheets give them (read as plain YAML)."""
    for ui in ("en", "zh"):
        offered = work.choices(str(DATA), ui)
        assert offered.parks == [work.Offered(park, shipped_sheet(f"parks/{park}")["name"][ui])
                                 for park in shipped_park_ids()]
        assert offered.zone == shipped_sheet("zone")["name"][ui] and offered.problems == []


def test_a_brochure_is_the_command_lines_brochure():
    made = work.make(str(DATA), form(brochure="smart-medical", lang="en", visitor="Acme", date="2026-11-27",
                                     dates_checked="1"), "en")
    project = pipeline.check(DATA)
    options = output(visitor="Acme", date="2026-11-27")
    data, pages = render.render_brochure(project, "smart-medical", "en", output=options)
    [file] = made.files
    assert (file.name, file.pages, file.data) == (file_name("brochure", "smart-medical", "en", "A4", options), pages, data)
    assert file.label == "Smart Medical Industrial Park · Brochure · English · A4"
    assert made.bundle_name == ""  # one file: no zip


def test_nothing_is_made_while_a_date_warning_is_unseen():
    made = work.make(str(DATA), form(flyer="mobile-internet", lang="zh", event="企业面对面", event_date="2021-06-01"), "en")
    assert made.files == [] and made.date_warnings == [
        "Xiangnan Xiangxi Mobile Internet Industrial Park: the sheet (facts as of April 2021) says “Expected to open in "
        "May 2021”, but the event is on 1 June 2021, after that. The documents would print it as still to come."]
    assert made.choices is not None and made.choices.parks  # the form can be shown again


def test_several_documents_come_in_a_zip_with_a_preview_of_the_first():
    made = work.make(str(DATA), form(flyer="mobile-internet", overview="1", lang=["zh", "en"]), "zh")
    names = [file.name for file in made.files]
    assert names == ["flyer-mobile-internet-zh-a4.pdf", "flyer-mobile-internet-zh-a5.pdf",
                     "flyer-mobile-internet-en-a4.pdf", "flyer-mobile-internet-en-a5.pdf",
                     "zone-hengyang-hitech-zh.pdf", "zone-hengyang-hitech-en.pdf"]
    assert made.bundle_name == "briefing.zip"
    with zipfile.ZipFile(io.BytesIO(made.bundle())) as archive:
        assert archive.namelist() == names
        assert archive.read(names[2]) == made.files[2].data
    assert [file.label for file in made.files[1:5]] == ["湘南湘西移动互联网产业园 · 单页 · 中文 · A5",
                                                        "湘南湘西移动互联网产业园 · 单页 · English · A4",
                                                        "湘南湘西移动互联网产业园 · 单页 · English · A5",
                                                        "高新区总览（含全部园区） · 中文 · A4"]
    image = Image.open(io.BytesIO(made.preview))
    assert image.format == "PNG" and image.width == work.PREVIEW_WIDTH
    assert image.height == pytest.approx(image.width * 297 / 210, abs=2)  # an A4 page
    assert image.convert("L").getextrema()[0] < 100  # something is drawn on it


def test_fact_sheet_errors_come_back_as_data_with_file_line_and_field(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("value: 17000", "value: abc"))
    made = work.make(str(data_dir), form(brochure="park-a", lang="zh"), "zh")
    assert not made.ok and made.files == []
    [problem] = made.sheet_problems
    assert (problem.path, problem.line, problem.field) == ("parks/park-a.yaml", 8, "facts[0].value")
    assert problem.message.startswith("应为数字，实际是 'abc'")  # in the interface's language
    assert work.choices(str(data_dir), "zh").problems == made.sheet_problems


def test_form_problems_come_back_by_field():
    made = work.make(str(DATA), form(lang="zh"), "en")
    assert made.form_problems == {"documents": ["Choose at least one document."]}


def test_a_layout_failure_is_a_message_without_the_data_folders_path(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("cannot fit")

    monkeypatch.setattr(render, "render_brochure", broken)
    made = work.make(str(DATA), form(brochure="smart-medical", lang="zh"), "zh")
    assert made.failure.startswith("parks/smart-medical.yaml：宣传册无法排版（ValueError: cannot fit）")
    english = work.make(str(DATA), form(brochure="smart-medical", lang="zh"), "en")
    assert english.failure.startswith("parks/smart-medical.yaml: the brochure could not be laid out (ValueError: cannot fit)")


def _crash():
    os._exit(3)


def _sleep(seconds):
    time.sleep(seconds)


def test_workers_render_in_other_processes_and_recover_from_a_crash():
    workers = Workers(1)
    try:
        made = workers.run(work.make, str(DATA), form(brochure="smart-medical", lang="zh"), "zh")
        assert made.files[0].name == "park-smart-medical-zh.pdf"
        assert workers.run(os.getpid) != os.getpid()
        with pytest.raises(RenderFailed):
            workers.run(_crash)
        assert workers.run(work.choices, str(DATA), "en").parks  # a fresh pool after the crash
        with pytest.raises(RenderFailed):
            workers.run(_sleep, 30, timeout=0.5)
        assert workers.run(os.getpid) != os.getpid()
    finally:
        workers.close()


#: How long a call may take before it counts as hung, in the test of that: time enough for an
#: idle worker to take the call and log its start, even on a loaded machine.
HUNG = 3.0
#: How long the tests wait for a worker to show that it started, or to be released: a bound that
#: is never reached unless something is wrong (an event is waited for, not a guessed time).
DEADLINE = 60.0


def test_a_hung_call_is_ended_and_the_others_on_its_pool_run_again(tmp_path):
    """One call hangs until its timeout: its worker is killed, the pool it shared is ended,
    and the other call, which did nothing wrong, runs again on a new pool."""
    workers = Workers(2)
    hung_log, innocent_log, release = tmp_path / "hung", tmp_path / "innocent", tmp_path / "release"
    try:
        _both_workers_up(workers, tmp_path)  # so the hung call is taken at once, not after a worker starts
        with ThreadPoolExecutor(2) as threads:
            innocent = threads.submit(workers.run, _log_then_wait, str(innocent_log), str(release), timeout=DEADLINE)
            _wait_for_starts(innocent_log, 1)  # busy on one worker
            hung = threads.submit(workers.run, _log_then_sleep, str(hung_log), DEADLINE, timeout=HUNG)
            with pytest.raises(RenderFailed):
                hung.result()
            _wait_for_starts(innocent_log, 2)  # started again, on the new pool
            release.touch()
            assert innocent.result() == "done"
        [hung_pid] = _pids(hung_log)  # ran once, not again
        assert _gone(hung_pid)
        first, second = _pids(innocent_log)  # ran on the ended pool, then on the new one
        assert first != second
    finally:
        release.touch()
        workers.close()


def test_after_a_crash_no_call_on_that_pool_runs_again(tmp_path, monkeypatch):
    """Which call made a worker die cannot be known: running the calls again could crash the
    new pool too. The call running beside the crash and the call queued behind both fail with
    the pool, and neither runs again."""
    workers = Workers(2)
    running_log, crash_log, queued_log = tmp_path / "running", tmp_path / "crash", tmp_path / "queued"
    release, crash_now = tmp_path / "release", tmp_path / "crash-now"
    submitted = _record_submissions(monkeypatch)
    try:
        _both_workers_up(workers, tmp_path)
        with ThreadPoolExecutor(3) as threads:
            running = threads.submit(workers.run, _log_then_wait, str(running_log), str(release), timeout=DEADLINE)
            _wait_for_starts(running_log, 1)
            crash = threads.submit(workers.run, _log_then_crash, str(crash_log), str(crash_now))
            _wait_for_starts(crash_log, 1)  # both workers busy now
            queued = threads.submit(workers.run, _log_then_wait, str(queued_log), str(release), timeout=DEADLINE)
            _wait_for(lambda: str(queued_log) in submitted, "the queued call to reach the pool")
            crash_now.touch()
            for call in (running, crash, queued):
                with pytest.raises(RenderFailed):
                    call.result()
        assert len(_pids(crash_log)) == 1 and len(_pids(running_log)) == 1
        assert not queued_log.exists()  # never run: not on the broken pool, nor on a new one
        assert workers.run(os.getpid) != os.getpid()  # a new pool for the next press
    finally:
        release.touch()
        workers.close()


def _both_workers_up(workers: Workers, tmp_path: Path) -> None:
    """Both processes of a two-worker pool started (a pool starts one when a call finds none
    idle) and idle again."""
    log, release = tmp_path / "warm-up", tmp_path / "warm-up-done"
    with ThreadPoolExecutor(2) as threads:
        calls = [threads.submit(workers.run, _log_then_wait, str(log), str(release)) for _ in range(2)]
        _wait_for_starts(log, 2)
        release.touch()
        assert [call.result() for call in calls] == ["done", "done"]
    assert len(set(_pids(log))) == 2


def _record_submissions(monkeypatch) -> set:
    """The first argument (a log's path) of every call submitted to a process pool from now on."""
    from concurrent.futures import ProcessPoolExecutor

    seen = set()
    real = ProcessPoolExecutor.submit

    def submit(self, function, *args, **kwargs):
        future = real(self, function, *args, **kwargs)
        seen.add(args[0] if args else None)
        return future

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    return seen


def _log_then_crash(path, signal_path):
    """Log this worker's start, then die (as a crash would) once ``signal_path`` exists."""
    with open(path, "a") as log:
        log.write(f"{os.getpid()}\n")
    _until(signal_path)
    os._exit(3)


def _log_then_wait(path, release):
    """Log this worker's start, then return once ``release`` exists."""
    with open(path, "a") as log:
        log.write(f"{os.getpid()}\n")
    return "done" if _until(release) else "never released"


def _until(path, seconds: float = DEADLINE) -> bool:
    """Wait for ``path`` to exist; False if it did not within ``seconds``."""
    deadline = time.monotonic() + seconds
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _wait_for(condition, what: str, seconds: float = DEADLINE) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up after {seconds:.0f} s waiting for {what}"
        time.sleep(0.01)


def _wait_for_starts(path, count: int) -> None:
    """Until ``count`` calls have logged their start in ``path``."""
    _wait_for(lambda: os.path.exists(path) and len(_pids(path)) >= count, f"{count} start(s) in {path}")


def _log_then_sleep(path, seconds):
    with open(path, "a") as log:
        log.write(f"{os.getpid()}\n")
    time.sleep(seconds)
    return "done"


def _pids(path) -> list[int]:
    return [int(line) for line in Path(path).read_text().split()]


def _gone(pid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        if open(f"/proc/{pid}/stat").read().split()[2] == "Z":
            return True  # dead, only not yet reaped
        time.sleep(0.05)
    return False


def test_threads_share_one_pool():
    workers = Workers(2)
    try:
        with ThreadPoolExecutor(6) as threads:
            pids = set(threads.map(lambda _: workers.run(_sleep_then_pid, 0.2), range(12)))
        assert len(pids) <= 2 and os.getpid() not in pids
    finally:
        workers.close()


def _sleep_then_pid(seconds):
    time.sleep(seconds)
    return os.getpid()


def test_no_workers_runs_in_this_process():
    assert Workers(0).run(os.getpid) == os.getpid()


def test_closing_lets_work_in_hand_finish(tmp_path):
    workers = Workers(1)
    workers.run(os.getpid)
    with ThreadPoolExecutor(1) as threads:
        almost_done = threads.submit(workers.run, _log_then_sleep, str(tmp_path / "log"), 0.5)
        _wait_for_starts(tmp_path / "log", 1)  # in hand, not still queued (a queued call is cancelled)
        workers.close(grace=DEADLINE)
        assert almost_done.result(1) == "done"


def test_closing_does_not_wait_for_ever(tmp_path):
    workers = Workers(1)
    workers.run(os.getpid)
    with ThreadPoolExecutor(1) as threads:
        hung = threads.submit(workers.run, _log_then_sleep, str(tmp_path / "log"), 30)
        _wait_for_starts(tmp_path / "log", 1)
        started = time.monotonic()
        workers.close(grace=1.0)
        assert time.monotonic() - started < 5
        with pytest.raises(RenderFailed):
            hung.result(5)  # ended, and not tried again on a new pool
    [pid] = _pids(tmp_path / "log")
    assert _gone(pid)
    with pytest.raises(RenderFailed):
        workers.run(os.getpid)


def test_a_print_shop_order_comes_with_its_job_sheet():
    """Bleed and CMYK: the job sheet (PDF and text) is listed with the files and is in the zip."""
    made = work.make(str(DATA), form(flyer="smart-medical", lang="zh", bleed="3", cmyk="1", impose="2up"), "en")
    names = [file.name for file in made.files]
    assert names == ["flyer-smart-medical-zh-a4-bleed-cmyk.pdf", "flyer-smart-medical-zh-a5-bleed-cmyk.pdf",
                     "flyer-smart-medical-zh-a5-2up-a3-bleed-cmyk.pdf", "jobsheet-smart-medical-zh-bleed-cmyk.pdf",
                     "jobsheet-smart-medical-zh-bleed-cmyk.txt"]
    assert [file.label.split(" · ")[1] for file in made.files[3:]] == [
        "Job sheet for the print shop", "Job sheet for the print shop (text)"]
    with zipfile.ZipFile(io.BytesIO(made.bundle())) as archive:
        text = archive.read("jobsheet-smart-medical-zh-bleed-cmyk.txt").decode("utf-8")
    assert "flyer-smart-medical-zh-a5-2up-a3-bleed-cmyk.pdf" in text and "印刷方式" in text
