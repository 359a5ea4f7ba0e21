"""``briefing serve``: it answers on loopback, stops cleanly on Ctrl-C, and a bad data folder or
a busy port is a message, not a traceback."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main

from helpers import DATA, REPO, read_line


def start(*args):
    """The server in a process group of its own, as in a terminal (Ctrl-C reaches them all)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    server = subprocess.Popen([sys.executable, "-m", "briefing", "serve", "--data", str(DATA), "--port", "0", *args],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                              start_new_session=True)
    return server, read_line(server)


def make_a_brochure(first_line: str) -> None:
    port = re.search(r"http://127\.0\.0\.1:(\d+)/", first_line)
    assert port, f"briefing serve said: {first_line!r}"
    form = urllib.parse.urlencode({"brochure": "smart-medical", "lang": "zh"}).encode()
    with urllib.request.urlopen(f"http://127.0.0.1:{port.group(1)}/make", data=form, timeout=60) as response:
        assert "/made/" in response.url  # followed the redirect to the documents


def workers_of(server_pid: int) -> list[int]:
    """The fork server and the workers forked from it (not the resource tracker)."""
    return [pid for pid in descendants(server_pid)
            if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def test_serves_the_page_on_loopback_and_stops_on_ctrl_c():
    server, first = start("--workers", "2")
    try:
        port = re.search(r"http://127\.0\.0\.1:(\d+)/ \(fact sheets in .*\); Ctrl-C stops it\.", first).group(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?ui=en", timeout=30) as response:
            page = response.read().decode()
            assert response.status == 200 and "Smart Medical Industrial Park" in page
            assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
        make_a_brochure(first)
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C: the server, its fork server and workers
        output, _ = server.communicate(timeout=20)
    finally:
        server.kill()
    assert server.returncode == 0
    assert "Traceback" not in output and "KeyboardInterrupt" not in output


def test_a_desk_open_to_the_network_says_where_tablets_find_it():
    server, first = start("--host", "0.0.0.0", "--workers", "1")
    try:
        assert "http://0.0.0.0:" in first
        second = read_line(server)
        assert re.match(r"From a tablet on the office network: http://[\d.]+:\d+/ or http://\S+:\d+/ "
                        r"\(anyone who can reach this port can make documents\)\.", second), second
    finally:
        server.kill()
        server.wait()


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (children of any of its threads: the pool is started by
    one of the server's threads)."""
    found, queue = [], [pid]
    while queue:
        tasks = Path(f"/proc/{queue.pop()}/task")
        children = [int(c) for task in (tasks.iterdir() if tasks.exists() else [])
                    for c in (task / "children").read_text().split()]
        found += children
        queue += children
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return open(f"/proc/{pid}/stat").read().split()[2] != "Z"  # a zombie is gone, only not yet reaped


def test_a_stop_from_the_system_ends_the_workers_too():
    """SIGTERM (a service manager's stop) is handled like Ctrl-C: no worker is left behind."""
    server, first = start("--workers", "2")
    try:
        make_a_brochure(first)
        workers = workers_of(server.pid)
        assert len(workers) >= 2  # the fork server and at least one worker
        server.terminate()
        output, _ = server.communicate(timeout=20)
    finally:
        server.kill()
    assert server.returncode == 0 and "Traceback" not in output
    assert all_gone(workers)


def test_workers_end_when_the_server_is_killed_outright():
    """kill -9 (or the out-of-memory killer) gives the server no chance to stop its workers;
    they notice and end themselves."""
    server, first = start("--workers", "2")
    try:
        make_a_brochure(first)
        workers = workers_of(server.pid)
        assert len(workers) >= 2
    finally:
        server.kill()
        server.wait()
    assert all_gone(workers)


def all_gone(pids: list[int], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [pid for pid in pids if alive(pid)] == []


def test_a_busy_port_is_a_message():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--data", str(DATA), "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is in use (another front desk?); stop it, or pass another --port" in result.output


def test_a_missing_data_folder_is_a_message(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "no such folder; pass the data folder with --data DIR" in result.output


def test_a_bad_port_is_a_usage_error():
    assert CliRunner().invoke(main, ["serve", "--port", "70000"]).exit_code == 2


def answer_to(port: int, head: bytes, body_chunk: bytes, chunks: int) -> bytes:
    """What the server answers while a client sends ``head`` and then ``chunks`` pieces of
    body, stopping as soon as an answer comes (or the server closes the connection)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(head)
        client.setblocking(False)
        answer = b""
        for _ in range(chunks):
            try:
                answer += client.recv(65536)
            except BlockingIOError:
                pass
            if answer:
                break
            try:
                client.sendall(body_chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
        client.settimeout(10)
        try:
            while b"\r\n\r\n" not in answer:
                part = client.recv(65536)
                if not part:
                    break
                answer += part
        except (TimeoutError, ConnectionResetError):
            pass
        return answer


def test_a_body_over_the_cap_is_refused_before_it_is_read():
    """The 64 KB cap applied after waitress had buffered the body (900 MB took 5.8 s and held
    629 MB in /tmp): any device on the office network could fill the disk. Each client here
    declares or streams far more than the cap and gets 413 after sending at most a few MB."""
    server, first = start("--workers", "1")
    try:
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", first).group(1))
        base = (f"POST /make HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n")
        declared = answer_to(port, (base + "Content-Length: 1000000000\r\n\r\n").encode(), b"x" * 65536, 64)
        assert declared.startswith(b"HTTP/1.1 413"), declared[:200]
        chunked = answer_to(port, (base + "Transfer-Encoding: chunked\r\n\r\n").encode(),
                            b"10000\r\n" + b"x" * 65536 + b"\r\n", 64)
        assert chunked.startswith(b"HTTP/1.1 413"), chunked[:200]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?ui=en", timeout=30) as response:
            assert response.status == 200  # and the desk goes on answering
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.communicate(timeout=20)


def test_a_host_name_with_a_label_over_63_characters_or_none_is_refused():
    """A Host label over 63 characters got 500 (Flask could not build the refusal page); an
    empty Host was answered as the server's own address."""
    server, first = start("--workers", "1")
    try:
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", first).group(1))
        for host, status in ((f"{'a' * 64}.example", b"421"), ("", b"400"), ("127.0.0.1", b"200")):
            with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
                client.sendall(f"GET /?ui=en HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                answer = b""
                while part := client.recv(65536):
                    answer += part
            assert answer.split(b" ", 2)[1] == status, (host, answer[:300])
            assert b"Traceback" not in answer
    finally:
        os.killpg(server.pid, signal.SIGINT)
        output, _ = server.communicate(timeout=20)
    assert "Traceback" not in output
