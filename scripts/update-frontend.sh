#!/usr/bin/env bash
# Update the vendored front end (Bootstrap Italia, htmx, axe-core) from the npm registry.
#
# Needs npm only on the machine that runs this script, never at run time: the files land in
# casa/core/static/vendor/ (served by Django) and tests/browser/vendor/ (axe-core, tests only),
# and are committed. Only what the pages use is copied. Versions go to VERSIONS.txt.
#
# Usage: scripts/update-frontend.sh   (override versions with BOOTSTRAP_ITALIA=2.18 HTMX=2.0 AXE=4)
set -euo pipefail

BOOTSTRAP_ITALIA="${BOOTSTRAP_ITALIA:-2.18}"
HTMX="${HTMX:-2.0}"
AXE="${AXE:-4}"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/casa/core/static/vendor"
TEST_VENDOR="$ROOT/tests/browser/vendor"

command -v npm >/dev/null || { echo "npm is needed to update the vendored front end." >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
for spec in "bootstrap-italia@$BOOTSTRAP_ITALIA" "htmx.org@$HTMX" "axe-core@$AXE"; do
  tarball="$(npm pack --silent "$spec" | tail -n 1)"
  name="${spec%@*}"
  mkdir -p "$name"
  tar -xzf "$tarball" -C "$name"
done

version_of() { node -p "require('$WORK/$1/package/package.json').version"; }
BI="$WORK/bootstrap-italia/package"

rm -rf "$VENDOR"
mkdir -p "$VENDOR/bootstrap-italia/css" "$VENDOR/bootstrap-italia/js" \
         "$VENDOR/bootstrap-italia/svg" "$VENDOR/bootstrap-italia/fonts/Titillium_Web" \
         "$VENDOR/htmx" "$TEST_VENDOR"

# The source map is not shipped: drop its reference, or collectstatic's manifest storage fails.
sed '/sourceMappingURL=/d' "$BI/dist/css/bootstrap-italia.min.css" \
  > "$VENDOR/bootstrap-italia/css/bootstrap-italia.min.css"
sed '/sourceMappingURL=/d' "$BI/dist/js/bootstrap-italia.bundle.min.js" \
  > "$VENDOR/bootstrap-italia/js/bootstrap-italia.bundle.min.js"
cp "$BI/dist/svg/sprites.svg" "$VENDOR/bootstrap-italia/svg/sprites.svg"
# woff2 only: every browser that runs Bootstrap Italia 2 reads it. fonts.css names these files.
cp "$BI"/dist/fonts/Titillium_Web/*.woff2 "$VENDOR/bootstrap-italia/fonts/Titillium_Web/"
cp "$BI/dist/fonts/Titillium_Web/OFL.txt" "$VENDOR/bootstrap-italia/fonts/Titillium_Web/OFL.txt"
cp "$BI/LICENSE" "$VENDOR/bootstrap-italia/LICENSE"

sed '/sourceMappingURL=/d' "$WORK/htmx.org/package/dist/htmx.min.js" > "$VENDOR/htmx/htmx.min.js"
cp "$WORK/htmx.org/package/LICENSE" "$VENDOR/htmx/LICENSE"

cp "$WORK/axe-core/package/axe.min.js" "$TEST_VENDOR/axe.min.js"
cp "$WORK/axe-core/package/LICENSE" "$TEST_VENDOR/axe-core-LICENSE"

cat > "$VENDOR/VERSIONS.txt" <<TXT
# Vendored front-end packages, updated by scripts/update-frontend.sh from the npm registry.
# Only the files the pages use are copied; source-map comments are removed.
bootstrap-italia $(version_of bootstrap-italia)  BSD-3-Clause (fonts: SIL OFL 1.1)
htmx.org $(version_of htmx.org)  0BSD
axe-core $(version_of axe-core)  MPL-2.0 (tests/browser/vendor only, not served)
TXT

echo "Vendored:"
cat "$VENDOR/VERSIONS.txt"
du -sh "$VENDOR" "$TEST_VENDOR"
