"""``briefing serve``: the front desk's page served by waitress (a well-kept WSGI server with
no dependencies of its own, on every platform) until Ctrl-C, or until the system asks it to
stop; either way its workers are stopped with it."""

from __future__ import annotations

import errno
import signal
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Optional

from briefing.desk.app import MAX_FORM_BYTES, create_app, is_loopback
from briefing.desk.work import Workers
from briefing.errors import BriefingError
from briefing.messages import msg

THREADS = 4  # pages answered at once; the documents themselves are made by the workers


def serve(data_dir: Path, host: str, port: int, processes: Optional[int], say: Callable[[str], None],
          edit: bool = False, editors: Optional[Path] = None) -> None:
    if not Path(data_dir).is_dir():
        raise BriefingError(msg("{folder}: no such folder; pass the data folder with --data DIR", folder=str(data_dir)))
    from waitress.server import create_server

    from briefing.desk import auth
    from briefing.desk.edit import MAX_EDIT_BYTES

    editors = editors or auth.default_file()
    if edit and not is_loopback(host) and not auth.Accounts(editors).any():
        raise BriefingError(msg("editing over the network needs editors who sign in: add one first with briefing "
                                "editor add NAME --park ID (or --zone), then start the desk again (editors are kept "
                                "in {path})", path=str(editors)))
    workers = Workers(processes)
    app = create_app(data_dir, workers, host, edit, editors)
    try:
        # The body's limit set where the body is read: Flask's own limit applies only after
        # waitress has buffered the whole body (up to 1 GiB by default, in a temp file). An
        # edit page sends a whole sheet; the order form's own limit still holds for it.
        server = create_server(app, host=host, port=port, threads=THREADS, clear_untrusted_proxy_headers=True,
                               max_request_body_size=MAX_EDIT_BYTES if edit else MAX_FORM_BYTES)
    except OSError as exc:
        raise BriefingError(_cannot_listen(host, port, exc)) from exc
    for line in _addresses(host, server.effective_port, data_dir):
        say(line)
    if edit:
        say(msg("Editing the fact sheets: http://{host}:{port}/edit/ ({who}); drafts and history are kept in "
                "{folder}.", host=f"[{host}]" if ":" in host else host, port=server.effective_port,
                folder=str(Path(data_dir) / ".briefing"),
                who=msg("editors sign in") if auth.Accounts(editors).any() else msg("no sign-in on this computer: "
                                                                                     "no editors are set up")))
    for stop in (signal.SIGTERM, signal.SIGHUP):  # a service manager's stop, a closed terminal
        signal.signal(stop, _interrupt)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C must not cut the workers' grace short and leave them running.
        for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(stop, signal.SIG_IGN)
        server.close()
        workers.close()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _addresses(host: str, port: int, data_dir: Path) -> list[str]:
    """Where to open the page: on this computer, and from tablets when it listens on the network."""
    shown = f"[{host}]" if ":" in host else host
    lines: list[str] = [msg("Front desk on http://{host}:{port}/ (fact sheets in {folder}); Ctrl-C stops it.",
                            host=shown, port=port, folder=str(data_dir))]
    if not is_loopback(host):
        lines.append(msg("From a tablet on the office network: http://{address}:{port}/ or http://{name}:{port}/ "
                         "(anyone who can reach this port can make documents).", address=_network_address(),
                         port=port, name=socket.gethostname()))
    return lines


def _network_address() -> str:
    """This computer's address on its network: the one a packet outwards would leave from
    (a UDP socket only chooses its route on connect; nothing is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def _cannot_listen(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return msg("port {port} on {host} is in use (another front desk?); stop it, or pass another --port",
                   port=port, host=host)
    if exc.errno == errno.EACCES:
        return msg("port {port} needs special rights on this machine; pass a port above 1023 with --port", port=port)
    return msg("cannot listen on {host}:{port} ({reason}); check --host and --port", host=host, port=port,
               reason=exc.strerror or str(exc))
