"""briefing serve --install-service: a systemd user unit that starts the desk with the computer,
restarts it after a crash and logs where staff can find it."""

import sys

from click.testing import CliRunner

from briefing.cli import main
from briefing.desk import service


def test_the_unit_runs_the_desk_with_its_options_restarts_it_and_logs_to_a_file(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    unit = service.unit(tmp_path / "data", "0.0.0.0", 8000, 2, True, tmp_path / "editors.json")
    assert f"ExecStart={sys.executable} -m briefing serve --data {tmp_path / 'data'} --host 0.0.0.0 --port 8000 " \
           f"--workers 2 --edit --editors {tmp_path / 'editors.json'}" in unit
    assert "Restart=on-failure" in unit and "WantedBy=default.target" in unit
    assert f"StandardOutput=append:{tmp_path / 'briefing-desk.log'}" in unit


def test_install_service_writes_the_unit_and_says_how_to_turn_it_on(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "data").mkdir()
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "data"), "--edit", "--install-service"],
                                env={"LANG": "C"})
    assert result.exit_code == 0, result.output
    written = (tmp_path / "config" / "systemd" / "user" / "briefing-desk.service").read_text(encoding="utf-8")
    assert "--edit" in written and "--host 127.0.0.1" in written
    assert "systemctl --user daemon-reload && systemctl --user enable --now briefing-desk" in result.output
    assert "loginctl enable-linger" in result.output
