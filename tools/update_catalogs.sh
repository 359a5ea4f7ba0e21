#!/usr/bin/env bash
# After changing a fixed string in the layouts: extract every _() string with Babel and
# merge it into each language's catalog. New entries then need translating in messages.po.
set -euo pipefail
cd "$(dirname "$0")/.."
locales=src/briefing/locales
# -k msg: the messages for the user built with briefing.messages.msg (problems, what a command did).
pybabel extract -F tools/babel.cfg -k msg --no-location --omit-header --sort-output -o "$locales/messages.pot" src/briefing
pybabel update --omit-header --ignore-obsolete --no-fuzzy-matching -i "$locales/messages.pot" -d "$locales"
