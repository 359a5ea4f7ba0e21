"""The front desk's work, done by the pipeline in worker processes: the same documents as
the command line, fact-sheet problems as data, and workers that recover from a crash."""

import io
import os
import time
import zipfile
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image

from briefing.pipeline import build as pipeline, render
from briefing.pipeline.plan import file_name
from briefing.desk import work
from briefing.desk.work import RenderFailed, Workers
from briefing.pipeline.options import output

from helpers import DATA, PARK, write


def form(**fields):
    return {name: value if isinstance(value, list) else [value] for name, value in fields.items()}


def test_choices_name_each_park_in_the_interface_language():
    assert work.choices(str(DATA), "en").parks == [
        ("mobile-internet", "Xiangnan Xiangxi Mobile Internet Industrial Park"),
        ("smart-medical", "Smart Medical Industrial Park")]
    zh = work.choices(str(DATA), "zh")
    assert zh.parks[1] == ("smart-medical", "智慧医疗产业园") and zh.zone == "衡阳国家高新技术产业开发区"
    assert zh.problems == []


def test_a_brochure_is_the_command_lines_brochure():
    made = work.make(str(DATA), form(brochure="smart-medical", lang="en", visitor="Acme", date="2026-11-27"), "en")
    project = pipeline.check(DATA)
    options = output(visitor="Acme", date="2026-11-27")
    data, pages = render.render_brochure(project, "smart-medical", "en", output=options)
    [file] = made.files
    assert (file.name, file.pages, file.data) == (file_name("brochure", "smart-medical", "en", "A4", options), pages, data)
    assert file.label == "Smart Medical Industrial Park · Brochure · English · A4"
    assert made.bundle_name == ""  # one file: no zip


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
    assert problem.message.startswith("expected a number, got 'abc'")
    assert work.choices(str(data_dir), "zh").problems == made.sheet_problems


def test_form_problems_come_back_by_field():
    made = work.make(str(DATA), form(lang="zh"), "en")
    assert made.form_problems == {"documents": ["Choose at least one document."]}


def test_a_layout_failure_is_a_message_without_the_data_folders_path(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("cannot fit")

    monkeypatch.setattr(render, "render_brochure", broken)
    made = work.make(str(DATA), form(brochure="smart-medical", lang="zh"), "zh")
    assert made.failure.startswith("parks/smart-medical.yaml: the brochure could not be laid out (ValueError: cannot fit)")


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


def test_a_hung_call_is_ended_and_the_others_on_its_pool_run_again(tmp_path):
    """One call hangs until its timeout: its worker is killed, the pool it shared is ended,
    and the other call, which did nothing wrong, runs again on a new pool."""
    workers = Workers(2)
    hung_log, innocent_log = tmp_path / "hung", tmp_path / "innocent"
    try:
        workers.run(os.getpid)  # the pool is up
        with ThreadPoolExecutor(2) as threads:
            hung = threads.submit(workers.run, _log_then_sleep, str(hung_log), 30, timeout=1.0)
            time.sleep(0.2)
            innocent = threads.submit(workers.run, _log_then_sleep, str(innocent_log), 1.5, timeout=20)
            with pytest.raises(RenderFailed):
                hung.result()
            assert innocent.result() == "done"
        [hung_pid] = _pids(hung_log)  # ran once, not again
        assert _gone(hung_pid)
        first, second = _pids(innocent_log)  # ran on the ended pool, then on the new one
        assert first != second
    finally:
        workers.close()


def test_after_a_crash_no_call_on_that_pool_runs_again(tmp_path):
    """Which call made a worker die cannot be known: running the calls again could crash the
    new pool too. (The other call may still finish on its own worker, or fail with the pool.)"""
    workers = Workers(2)
    running_log, crash_log, queued_log = tmp_path / "running", tmp_path / "crash", tmp_path / "queued"
    try:
        workers.run(os.getpid)
        with ThreadPoolExecutor(3) as threads:
            running = threads.submit(workers.run, _log_then_sleep, str(running_log), 2, timeout=20)
            time.sleep(0.3)
            crash = threads.submit(workers.run, _log_then_crash, str(crash_log), 0.5)
            time.sleep(0.2)
            queued = threads.submit(workers.run, _log_then_sleep, str(queued_log), 0.1, timeout=20)
            for call in (crash, queued):  # the queued call fails with the pool it waited on
                with pytest.raises(RenderFailed):
                    call.result()
            try:
                assert running.result() == "done"
            except RenderFailed:
                pass
        assert len(_pids(crash_log)) == 1 and len(_pids(running_log)) == 1
        assert not queued_log.exists()  # never run: not on the broken pool, nor on a new one
        assert workers.run(os.getpid) != os.getpid()  # a new pool for the next press
    finally:
        workers.close()


def _log_then_crash(path, after):
    with open(path, "a") as log:
        log.write(f"{os.getpid()}\n")
    time.sleep(after)
    os._exit(3)


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


def _sleep_then_answer(seconds):
    time.sleep(seconds)
    return "done"


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
        time.sleep(0.2)
        workers.close(grace=5.0)
        assert almost_done.result(1) == "done"


def test_closing_does_not_wait_for_ever(tmp_path):
    workers = Workers(1)
    workers.run(os.getpid)
    with ThreadPoolExecutor(1) as threads:
        hung = threads.submit(workers.run, _log_then_sleep, str(tmp_path / "log"), 30)
        time.sleep(0.5)
        started = time.monotonic()
        workers.close(grace=1.0)
        assert time.monotonic() - started < 5
        with pytest.raises(RenderFailed):
            hung.result(5)  # ended, and not tried again on a new pool
    [pid] = _pids(tmp_path / "log")
    assert _gone(pid)
    with pytest.raises(RenderFailed):
        workers.run(os.getpid)
