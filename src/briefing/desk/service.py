"""``briefing serve --install-service``: run the front desk as a service of the computer, so that
nobody has to keep a terminal open. It writes a systemd user unit that starts the desk (with the
same options) when the computer starts, restarts it after a crash, and appends what the desk
says to a log file in the home folder, where staff can open it; then it prints the three
commands that turn it on. Nothing is started by this command itself.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import Optional

from briefing.messages import Message, msg
from briefing.output.write import write_atomic

NAME = "briefing-desk"


def unit_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user" / f"{NAME}.service"


def log_path() -> Path:
    return Path.home() / f"{NAME}.log"


def command(data_dir: Path, host: str, port: int, processes: Optional[int], edit: bool,
            editors: Optional[Path]) -> list[str]:
    """The desk's command line, with absolute paths (a service starts in another folder)."""
    line = [sys.executable, "-m", "briefing", "serve", "--data", str(Path(data_dir).resolve()), "--host", host,
            "--port", str(port)]
    if processes:
        line += ["--workers", str(processes)]
    if edit:
        line.append("--edit")
    if editors:
        line += ["--editors", str(Path(editors).resolve())]
    return line


def unit(data_dir: Path, host: str, port: int, processes: Optional[int], edit: bool,
         editors: Optional[Path]) -> str:
    """The systemd unit: started with the computer (the user's services start at boot once
    lingering is on), restarted three seconds after a crash, stopped with SIGTERM (the desk
    then stops its workers), its output appended to the log file."""
    language = os.environ.get("LANG", "")
    lines = [
        "# Written by briefing serve --install-service; run it again to change the options.",
        "[Unit]",
        "Description=briefing front desk (investment-promotion documents)",
        "After=network-online.target",
        "Wants=network-online.target",
        "",
        "[Service]",
        "ExecStart=" + shlex.join(command(data_dir, host, port, processes, edit, editors)),
        f"WorkingDirectory={Path(data_dir).resolve().parent}",
        "Restart=on-failure",
        "RestartSec=3",
        "TimeoutStopSec=20",
        "Environment=PYTHONUNBUFFERED=1",
        *([f"Environment=LANG={language}"] if language else []),
        f"StandardOutput=append:{log_path()}",
        f"StandardError=append:{log_path()}",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ]
    return "\n".join(lines)


def install(data_dir: Path, host: str, port: int, processes: Optional[int], edit: bool,
            editors: Optional[Path]) -> list[Message]:
    """Write the unit; what to run next, as lines to print."""
    path = unit_path()
    write_atomic(path, unit(data_dir, host, port, processes, edit, editors).encode("utf-8"))
    user = os.environ.get("USER") or Path.home().name
    return [
        msg("wrote {path}; to start the front desk now and whenever the computer starts, run:", path=str(path)),
        msg("  systemctl --user daemon-reload && systemctl --user enable --now {name}", name=NAME),
        msg("  sudo loginctl enable-linger {user}    (starts it at boot, before anyone logs in)", user=user),
        msg("Its log: {log}; systemctl --user status {name} says whether it runs.", log=str(log_path()), name=NAME),
    ]
