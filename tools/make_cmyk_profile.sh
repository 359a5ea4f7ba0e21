#!/usr/bin/env bash
# Remake the CMYK output profile --cmyk separates photos with
# (src/briefing/press/profiles/briefing-fogra39.icc; src/briefing/press/colour.py says why this one).
#
# From FOGRA's measurements of the FOGRA39 condition (FOGRA39L.ti3) and the sRGB profile that
# Debian's icc-profiles-free ships (both zlib licence), with ArgyllCMS's colprof: 330 % total ink,
# 95 % black, medium GCR, a perceptual table mapped from sRGB's gamut.
#   apt-get install argyll icc-profiles-free && bash tools/make_cmyk_profile.sh
# colprof's result depends on its version and quality setting: a remade profile separates within
# a few percent of the shipped one (measured: sRGB red 0/233/218/9 shipped, 0/230/216/10 remade
# with argyll 2.3.1 and -ql), not byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
icc="${ICC_PROFILES:-/usr/share/color/icc}"
out="$PWD/src/briefing/press/profiles/briefing-fogra39.icc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$icc/FOGRA39L.ti3" "$icc/sRGB.icc" "$work/"
(cd "$work" && colprof -v -D "briefing FOGRA39 (from FOGRA39L.ti3, ArgyllCMS colprof)" -ql -kr -l330 -L95 \
    -S sRGB.icc -cmt -dpp FOGRA39L > colprof.log)
cp "$work/FOGRA39L.icc" "$out"
echo "wrote $out"
