"""``briefing serve``: it answers on loopback, stops cleanly on Ctrl-C, and a bad data folder or
a busy port is a message, not a traceback."""

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.parse
import urllib.request

from click.testing import CliRunner

from briefing.cli import main

from conftest import DATA, REPO


def start(*args):
    """The server in a process group of its own, as in a terminal (Ctrl-C reaches them all)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    server = subprocess.Popen([sys.executable, "-m", "briefing", "serve", "--data", str(DATA), "--port", "0", *args],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                              start_new_session=True)
    first = server.stdout.readline()
    return server, first


def test_serves_the_page_on_loopback_and_stops_on_ctrl_c():
    server, first = start("--workers", "2")
    try:
        port = re.search(r"http://127\.0\.0\.1:(\d+)/ \(fact sheets in .*\); Ctrl-C stops it\.", first).group(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?ui=en", timeout=30) as response:
            page = response.read().decode()
            assert response.status == 200 and "Smart Medical Industrial Park" in page
            assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
        form = urllib.parse.urlencode({"brochure": "smart-medical", "lang": "zh"}).encode()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/make", data=form, timeout=60) as response:
            assert "/made/" in response.url  # followed the redirect to the documents
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C: the server, its fork server and workers
        output, _ = server.communicate(timeout=20)
    finally:
        server.kill()
    assert server.returncode == 0
    assert "Traceback" not in output and "KeyboardInterrupt" not in output


def test_a_desk_open_to_the_network_says_so():
    server, first = start("--host", "0.0.0.0", "--workers", "1")
    try:
        assert "http://0.0.0.0:" in first
        assert "anyone who can reach this port" in server.stdout.readline()
    finally:
        server.kill()
        server.wait()


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
