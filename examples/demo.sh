#!/bin/sh
# make demo: evaluate the example cases with the core rule set and print
# each suggestion as a practitioner would read it; then the same cases as a
# JSON Lines stream, as an embedding system would send them; then a
# synthetic caseload through the case store: import, evaluate, report, and
# what changing from core to Staffordshire's rules would do. The store is
# kept (third argument) with demo accounts, for `threshold serve`.
set -u
cli=${1:-build/threshold}
gen=${2:-build/gen_caseload}
store=${3:-build/demo/demo.db}
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
mkdir -p "$(dirname "$store")"
rm -f "$store" "$store-wal" "$store-shm"
"$cli" db init "$store"
echo "-- import:"; "$cli" db import "$store" "$work/caseload.jsonl" | cut -c1-200
echo "-- evaluate with core:"; "$cli" db eval "$store" -r core
echo "-- a practitioner agrees with one suggestion and overrides another:"
"$cli" db decide "$store" C0000001 --agree --by SW-DEMO | cut -c1-160
"$cli" db decide "$store" C0000002 --level child_protection --type discretionary \
  --reason "New disclosure at school today" --by SW-DEMO --approver TM-DEMO | cut -c1-160
echo "-- sign the log's head with a key kept outside the store, and verify:"
[ -f "$work/signing.key" ] || "$cli" db keygen "$work/signing.key"
"$cli" db checkpoint "$store" --key "$work/signing.key" | cut -c1-120
"$cli" db verify "$store" --key "$work/signing.key.pub"
"$cli" db report "$store" | head -32
printf '\n-- what would change with Staffordshire'"'"'s rules:\n'
"$cli" db diff "$store" -r core -r staffordshire | head -16

printf '\n==================== In a browser: threshold serve ====================\n'
# The example cases join the store, one with a Graded Care Profile done
# again a month later, so the case page has a chart over time.
for f in "$here"/cases/0[1-8]*.json; do "$cli" db import "$store" "$f" >/dev/null; done
sed -e 's/"assessed_on": "2026-11-02"/"assessed_on": "2026-12-01"/' \
    -e 's/"tools": \[/"tools": [ { "tool": "gcp2_nspcc", "completed_on": "2026-11-24", "area_grades": { "physical_care": 3, "care_of_safety": 3, "emotional_care": 2, "developmental_care": 3 } },/' \
    "$here/cases/03_child_in_need_persistent_neglect.json" | "$cli" db import "$store" - --format json >/dev/null
"$cli" db eval "$store" -r core --changed >/dev/null
for who in practitioner approver policy_lead read_only; do
  printf 'demo-%s-pw\n' "$who" | "$cli" db user add "$store" "demo-$who" --role "$who" >/dev/null
done
cat <<EOT
The demo store is kept at $store, with four demo accounts.
Start the server on it:

  $cli serve $store -r core

then open http://127.0.0.1:8080/ and sign in as demo-practitioner with the
password demo-practitioner-pw (also demo-approver, demo-policy_lead and
demo-read_only, each with the password demo-<role>-pw). Stop it with Ctrl-C.
EOT
exit 0
