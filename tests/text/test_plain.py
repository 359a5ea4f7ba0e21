"""Plain text before it is set (``clean``), without ReportLab: the command line checks a
visitor's name with it before the build forks the process that reads the sheets."""

import subprocess
import sys

from briefing.text.plain import clean


def test_clean_collapses_space_drops_controls_and_joins_chinese():
    assert clean(" 长沙市 商务局\n考察团\x07 ") == "长沙市商务局考察团"
    assert clean("Changsha  Bureau\tof Commerce") == "Changsha Bureau of Commerce"


def test_cleaning_loads_no_reportlab():
    code = ("import sys; from briefing.text.plain import clean; clean('长沙 考察团'); "
            "print(sorted(m for m in sys.modules if m.startswith('reportlab')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
