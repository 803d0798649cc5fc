#!/bin/bash
# The browser flow (browser.mjs) against a server on a fresh store.
set -u
CLI=$1
SHOTS=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
EXAMPLES=$root/examples
WORK=$(mktemp -d)
. "$root/tests/serve/lib.sh"
trap 'stop_server; rm -rf "$WORK"' EXIT
if [ ! -d "$root/tests/serve/node_modules/playwright-core" ]; then
  echo "serve: the browser test needs its npm packages: run make deps" >&2; exit 1
fi
make_store "$WORK/cases.db" || exit 1
start_server "$WORK/cases.db" || exit 1
node "$root/tests/serve/browser.mjs" "$BASE" "$SHOTS"
