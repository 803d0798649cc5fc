#!/bin/sh
# The PostgreSQL extension against a real PostgreSQL 15 server, started in
# a temporary folder on a Unix socket as a non-root user (a dedicated user,
# created if absent, when this runs as root). The server runs from a
# private copy of the installation's layout, so the extension is installed
# there and nothing outside the temporary folder is written.
#
#   tests/postgres/run.sh test  CLI GEN_CASELOAD EXT_DIR RULES   the test
#   tests/postgres/run.sh bench CLI GEN_CASELOAD EXT_DIR RULES N throughput
#
# test: loads a generated caseload, evaluates it with `db eval`, and checks
# that threshold_pathway and threshold_eval agree case by case, with and
# without parallel workers; errors are SQL errors with the message.
# bench: cases per second with 0, 1 and 2 parallel workers, and the CLI.
set -u
mode=$1 cli=$(realpath "$2") gen=$(realpath "$3") ext=$(realpath "$4") rules=$(realpath "$5")
n=${6:-2000}
pgbin=$(pg_config --bindir) pglib=$(pg_config --pkglibdir) pgshare=$(pg_config --sharedir)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

tmp=$(mktemp -d /tmp/threshold-pg-XXXXXX)
chmod 755 "$tmp"
if [ "$(id -u)" = 0 ]; then
  user=threshold-pg
  id "$user" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user" ||
    { echo "postgres: cannot create user $user" >&2; exit 1; }
  as() { runuser -u "$user" -- env THRESHOLD_RULES_PATH="$tmp/rules" "$@"; }
else
  user=$(id -un)
  as() { env THRESHOLD_RULES_PATH="$tmp/rules" "$@"; }
fi
stop() {
  [ -f "$tmp/data/postmaster.pid" ] && as "$root$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$tmp"
}
trap stop EXIT

# The installation's layout, relocated under $tmp/pg: binaries copied
# (PostgreSQL finds its share and lib folders relative to its own binary,
# when the path it runs from ends as the installed one does), the rest
# linked, and the extension added.
root=$tmp/pg
mkdir -p "$root$pgbin" "$root$pgshare" "$root$pglib"
for b in postgres initdb pg_ctl psql; do cp "$pgbin/$b" "$root$pgbin/"; done
cp -rs "$pgshare/." "$root$pgshare/"
cp -rs "$pglib/." "$root$pglib/"
cp "$ext/threshold.so" "$root$pglib/"
cp "$ext/threshold.control" "$ext"/threshold--*.sql "$root$pgshare/extension/"
cp -R "$rules" "$tmp/rules"
mkdir "$tmp/sock"
chown -R "$user" "$tmp"

as "$root$pgbin/initdb" -D "$tmp/data" -U tester --auth=trust -E UTF8 --no-locale \
  >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log"; exit 1; }
as "$root$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -o \
  "-k $tmp/sock -c listen_addresses= -c max_worker_processes=8 -c max_parallel_workers=4" \
  start >/dev/null || { cat "$tmp/server.log"; exit 1; }
psql() { as "$root$pgbin/psql" -h "$tmp/sock" -U tester -d postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

# The caseload, in PostgreSQL and in a store evaluated by `db eval`.
"$gen" "$n" >"$tmp/caseload.jsonl"
"$cli" db init "$tmp/cases.db" >/dev/null
"$cli" db import "$tmp/cases.db" "$tmp/caseload.jsonl" >/dev/null
THRESHOLD_RULES_PATH=$tmp/rules "$cli" db eval "$tmp/cases.db" -r core >/dev/null
sqlite3 -csv "$tmp/cases.db" "SELECT case_id, pathway, status, local_level FROM evaluations" \
  >"$tmp/expected.csv"
chmod 644 "$tmp"/*.jsonl "$tmp"/*.csv
psql -c "CREATE EXTENSION threshold;
  CREATE TABLE cases (doc jsonb NOT NULL);
  CREATE TABLE expected (id text PRIMARY KEY, pathway text, status text, local_level text);" ||
  exit 1
# One JSON text a line, quoted by nothing (CSV with a quote and a delimiter
# that JSON Lines never holds).
psql -c "\\copy cases (doc) FROM '$tmp/caseload.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" &&
  psql -c "\\copy expected FROM '$tmp/expected.csv' WITH (FORMAT csv)" &&
  psql -c "ANALYZE cases" || exit 1

if [ "$mode" = bench ]; then
  psql -c "ALTER TABLE cases SET (parallel_workers = 2)"
  for w in 0 1 2; do
    q="SET max_parallel_workers_per_gather = $w; SET parallel_setup_cost = 0;
       SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
       SELECT count(threshold_pathway(doc, 'core')) FROM cases"
    psql -c "$q" >/dev/null                        # warm the table's pages
    start=$(date +%s.%N)
    psql -c "$q" >/dev/null
    end=$(date +%s.%N)
    awk -v n="$n" -v a="$start" -v b="$end" -v w="$w" \
      'BEGIN { printf "postgres, %d parallel workers: %.0f cases/s (%.2f s)\n", w, n / (b - a), b - a }'
  done
  start=$(date +%s.%N)
  THRESHOLD_RULES_PATH=$tmp/rules "$cli" eval -r core --format spec "$tmp/caseload.jsonl" >/dev/null
  end=$(date +%s.%N)
  awk -v n="$n" -v a="$start" -v b="$end" \
    'BEGIN { printf "threshold eval --format spec (one process): %.0f cases/s (%.2f s)\n", n / (b - a), b - a }'
  exit 0
fi

agree="SELECT count(*) FROM cases c JOIN expected x ON x.id = c.doc->>'id'"
[ "$(psql -c "$agree")" = "$n" ] && ok || bad "not every case has its db eval result"
for w in 0 2; do
  par="SET max_parallel_workers_per_gather = $w; SET parallel_setup_cost = 0;
       SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
  got=$(psql -c "$par $agree WHERE threshold_pathway(c.doc, 'core') IS DISTINCT FROM x.pathway")
  [ "$got" = 0 ] && ok || bad "threshold_pathway disagrees with db eval on $got cases ($w workers)"
  got=$(psql -c "$par $agree, LATERAL (SELECT threshold_eval(c.doc) AS r) e
    WHERE e.r->>'status' IS DISTINCT FROM x.status
       OR e.r->'suggestion'->>'local_level' IS DISTINCT FROM x.local_level")
  [ "$got" = 0 ] && ok || bad "threshold_eval disagrees with db eval on $got cases ($w workers)"
done
# The plan really is parallel when asked, and the functions may run in it.
psql -c "SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
  SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
  EXPLAIN (ANALYZE, COSTS OFF) SELECT count(threshold_pathway(doc, 'core')) FROM cases" >"$tmp/plan"
grep -q 'Workers Launched: [12]' "$tmp/plan" && ok || bad "no parallel workers: $(cat "$tmp/plan")"
[ "$(psql -c "SELECT count(DISTINCT threshold_pathway(doc)) FROM cases")" -ge 3 ] && ok ||
  bad "fewer than three pathways in the caseload"
[ "$(psql -c "SELECT proparallel FROM pg_proc WHERE proname = 'threshold_pathway' GROUP BY 1")" = s ] &&
  ok || bad "threshold_pathway is not PARALLEL SAFE"
# text input, another set by name, an invalid case gives NULL.
[ "$(psql -c "SELECT coalesce(threshold_pathway('{\"id\":\"A\",\"assessed_on\":\"2026-01-01\"}'::text, 'peterborough'), 'null')
              || ' ' || coalesce(threshold_pathway('{\"id\":5,\"assessed_on\":\"2026-01-01\"}'::jsonb), 'null')")" = "universal null" ] &&
  ok || bad "text input, a local set, an invalid case"
# Errors are SQL errors with the library's message; the session goes on.
psql -c "SELECT threshold_pathway('{\"id\": '::text)" >"$tmp/err" 2>&1 && bad "malformed JSON was not an error" ||
  { grep -q 'ERROR:  threshold: malformed JSON: line 1' "$tmp/err" && ok || bad "malformed: $(cat "$tmp/err")"; }
psql -c "SELECT threshold_pathway('{}'::jsonb, 'no-such-set')" >"$tmp/err" 2>&1 && bad "unknown set was not an error" ||
  { grep -q "no rule set 'no-such-set'" "$tmp/err" && ok || bad "unknown set: $(cat "$tmp/err")"; }

echo "postgres: $pass passed, $fail failed"
[ "$fail" = 0 ]
