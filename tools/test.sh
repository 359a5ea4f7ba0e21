#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine, then runs it twice: with the
# pinned versions (tools/constraints.txt), then with the lowest ReportLab pyproject.toml allows.
# System packages: poppler-utils (pdftotext, pdffonts, pdftoppm, pdfimages) and qpdf, which the
# end-to-end tests use to open and check every PDF the tool writes; chromium and
# chromium-driver, in which tests/desk/test_browser.py drives the front desk's page; npm, for
# axe-core, the accessibility checker that test runs in that browser.
#
# The second run uses a virtual environment kept in ~/.cache/briefing that holds only that
# ReportLab and sees everything else installed here (--system-site-packages), so it costs a
# download once. It leaves out the front desk's and atomic output's tests, which exercise no
# layout. BRIEFING_LOWEST_REPORTLAB=skip leaves the second run out (quicker, while iterating).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 && command -v pdfimages >/dev/null 2>&1 \
  || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python -m pip install --quiet --disable-pip-version-check -c tools/constraints.txt -e '.[test]'
# axe-core (npm), which tests/desk/test_browser.py runs in Chromium over every page of the front
# desk (WCAG 2.1 AA and best practice), pinned like the Python packages, kept in the cache.
axe_dir="${XDG_CACHE_HOME:-$HOME/.cache}/briefing/axe"
axe_version=4.14.1
if ! grep -qs "\"version\": \"$axe_version\"" "$axe_dir/node_modules/axe-core/package.json"; then
  command -v npm >/dev/null 2>&1 || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"; $sudo apt-get update -qq;
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null; }
  mkdir -p "$axe_dir"
  npm install --prefix "$axe_dir" --no-audit --no-fund --silent "axe-core@$axe_version"
fi
export BRIEFING_AXE="$axe_dir/node_modules/axe-core/axe.min.js"
# Lint and types first: they take seconds and name the line at fault (settings in pyproject.toml).
python -m ruff check src tests tools benchmarks
python -m mypy
python -m pytest "$@"

[ "${BRIEFING_LOWEST_REPORTLAB:-}" = skip ] && exit 0

# The lowest ReportLab pyproject.toml allows ("reportlab>=X,<Y"), as pip spells it exactly.
lowest=$(python -c 'import re; print(re.search(r"\"reportlab>=([0-9.]+)", open("pyproject.toml").read())[1])')
python_version=$(python -c 'import sys; print(".".join(map(str, sys.version_info[:3])))')
venv="${XDG_CACHE_HOME:-$HOME/.cache}/briefing/reportlab-$lowest-python-$python_version"
check="import reportlab, sys; from packaging.version import Version; sys.exit(Version(reportlab.Version) != Version('$lowest'))"
if ! "$venv/bin/python" -c "$check" 2>/dev/null; then
  rm -rf "$venv"
  python -m venv --system-site-packages "$venv"
  grep -v '^reportlab==' tools/constraints.txt > "$venv/constraints.txt"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -c "$venv/constraints.txt" "reportlab==$lowest"
  "$venv/bin/python" -c "$check" || { echo "the venv in $venv does not hold ReportLab $lowest" >&2; exit 1; }
fi
echo "Again with ReportLab $("$venv/bin/python" -c 'import reportlab; print(reportlab.Version)'), the lowest pyproject.toml allows ($venv):"
status=0
"$venv/bin/python" -m pytest -p no:cacheprovider --ignore-glob='*/test_desk_*' --ignore-glob='*/desk/*' \
  --ignore-glob='*/test_write.py' "$@" || status=$?
[ "$status" -eq 5 ] && status=0  # the arguments chose only tests left out here
exit "$status"
