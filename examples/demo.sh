#!/bin/sh
# make demo: evaluate the example cases with the core rule set and print
# each suggestion as a practitioner would read it; then the same cases as a
# JSON Lines stream, as an embedding system would send them; then a
# synthetic caseload through the case store: import, evaluate, report, and
# what changing from core to Staffordshire's rules would do.
set -u
cli=${1:-build/threshold}
gen=${2:-build/gen_caseload}
here=$(dirname "$0")
for f in "$here"/cases/*.json; do
  printf '\n==================== %s ====================\n' "$(basename "$f")"
  "$cli" eval -r core "$f"
done
printf '\n==================== JSON Lines: one result per line ====================\n'
for f in "$here"/cases/*.json; do tr -d '\n' < "$f"; echo; done |
  "$cli" eval -r core - | cut -c1-160

printf '\n==================== The case store: 2,000 synthetic cases ====================\n'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" 2000 >"$work/caseload.jsonl"
"$cli" db init "$work/demo.db"
echo "-- import:"; "$cli" db import "$work/demo.db" "$work/caseload.jsonl" | cut -c1-200
echo "-- evaluate with core:"; "$cli" db eval "$work/demo.db" -r core
echo "-- a practitioner agrees with one suggestion and overrides another:"
"$cli" db decide "$work/demo.db" C0000001 --agree --by SW-DEMO | cut -c1-160
"$cli" db decide "$work/demo.db" C0000002 --level child_protection \
  --reason "New disclosure at school today" --by SW-DEMO | cut -c1-160
echo "-- verify the decision log:"; "$cli" db verify "$work/demo.db"
"$cli" db report "$work/demo.db" | head -32
printf '\n-- what would change with Staffordshire'"'"'s rules:\n'
"$cli" db diff "$work/demo.db" -r core -r staffordshire | head -16
exit 0
