#!/bin/sh
# real_sets.sh CLI GEN_CASELOAD N WORKDIR [EXPLAIN_N] -- the real rule sets
# over a generated caseload: `threshold eval -` for core and each local set
# with full results, then explained (--explain) on the first EXPLAIN_N cases
# (default N/10: it costs about three times as much), then `threshold db
# import` and `db eval` on a store of the same cases, for core and one local
# set. One line per run, saying what it ran: cases/s of the whole command,
# cases/s inside the engine (th_eval, from --bench) where the command can
# say, and peak resident memory (GNU time).
set -eu
cli=$1 gen=$2 n=$3 work=$4
en=${5:-$((n / 10))}
[ "$en" -ge 1 ] || en=1
mkdir -p "$work"
cases=$work/caseload-$n.jsonl
[ -s "$cases" ] || "$gen" "$n" > "$cases"
head -n "$en" "$cases" > "$work/caseload-explain-$en.jsonl"
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%9.0f", n / s; else printf "%9s", "-" }'; }
run() {   # cases label command...: time one run, print its rates and peak memory
  k=$1 label=$2; shift 2
  : > "$work/err"
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/err"
  read -r secs kb < "$work/time"
  eng=$(sed -n 's/^BENCH .* eval_s=\([0-9.]*\).*/\1/p' "$work/err" | tail -n 1)
  printf '%-52s %8s %7.2f s %s %s %7.1f\n' "$label" "$k" "$secs" "$(rate "$k" "$secs")" \
    "$(rate "$k" "${eng:-0}")" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
}
echo "Real rule sets over generated cases (examples/caseload), one run each."
echo "  full       threshold eval -r SET -: one full JSON result per case (findings,"
echo "             why-not, open questions, flags), written to /dev/null"
echo "  explained  the same with --explain (each finding with the facts it read),"
echo "             on the first $en cases"
echo "  db import  the cases into a new store, each checked against core's schema"
echo "  db eval    every stored case evaluated and recorded with its log entry;"
echo "             stored results are brief (no why-not)"
echo "process = the whole command, wall clock; engine = time inside th_eval only"
echo "(parsing and evaluating each case, and building its result), where known."
echo
printf '%-52s %8s %9s %9s %9s %7s\n' "run" "cases" "wall" "process/s" "engine/s" "peak MB"
for set in core peterborough northamptonshire rotherham staffordshire; do
  run "$n" "$set: full" sh -c "\"$cli\" eval -r $set --bench - < \"$cases\""
done
for set in core peterborough northamptonshire rotherham staffordshire; do
  run "$en" "$set: explained" \
    sh -c "\"$cli\" eval -r $set --explain --bench - < \"$work/caseload-explain-$en.jsonl\""
done
store=$work/store-$n.db
rm -f "$store" "$store-wal" "$store-shm"
"$cli" db init "$store" > /dev/null
run "$n" "db import (core schema)" "$cli" db import "$store" "$cases" -r core
run "$n" "core: db eval" "$cli" db eval "$store" -r core
run "$n" "staffordshire: db eval" "$cli" db eval "$store" -r staffordshire
