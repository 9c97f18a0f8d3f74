#!/usr/bin/env bash
# AgID's spid-sp-test against CASA (`make spid-test`, called by .ci/run): the metadata, the
# authentication request, and every response case posted to the assertion consumer service.
# CASA runs on a scratch SQLite database with spid-sp-test's identity provider in its registry.
# Reports go to var/spid-sp-test/. Exit status: non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv-spid-sp-test
PORT=${SPID_TEST_PORT:-8765}
BASE="http://127.0.0.1:$PORT"
REPORTS=var/spid-sp-test

if ! command -v xmlsec1 >/dev/null 2>&1; then
  echo "spid-sp-test signs with Debian's xmlsec1: apt-get install xmlsec1" >&2
  exit 2
fi
if [ ! -x "$VENV/bin/spid_sp_test" ] || [ requirements/spid-sp-test.txt -nt "$VENV/bin/spid_sp_test" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --require-hashes \
    -r requirements/spid-sp-test.txt
  touch "$VENV/bin/spid_sp_test"
fi

WORK=$(mktemp -d)
# spid-sp-test sends a few hundred logins and responses from one address in a minute or two:
# above CASA's per-address limit, which is not what it tests.
export DEBUG=1 CASA_VAR_DIR="$WORK" DATABASE_URL="sqlite:///$WORK/casa.sqlite3" SITE_URL="$BASE" \
  CASA_SPID_RATE_LIMIT=100000/m/ip
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$WORK"' EXIT
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py createcachetable
"$VENV/bin/spid_sp_test" --idp-metadata 2>/dev/null > "$WORK/spid-sp-test-idp.xml"
.venv/bin/python scripts/spid_conformance_setup.py "$WORK/spid-sp-test-idp.xml"
.venv/bin/python manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
server=$!
.venv/bin/python -c 'import socket, sys, time; sys.exit(not any(socket.socket().connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 or time.sleep(0.25) for _ in range(120)))' "$PORT"

mkdir -p "$REPORTS"
status=0
run() {
  local name=$1 metadata=$2; shift 2
  echo "== spid-sp-test: $name"
  "$VENV/bin/spid_sp_test" --metadata-url "$BASE$metadata" --extra -d ERROR \
    -rf json -o "$REPORTS/$name.json" "$@" 2>&1 | grep -v -e "Warning" -e "^  " | tail -n 20 \
    || true
  "$VENV/bin/python" - "$REPORTS/$name.json" "$name" <<'PY' || status=1
import json, sys

def checks(node):
    """Every check of spid-sp-test's JSON report, wherever it nests them."""
    if isinstance(node, dict):
        if "result" in node and "test" in node:
            yield node
        else:
            for value in node.values():
                yield from checks(value)
    elif isinstance(node, list):
        for value in node:
            yield from checks(value)

found = list(checks(json.load(open(sys.argv[1]))))
failed = [check for check in found if check["result"] != "success"]
print(f"{sys.argv[2]}: {len(found)} checks in the report, {len(failed)} not passed")
for check in failed[:40]:
    print("  NOT PASSED:", check.get("test_id", ""), check["test"], check.get("value", ""))
sys.exit(1 if failed or not found else 0)
PY
}
run metadata /spid/metadata/
run authn-request /spid/metadata/ --authn-url "$BASE/spid/login/?idp=https://localhost:8443"
run responses /spid/metadata/ --authn-url "$BASE/spid/login/?idp=https://localhost:8443" -tr
# CIE ID's profile of the metadata (its own document, registered with the Ministry).
run cie-metadata /spid/metadata/cie/ -pr cie-sp-public
exit $status
