"""Rendering in worker processes: the workers end with the build that forked them (issue 19)."""

import gc
import os
import signal
import subprocess
import sys
import time

import pytest

from helpers import DATA, REPO


def children(pid: int) -> set[int]:
    found = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as listed:
                found |= {int(child) for child in listed.read().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent (in a container no one may reap it)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_workers_end_when_the_build_is_killed(tmp_path):
    """kill -9 of briefing build while rendering left its forked workers blocked for ever on the
    result pipe (10 of 16 kills; still alive 90 s later, 75 MB each)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    build = subprocess.Popen([sys.executable, "-m", "briefing", "build", "--data", str(DATA), "--out",
                              str(tmp_path / "out"), "--force"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
            workers = children(build.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the build started no workers"
        time.sleep(0.5)  # rendering
        build.send_signal(signal.SIGKILL)
        build.wait(10)
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in workers if alive(pid)]
        assert left == [], "workers outlived the build"
    finally:  # nothing of the test's is left running, whatever happened
        if build.poll() is None:
            workers |= children(build.pid)
            build.kill()
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_loading_before_forking_runs_no_collection(monkeypatch):
    """No cyclic collection runs while the faces and the rest are loaded (one went over the
    faces' tables, 15-25 ms of a visitor's build), and the collector is on again after."""
    from briefing.pipeline import render
    from briefing.pipeline.options import Output
    from briefing.pipeline.plan import Job

    collections, loading = [], [True]

    def count(phase, info):
        if loading[0]:
            collections.append(info["generation"])

    jobs, output, thresholds = [Job("park", "a", "zh"), Job("park", "a", "en")], Output(), gc.get_threshold()
    gc.callbacks.append(count)  # the collector's own list: it is not looked up by name
    gc.set_threshold(1, 1, 1)  # a collection of every generation at almost every allocation
    try:
        render.load_before_forking(jobs, output)
        loading[0] = False  # those after it (the collector is on again) are not its
    finally:
        gc.set_threshold(*thresholds)
        gc.callbacks.remove(count)
    assert collections == []
    assert gc.isenabled()


def test_workers_inherit_what_was_loaded_frozen_and_it_is_thawed_after(monkeypatch):
    """The workers fork with what the build loaded set aside from the collector (``gc.freeze``);
    once they are done, it is the collector's again (a process that builds again, ``watch``,
    would otherwise keep its garbage for ever)."""
    from briefing.pipeline import render
    from briefing.pipeline.build import check
    from briefing.pipeline.options import Output
    from briefing.pipeline.plan import Job

    project = check(DATA)
    monkeypatch.setattr(render, "render_job", lambda project, job, output, debug, kinds: [
        render.Document(f"{job.lang}-{kinds}", str(gc.get_freeze_count()).encode(), 1)])
    made = render.render(project, [Job("park", "smart-medical", "zh")], Output(), workers=2)
    frozen_in_workers = [int(document.data) for documents in made.values() for document in documents]
    assert len(frozen_in_workers) == 2 and min(frozen_in_workers) > 0
    assert gc.get_freeze_count() == 0


def test_what_every_worker_needs_is_loaded_before_forking(monkeypatch):
    """The faces, hyphenation patterns, CLDR data and catalog of the languages planned, and the
    remembered words, are loaded by the build before its workers fork, once, not by each
    worker; the faces of a language not planned are not read at all."""
    from briefing.pipeline import render
    from briefing.pipeline.options import Output
    from briefing.pipeline.plan import Job
    from briefing.text import fonts, hyphenate, i18n, numbers, words

    loaded = []
    monkeypatch.setattr(fonts, "preload", lambda faces: loaded.append(("faces", *faces)))
    monkeypatch.setattr(hyphenate, "preload", lambda lang: loaded.append(lang))
    monkeypatch.setattr(numbers, "preload", lambda lang: loaded.append(("cldr", lang)))
    monkeypatch.setattr(i18n, "catalog", lambda lang: loaded.append(("catalog", lang)))
    monkeypatch.setattr(words, "preload", lambda: loaded.append("words"))
    render.load_before_forking([Job("park", "a", "zh"), Job("zone", "z", "zh")], Output())
    assert loaded == [("faces", fonts.REGULAR, fonts.BOLD), ("cldr", "zh"), ("catalog", "zh"), "words"]
    loaded.clear()
    render.load_before_forking([Job("park", "a", "zh"), Job("park", "a", "en"), Job("zone", "z", "en")], Output())
    assert loaded == [("faces", fonts.LATIN, fonts.LATIN_BOLD, fonts.REGULAR, fonts.BOLD), "en_GB", ("cldr", "en"),
                      ("catalog", "en"), ("cldr", "zh"), ("catalog", "zh"), "words"]


def test_pikepdf_is_imported_before_forking_only_by_a_build_that_imposes(monkeypatch):
    """Imposing imports pikepdf (press.impose): once, before the workers fork, not in each."""
    import briefing.press
    from briefing.pipeline import render
    from briefing.pipeline.options import Output
    from briefing.pipeline.plan import Job
    from briefing.text import fonts, hyphenate, i18n, numbers, words

    for module, name in ((fonts, "preload"), (hyphenate, "preload"), (numbers, "preload"), (i18n, "catalog"),
                         (words, "preload")):
        monkeypatch.setattr(module, name, lambda *args: None)
    monkeypatch.delitem(sys.modules, "briefing.press.impose", raising=False)
    monkeypatch.delattr(briefing.press, "impose", raising=False)  # else `from briefing.press import impose` finds it
    jobs = [Job("park", "a", "zh")]
    render.load_before_forking(jobs, Output())
    assert "briefing.press.impose" not in sys.modules
    render.load_before_forking(jobs, Output(impose=("2up",)))
    assert "briefing.press.impose" in sys.modules


def test_a_job_is_cut_where_its_documents_are_independent():
    """A park's brochure and its flyers are rendered as two parts (sharing the cores); a job
    that imposes, makes a job sheet or share images stays whole (made from its documents)."""
    import dataclasses

    from briefing.pipeline import render
    from briefing.pipeline.options import Output
    from briefing.pipeline.plan import Job

    park, zone = Job("park", "a", "zh"), Job("zone", "z", "zh")
    assert render.parts(park, Output()) == [render.Part(park, ("brochure",)), render.Part(park, ("flyer",))]
    assert render.parts(zone, Output()) == [render.Part(zone)]
    assert render.parts(Job("park", "a", "zh", brochure=False), Output()) == [
        render.Part(Job("park", "a", "zh", brochure=False))]
    for whole in (Output(impose=("2up",)), Output(share=True),
                  dataclasses.replace(Output(), spec=dataclasses.replace(Output().spec, cmyk=True))):
        assert render.parts(park, whole) == [render.Part(park)]


def _by_pid(monkeypatch, behave=None):
    """render_job answering with the pid that rendered each part (and ``behave`` first)."""
    from briefing.pipeline import render

    def fake(project, job, output, debug=False, kinds=None):
        if behave:
            behave()
        return [render.Document(f"{kinds}", str(os.getpid()).encode(), 1)]

    monkeypatch.setattr(render, "render_job", fake)


def _visitor(workers=2):
    from briefing.pipeline import render
    from briefing.pipeline.build import check
    from briefing.pipeline.options import Output
    from briefing.pipeline.plan import Job

    return render.render(check(DATA), [Job("park", "smart-medical", "zh")], Output(), workers=workers)


def test_as_many_parts_as_workers_render_here_and_in_one_fork_each_without_a_pool(monkeypatch):
    """One visitor's brochure and flyers: the brochure here, the flyers in a forked process,
    and no process pool (its import, start and shutdown were 25 ms of a 0.3 s build)."""
    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", lambda *a, **k: pytest.fail("a pool was started"))
    _by_pid(monkeypatch)
    [documents] = _visitor().values()
    pids = [int(document.data) for document in documents]
    assert [d.name for d in documents] == ["('brochure',)", "('flyer',)"]
    assert pids[0] == os.getpid() and pids[1] != os.getpid()


def test_the_same_documents_beside_as_in_one_process():
    from briefing.pipeline import render
    from briefing.pipeline.build import check
    from briefing.pipeline.options import Output
    from briefing.pipeline.plan import Job

    project, jobs = check(DATA), [Job("park", "smart-medical", "en")]
    alone = render.render(project, jobs, Output(), workers=1)
    beside = render.render(project, jobs, Output(), workers=2)
    assert [(d.name, d.data) for d in beside[jobs[0]]] == [(d.name, d.data) for d in alone[jobs[0]]]


def test_a_part_that_dies_beside_fails_with_the_workers_message(monkeypatch):
    from briefing.errors import BriefingError

    here = os.getpid()
    _by_pid(monkeypatch, lambda: os.getpid() != here and os._exit(9))
    with pytest.raises(BriefingError, match="worker process stopped"):
        _visitor()


def test_a_part_that_fails_beside_says_why_here(monkeypatch):
    from briefing.errors import BriefingError

    here = os.getpid()

    def fails_there():
        if os.getpid() != here:
            raise BriefingError("parks/smart-medical.yaml: the flyer could not be laid out")

    _by_pid(monkeypatch, fails_there)
    with pytest.raises(BriefingError, match="the flyer could not be laid out"):
        _visitor()


def test_when_the_part_here_fails_the_one_beside_is_stopped(monkeypatch):
    from briefing.errors import BriefingError

    here, started = os.getpid(), time.monotonic()

    def slow_there_failing_here():
        if os.getpid() != here:
            time.sleep(60)
        raise BriefingError("here")

    _by_pid(monkeypatch, slow_there_failing_here)
    before = set(children(here))
    with pytest.raises(BriefingError, match="here"):
        _visitor()
    assert time.monotonic() - started < 30
    assert not [pid for pid in children(here) - before if alive(pid)]
