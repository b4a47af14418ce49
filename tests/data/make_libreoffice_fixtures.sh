#!/bin/sh
# Regenerate the LibreOffice-written fixtures in tests/data/libreoffice/.
#
# Needs a real LibreOffice Calc: Debian/Ubuntu `apt-get install libreoffice-calc-nogui`
# (made with LibreOffice 7.4.7.2, Debian 12), and python3 (standard library only).
# CI does NOT run this script: the files it produces are committed. Re-run it only when
# the fixture data in make_libreoffice_fixtures.py changes, then update expected.json
# BY HAND (it states what a correct reader must parse, so it is not generated).
#
# Steps: make_libreoffice_fixtures.py writes flat-ODS sources (libreoffice/src/*.fods);
# a headless soffice converts each into .xlsx, .ods and .xls (MS Excel 97).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out="$here/libreoffice"
src="$out/src"
profile=$(mktemp -d /tmp/lo-profile.XXXXXX)
trap 'rm -rf "$profile"' EXIT

command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 2; }
soffice --version

python3 "$here/make_libreoffice_fixtures.py" "$src"

for fods in "$src"/*.fods; do
    for target in xlsx ods 'xls:MS Excel 97'; do
        soffice -env:UserInstallation="file://$profile" --headless --norestore \
            --convert-to "$target" --outdir "$out" "$fods"
    done
done
ls -l "$out"
