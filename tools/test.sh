#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine, then runs it.
# System packages: poppler-utils (pdftotext, pdffonts, pdftoppm) and qpdf, which the
# end-to-end tests use to open and check every PDF the tool writes; chromium and
# chromium-driver, in which tests/desk/test_browser.py drives the front desk's page.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python -m pip install --quiet --disable-pip-version-check -c tools/constraints.txt -e '.[test]'
exec python -m pytest "$@"
