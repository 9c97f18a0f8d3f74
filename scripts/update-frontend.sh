#!/usr/bin/env bash
# Update the vendored front end (Bootstrap Italia, htmx, axe-core, AgID's SPID button images)
# from the npm registry.
#
# Needs npm only on the machine that runs this script, never at run time: the files land in
# frontend/ (Bootstrap Italia's whole CSS and icon sprite, not served), casa/core/static/vendor/
# (served by Django) and tests/browser/vendor/ (axe-core, tests only), and are committed. Then
# scripts/build_frontend.py (Python, no Node) cuts the served CSS, icons and fonts down to what
# the pages use. No Bootstrap Italia JavaScript is served: casa.js does what the pages need.
# Versions go to VERSIONS.txt.
#
# Usage: scripts/update-frontend.sh   (override versions with BOOTSTRAP_ITALIA=2.18 HTMX=2.0 AXE=4)
set -euo pipefail

BOOTSTRAP_ITALIA="${BOOTSTRAP_ITALIA:-2.18}"
HTMX="${HTMX:-2.0}"
AXE="${AXE:-4}"
RTLCSS="${RTLCSS:-4}"
NOTO="${NOTO:-0.4}"
SPID_BUTTON="${SPID_BUTTON:-1.1}"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/casa/core/static/vendor"
SOURCES="$ROOT/frontend/bootstrap-italia"
TEST_VENDOR="$ROOT/tests/browser/vendor"

command -v npm >/dev/null || { echo "npm is needed to update the vendored front end." >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
for spec in "bootstrap-italia@$BOOTSTRAP_ITALIA" "htmx.org@$HTMX" "axe-core@$AXE" \
            "@expo-google-fonts/noto-sans-arabic@$NOTO" "@expo-google-fonts/noto-sans-sc@$NOTO" \
            "spid-smart-button@$SPID_BUTTON"; do
  tarball="$(npm pack --silent "$spec" | tail -n 1)"
  name="${spec%@*}"
  mkdir -p "$name"
  tar -xzf "$tarball" -C "$name"
done

version_of() { node -p "require('$WORK/$1/package/package.json').version"; }
BI="$WORK/bootstrap-italia/package"

rm -rf "$VENDOR" "$SOURCES"
mkdir -p "$SOURCES/css" "$SOURCES/svg" "$VENDOR/bootstrap-italia/fonts/Titillium_Web" \
         "$VENDOR/htmx" "$VENDOR/spid" "$TEST_VENDOR"

# The source map is not shipped: drop its reference.
sed '/sourceMappingURL=/d' "$BI/dist/css/bootstrap-italia.min.css" > "$SOURCES/css/bootstrap-italia.min.css"
# Bootstrap Italia ships no right-to-left CSS: rtlcss mirrors it for Arabic (issue 12).
npm install --silent --no-audit --no-fund --prefix "$WORK/rtl" "rtlcss@$RTLCSS" >/dev/null
"$WORK/rtl/node_modules/.bin/rtlcss" --silent "$SOURCES/css/bootstrap-italia.min.css" \
  "$SOURCES/css/bootstrap-italia.rtl.min.css"
cp "$BI/dist/svg/sprites.svg" "$SOURCES/svg/sprites.svg"
cp "$BI/LICENSE" "$SOURCES/LICENSE"
# woff2 only: every browser that runs Bootstrap Italia 2 reads it. The whole fonts are for PDF
# letters (casa/core/pdf.py); pages load the cut ones build_frontend.py writes (fonts.css).
cp "$BI"/dist/fonts/Titillium_Web/*.woff2 "$VENDOR/bootstrap-italia/fonts/Titillium_Web/"
cp "$BI/dist/fonts/Titillium_Web/OFL.txt" "$VENDOR/bootstrap-italia/fonts/Titillium_Web/OFL.txt"
cp "$BI/LICENSE" "$VENDOR/bootstrap-italia/LICENSE"

sed '/sourceMappingURL=/d' "$WORK/htmx.org/package/dist/htmx.min.js" > "$VENDOR/htmx/htmx.min.js"
cp "$WORK/htmx.org/package/LICENSE" "$VENDOR/htmx/LICENSE"

# AgID's "Entra con SPID" button (issue 13): its icon and the identity providers' logos, which
# casa/spid/templatetags/spid.py shows; not its JavaScript (the menu is a <details>).
SPID_IMG="$WORK/spid-smart-button/package/dist/img"
cp "$SPID_IMG/spid-ico-circle-bb.svg" "$VENDOR/spid/"
for idp in arubaid infocertid intesaid lepidaid namirialid posteid sielteid spiditalia timid; do
  cp "$SPID_IMG/idp-logos/spid-idp-$idp.svg" "$VENDOR/spid/"
done
cp "$WORK/spid-smart-button/package/LICENSE.md" "$VENDOR/spid/LICENSE.md"

cp "$WORK/axe-core/package/axe.min.js" "$TEST_VENDOR/axe.min.js"
cp "$WORK/axe-core/package/LICENSE" "$TEST_VENDOR/axe-core-LICENSE"

cat > "$VENDOR/VERSIONS.txt" <<TXT
# Vendored front-end packages, updated by scripts/update-frontend.sh from the npm registry.
# Only the files the pages use are copied; source-map comments are removed. Bootstrap Italia's
# whole CSS and icons are in frontend/ (not served); scripts/build_frontend.py cuts them.
bootstrap-italia $(version_of bootstrap-italia)  BSD-3-Clause (fonts: SIL OFL 1.1)
htmx.org $(version_of htmx.org)  0BSD
axe-core $(version_of axe-core)  MPL-2.0 (tests/browser/vendor only, not served)
rtlcss $RTLCSS  MIT (build only: bootstrap-italia.rtl.min.css)
@expo-google-fonts/noto-sans-arabic $(version_of @expo-google-fonts/noto-sans-arabic)  SIL OFL 1.1 (vendor/noto, PDFs only)
@expo-google-fonts/noto-sans-sc $(version_of @expo-google-fonts/noto-sans-sc)  SIL OFL 1.1 (vendor/noto, PDFs only)
spid-smart-button $(version_of spid-smart-button)  EUPL-1.2 (vendor/spid: the SPID icon and the identity providers' logos)
TXT

"$ROOT/.venv/bin/python" "$ROOT/scripts/build_frontend.py"
# The PDFs' fonts for Arabic and Chinese summaries, cut to what CASA writes (issue 12).
"$ROOT/.venv/bin/python" "$ROOT/scripts/subset_pdf_fonts.py" "$WORK/@expo-google-fonts"

echo "Vendored:"
cat "$VENDOR/VERSIONS.txt"
du -sh "$SOURCES" "$VENDOR" "$TEST_VENDOR"
