#!/bin/sh
# real_sets.sh CLI GEN_CASELOAD N WORKDIR -- the real rule sets over a
# generated caseload: `threshold eval -` for core and each local set, then
# `threshold db eval` on a store of the same cases, for core and one local
# set. One line per run: cases/s and peak resident memory (GNU time).
set -eu
cli=$1 gen=$2 n=$3 work=$4
mkdir -p "$work"
cases=$work/caseload-$n.jsonl
[ -s "$cases" ] || "$gen" "$n" > "$cases"
rate() { awk -v n="$n" -v s="$1" 'BEGIN { printf "%8.0f cases/s", n / s }'; }
run() {   # label command...: time one run, print its rate and peak memory
  label=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null
  read -r secs kb < "$work/time"
  printf '%-40s %7.1f s  %s  %6.1f MB peak\n' "$label" "$secs" "$(rate "$secs")" \
    "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
}
echo "Real rule sets, $n generated cases (examples/caseload), one run each:"
for set in core peterborough northamptonshire rotherham staffordshire; do
  run "eval - -r $set (JSON results)" sh -c "\"$cli\" eval -r $set - < \"$cases\""
done
store=$work/store-$n.db
rm -f "$store" "$store-wal" "$store-shm"
"$cli" db init "$store" > /dev/null
run "db import (core schema)" "$cli" db import "$store" "$cases" -r core
run "db eval -r core" "$cli" db eval "$store" -r core
run "db eval -r staffordshire" "$cli" db eval "$store" -r staffordshire
