"""``briefing serve``: the front desk's page served by waitress (a well-kept WSGI server with
no dependencies of its own, on every platform) until Ctrl-C."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Callable, Optional

from briefing.desk.app import LOOPBACK, create_app
from briefing.desk.work import Workers
from briefing.errors import BriefingError

THREADS = 4  # pages answered at once; the documents themselves are made by the workers


def serve(data_dir: Path, host: str, port: int, processes: Optional[int], say: Callable[[str], None]) -> None:
    if not Path(data_dir).is_dir():
        raise BriefingError(f"{data_dir}: no such folder; pass the data folder with --data DIR")
    from waitress.server import create_server

    workers = Workers(processes)
    app = create_app(data_dir, workers, host)
    try:
        server = create_server(app, host=host, port=port, threads=THREADS, clear_untrusted_proxy_headers=True)
    except OSError as exc:
        raise BriefingError(_cannot_listen(host, port, exc)) from exc
    shown = f"[{host}]" if ":" in host else host
    say(f"Front desk on http://{shown}:{server.effective_port}/ (fact sheets in {data_dir}); Ctrl-C stops it.")
    if host not in LOOPBACK:
        say("It answers other machines on the network too: anyone who can reach this port can make documents.")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        workers.close()


def _cannot_listen(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is in use (another front desk?); stop it, or pass another --port"
    if exc.errno == errno.EACCES:
        return f"port {port} needs special rights on this machine; pass a port above 1023 with --port"
    return f"cannot listen on {host}:{port} ({exc.strerror or exc}); check --host and --port"
