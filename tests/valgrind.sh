#!/bin/sh
# valgrind --leak-check=full on `threshold eval` of every example case, of
# a JSON Lines stream of them all, of `threshold test core`, of `threshold
# doc` (HTML and Markdown) on the hostile set of tests/doc, and of the
# store's commands on a few cases.
set -u
cli=$1
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v valgrind >/dev/null; then
  echo "valgrind: not installed (make deps installs it)" >&2
  exit 1
fi
vg="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99"
pass=0 fail=0
run() {
  $vg "$@" >/dev/null 2>/tmp/threshold-vg.$$
  if [ $? = 99 ]; then fail=$((fail + 1)); echo "FAIL valgrind: $*"; cat /tmp/threshold-vg.$$
  else pass=$((pass + 1)); fi
  rm -f /tmp/threshold-vg.$$
}
for f in "$root"/examples/cases/*.json; do
  run "$cli" eval -r core --explain "$f"
done
for f in "$root"/examples/cases/*.json; do tr -d '\n' <"$f"; echo; done >/tmp/threshold-vg-stream.$$
run "$cli" eval -r core --format json /tmp/threshold-vg-stream.$$
rm -f /tmp/threshold-vg-stream.$$
run "$cli" test core
export THRESHOLD_RULES_PATH="$root/rules"       # the hostile set extends core
run "$cli" doc "$root/tests/doc/hostile" --format html
run "$cli" doc "$root/tests/doc/hostile" --format md
unset THRESHOLD_RULES_PATH
db=$(mktemp -u /tmp/threshold-vg-XXXXXX.db)
for f in "$root"/examples/cases/0[1-8]*.json; do tr -d '\n' <"$f"; echo; done >"$db.jsonl"
"$cli" db init "$db" >/dev/null
run "$cli" db import "$db" "$db.jsonl"
run "$cli" db eval "$db" -r core
run "$cli" db decide "$db" EX-03 --level child_protection --type discretionary --reason "valgrind check" --by T --approver U
run "$cli" db keygen "$db.key"
run "$cli" db checkpoint "$db" --key "$db.key"
run "$cli" db verify "$db" --key "$db.key.pub"
run "$cli" db verify "$db"
run "$cli" db replay "$db"
run "$cli" db report "$db"
run "$cli" db diff "$db" -r core -r staffordshire
rm -f "$db" "$db.jsonl" "$db-wal" "$db-shm" "$db.key" "$db.key.pub"
echo "valgrind: $pass passed, $fail failed"
[ "$fail" = 0 ]
