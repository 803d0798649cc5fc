#!/bin/sh
# The case store through the CLI: import (JSON, JSON Lines, CSV), batch
# evaluation, decisions, the log's hash chain, replay, reports, diff, and
# every fault the store must survive: a corrupt or foreign file, a newer
# schema, a read-only store, a full disk, a lock held by another process,
# duplicate ids, ragged and unknown CSV columns, kill -9 during import and
# during evaluation.
set -u
cli=$1
gen=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
mounted=""
cleanup() { [ -n "$mounted" ] && umount "$mounted" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL store: $*"; }
# run WANT_STATUS TEXT COMMAND...: exit status and (stdout+stderr) contains TEXT
run() {
  want=$1 text=$2; shift 2
  "$@" >"$tmp/out" 2>&1
  st=$?
  if [ "$st" != "$want" ]; then bad "exit $st, wanted $want: $*"; head -c 600 "$tmp/out"; echo; return; fi
  if [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/out"; then
    bad "no '$text' from: $*"; head -c 600 "$tmp/out"; echo; return
  fi
  ok
}
q() { sqlite3 "$1" "$2"; }   # a direct look at the database

db=$tmp/cases.db
A='"assessed_on":"2026-11-02"'

# --- store ---------------------------------------------------------------
run 0 "store ready" "$cli" db init "$db"
[ "$(stat -c %a "$db")" = 600 ] && ok || bad "store is not owner-only: $(stat -c %a "$db")"
run 0 "store ready" "$cli" db init "$db"                       # idempotent
[ "$(q "$db" 'PRAGMA journal_mode')" = wal ] && ok || bad "not WAL"
[ "$(q "$db" 'PRAGMA user_version')" = 2 ] && ok || bad "schema version"

# --- import ----------------------------------------------------------------
"$gen" 300 >"$tmp/cases.jsonl"
run 0 '"imported":300' "$cli" db import "$db" "$tmp/cases.jsonl"
run 0 '"unchanged":300' "$cli" db import "$db" "$tmp/cases.jsonl"
# one case changes: a new version, the old one kept
sed '1s/"assessed_on":"2026-11-02"/"assessed_on":"2026-11-03"/' "$tmp/cases.jsonl" >"$tmp/changed.jsonl"
run 0 '"updated":1' "$cli" db import "$db" "$tmp/changed.jsonl"
[ "$(q "$db" "SELECT count(*) FROM case_versions WHERE case_id = 'C0000000'")" = 2 ] && ok || bad "history not kept"
# a JSON document holding a list of cases, and one holding one case
printf '[{"id":"J1",%s},{"id":"J2",%s,"child":{"dob":"2026-02-30"}}]' "$A" "$A" >"$tmp/list.json"
run 1 '"path":"child.dob"' "$cli" db import "$db" "$tmp/list.json"
grep -qF '"record":2' "$tmp/out" && grep -qF '"imported":1' "$tmp/out" && ok || bad "list import: $(cat "$tmp/out")"
# duplicate ids in one import: the first is stored, the second reported
printf '{"id":"D1",%s}\n{"id":"D1",%s,"child":{"dob":"2020-01-01"}}\n' "$A" "$A" >"$tmp/dup.jsonl"
run 1 'duplicate case id in this import (first at record 1)' "$cli" db import "$db" "$tmp/dup.jsonl"
grep -qF '"line":2' "$tmp/out" && ok || bad "duplicate: no line number"
# a record without an id, and a malformed line, among good ones
printf '{"id":"G1",%s}\n{%s}\n{"id": \n{"id":"G2",%s}\n' "$A" "$A" "$A" >"$tmp/mixed.jsonl"
run 1 '"imported":2' "$cli" db import "$db" "$tmp/mixed.jsonl"
grep -qF 'needs a string id' "$tmp/out" && grep -qF '"line":3' "$tmp/out" && ok || bad "mixed import: $(cat "$tmp/out")"
# --strict: any bad record, nothing written
before=$(q "$db" 'SELECT count(*) FROM cases')
printf '{"id":"S1",%s}\n{"id":"S2","assessed_on":"nope"}\n' "$A" >"$tmp/strict.jsonl"
run 1 '"written":false' "$cli" db import "$db" "$tmp/strict.jsonl" --strict
[ "$(q "$db" 'SELECT count(*) FROM cases')" = "$before" ] && ok || bad "strict import wrote cases"
# read as it comes: from standard input, with CRLF endings and no final
# newline; an input that cannot be opened or read is named, and nothing
# is imported
printf '{"id":"P1",%s}\r\n{"id":"P2",%s}' "$A" "$A" >"$tmp/crlf.jsonl"
run 0 '"imported":2' "$cli" db import "$db" - <"$tmp/crlf.jsonl"
run 2 "db import: $tmp/absent.jsonl: No such file or directory" "$cli" db import "$db" "$tmp/absent.jsonl"
before=$(q "$db" 'SELECT count(*) FROM cases')
mkdir -p "$tmp/dir.jsonl"
run 2 'the input could not be read; nothing was imported' "$cli" db import "$db" "$tmp/dir.jsonl"
[ "$(q "$db" 'SELECT count(*) FROM cases')" = "$before" ] && ok || bad "unreadable input wrote cases"

# --- CSV -------------------------------------------------------------------
cat >"$tmp/cases.csv" <<'EOF'
id,assessed_on,child.dob,concerns.1.subtype,concerns.1.frequency,concerns.1.impact,household.dangerous_adults_access
CSV1,2026-11-02,2019-05-01,nutritional,persistent,impairing_health_or_development,no
CSV2,2026-11-02,2020-01-01,,,,yes
"CSV3",2026-11-02,2018-03-03,"physical","frequent","some",false
EOF
run 0 '"imported":3' "$cli" db import "$db" "$tmp/cases.csv"
[ "$(q "$db" "SELECT json_extract(d.doc, '\$.concerns[0].subtype') FROM cases c JOIN case_docs d ON d.hash = c.hash WHERE c.id = 'CSV1'")" = nutritional ] && ok || bad "CSV paths"
printf 'id,assessed_on,child.dob\nR1,2026-11-02,2019-01-01\nR2,2026-11-02\nR3,2026-11-02,2019-01-01\n' >"$tmp/ragged.csv"
run 1 'the row has 2 cells; the header has 3' "$cli" db import "$db" "$tmp/ragged.csv"
grep -qF '"line":3' "$tmp/out" && grep -qF '"imported":2' "$tmp/out" && ok || bad "ragged row: $(cat "$tmp/out")"
printf 'id,assessed_on,chlid.dob\nU1,2026-11-02,2019-01-01\n' >"$tmp/unknown.csv"
run 1 "column 3 'chlid.dob' is not a field of the case schema (did you mean 'child'?)" "$cli" db import "$db" "$tmp/unknown.csv"
# a field named by two columns: the later cell would silently win; refused
before=$(q "$db" 'SELECT count(*) FROM cases')
printf 'id,assessed_on,child.dob,child.dob\nD1,2026-11-02,2019-01-01,2020-01-01\n' >"$tmp/dup.csv"
run 1 "column 4 'child.dob' names the same field as column 3" "$cli" db import "$db" "$tmp/dup.csv"
printf 'id,assessed_on,concerns.1.subtype,concerns.01.subtype\nD2,2026-11-02,physical,medical\n' >"$tmp/dup0.csv"
run 1 "column 4 'concerns.01.subtype' names the same field as column 3" "$cli" db import "$db" "$tmp/dup0.csv"
[ "$(q "$db" 'SELECT count(*) FROM cases')" = "$before" ] && ok || bad "a duplicate column imported cases"
printf 'id,assessed_on,school.attendance_pct\nN1,2026-11-02,ninety\n' >"$tmp/badnum.csv"
run 1 'expected a number' "$cli" db import "$db" "$tmp/badnum.csv"

# --- evaluation, log, decisions ---------------------------------------------
total=$(q "$db" 'SELECT count(*) FROM cases')
run 0 "\"evaluated\":$total" "$cli" db eval "$db" -r core
run 0 '"evaluated":0' "$cli" db eval "$db" -r core --changed
sed '2s/"assessed_on":"2026-11-02"/"assessed_on":"2026-11-04"/' "$tmp/changed.jsonl" >"$tmp/changed2.jsonl"
"$cli" db import "$db" "$tmp/changed2.jsonl" >/dev/null
run 0 '"evaluated":1' "$cli" db eval "$db" -r core --changed
run 0 '"ok":true' "$cli" db verify "$db"
run 0 '"agree":true' "$cli" db decide "$db" C0000005 --agree --by SW-1
run 0 '"type":"discretionary"' "$cli" db decide "$db" C0000006 --level child_protection --reason "Disclosure today" --by SW-1
run 2 'needs a reason' "$cli" db decide "$db" C0000007 --level child_protection --by SW-1
run 2 "unknown level 'level_9'" "$cli" db decide "$db" C0000007 --level level_9 --reason x --by SW-1
run 2 'has no evaluation' "$cli" db decide "$db" NOPE --agree --by SW-1
run 0 '"ok":true' "$cli" db verify "$db"
run 0 '"different":[]' "$cli" db replay "$db"
entries=$(q "$db" 'SELECT count(*) FROM log')
[ "$(q "$db" 'SELECT count(*) FROM evaluations') " = "$(q "$db" "SELECT count(*) FROM log WHERE kind = 'evaluation'") " ] && ok || bad "evaluations and log disagree"
# the log refuses updates and deletes
sqlite3 "$db" "UPDATE log SET body = '{}' WHERE seq = 1" 2>"$tmp/err"; grep -qF 'append-only' "$tmp/err" && ok || bad "log update allowed"

# --- reports and diff --------------------------------------------------------
run 0 'pathways' "$cli" db report "$db"
run 0 '"overrides_by_rule"' "$cli" db report "$db" --format json
run 0 'section,pathway,local_level,status,cases' "$cli" db report "$db" --format csv
grep -q '^overrides_by_level,' "$tmp/out" && ok || bad "report csv: overrides"
run 0 'from \ to' "$cli" db diff "$db" -r core -r staffordshire
run 0 '"matrix"' "$cli" db diff "$db" -r core -r staffordshire --format json
[ "$(q "$db" 'SELECT count(*) FROM log')" = "$entries" ] && ok || bad "diff touched the log"

# --- tampering: verify names the entry ----------------------------------------
cp "$db" "$tmp/t1.db"
sqlite3 "$tmp/t1.db" "DROP TRIGGER log_no_update; UPDATE log SET body = json_set(body, '\$.local_level', 'forged') WHERE seq = 7"
run 1 '{"entry":7,"problem":"its content was changed' "$cli" db verify "$tmp/t1.db"
cp "$db" "$tmp/t2.db"
sqlite3 "$tmp/t2.db" "DROP TRIGGER log_no_delete; DELETE FROM log WHERE seq = 9"
run 1 '"entry":9,"problem":"entries 9 to 9 are missing (deleted)"' "$cli" db verify "$tmp/t2.db"
cp "$db" "$tmp/t3.db"
sqlite3 "$tmp/t3.db" "DROP TRIGGER IF EXISTS log_no_delete; DROP TRIGGER IF EXISTS log_no_update; CREATE TABLE l2 AS SELECT * FROM log; DELETE FROM log WHERE seq >= 12; INSERT INTO log SELECT seq + 1, kind, case_id, body, prev, hash FROM l2 WHERE seq >= 12; INSERT INTO log VALUES (12, 'decision', NULL, '{\"forged\":true}', (SELECT hash FROM log WHERE seq = 11), '00')"
run 1 '"entry":12,"problem":"its content was changed' "$cli" db verify "$tmp/t3.db"
grep -qF '"entry":13,"problem":"does not follow the entry before it' "$tmp/out" && ok || bad "inserted entry not found"
# a stored case changed behind the store's back: replay says which
cp "$db" "$tmp/t4.db"
sqlite3 "$tmp/t4.db" "UPDATE case_docs SET doc = json_set(doc, '\$.household.home_conditions', 'dangerous') WHERE hash = (SELECT hash FROM cases WHERE id = 'C0000010')"
run 1 '"case":"C0000010"' "$cli" db replay "$tmp/t4.db"

# --- faults --------------------------------------------------------------------
head -c 8192 /dev/urandom >"$tmp/random.db"
run 2 'not a threshold case store' "$cli" db eval "$tmp/random.db" -r core
sqlite3 "$tmp/foreign.db" 'CREATE TABLE t(x)'
run 2 'an SQLite database, but not a threshold case store' "$cli" db report "$tmp/foreign.db"
cp "$db" "$tmp/newer.db"; sqlite3 "$tmp/newer.db" 'PRAGMA user_version = 7'
run 2 'written by a newer threshold (store schema 7; this one reads up to 2)' "$cli" db eval "$tmp/newer.db" -r core
run 2 'no such case store (create it with: threshold db init' "$cli" db eval "$tmp/absent.db" -r core
# read-only: the file belongs to root and the command runs as nobody
cp "$db" "$tmp/ro.db"; chmod 644 "$tmp/ro.db"; chmod 755 "$tmp"
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
  run 2 'read-only' setpriv --reuid=65534 --regid=65534 --clear-groups "$cli" db eval "$tmp/ro.db" -r core
else
  chmod 444 "$tmp/ro.db"
  run 2 'read-only' "$cli" db eval "$tmp/ro.db" -r core
fi
# a full disk: a small tmpfs (or, where mounting is not allowed, a file-size limit)
mkdir -p "$tmp/small"
if mount -t tmpfs -o size=200k tmpfs "$tmp/small" 2>/dev/null; then
  mounted="$tmp/small"
  "$cli" db init "$tmp/small/full.db" >/dev/null
  run 2 'no space left for the store; nothing was written' "$cli" db import "$tmp/small/full.db" "$tmp/cases.jsonl"
  [ "$(q "$tmp/small/full.db" 'SELECT count(*) FROM cases')" = 0 ] && ok || bad "full disk: partial import"
  umount "$tmp/small"; mounted=""
else
  "$cli" db init "$tmp/full.db" >/dev/null
  ( ulimit -f 100; trap '' XFSZ; "$cli" db import "$tmp/full.db" "$tmp/cases.jsonl" ) >"$tmp/out" 2>&1
  [ $? = 2 ] && ok || bad "file-size limit: import did not fail"
  [ "$(q "$tmp/full.db" 'SELECT count(*) FROM cases')" = 0 ] && ok || bad "file-size limit: partial import"
fi
# a lock held by another process
( printf 'BEGIN IMMEDIATE;\nINSERT INTO case_docs VALUES ("lock", "{}");\n'; sleep 4; printf 'ROLLBACK;\n' ) | sqlite3 "$db" &
lockpid=$!
sleep 1
run 2 'another process is using the store' "$cli" db eval "$db" -r core
wait $lockpid

# --- kill -9 during import and during evaluation ---------------------------------
"$gen" 20000 >"$tmp/big.jsonl"
"$cli" db init "$tmp/k.db" >/dev/null
"$cli" db import "$tmp/k.db" "$tmp/big.jsonl" >/dev/null 2>&1 &
kpid=$!; sleep 0.5; kill -9 $kpid 2>/dev/null; wait $kpid 2>/dev/null
n=$(q "$tmp/k.db" 'SELECT count(*) FROM cases')
[ "$n" = 0 ] || [ "$n" = 20000 ] && ok || bad "kill -9 during import left $n cases (all or nothing)"
[ "$(q "$tmp/k.db" 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity after killed import"
"$cli" db import "$tmp/k.db" "$tmp/big.jsonl" >/dev/null 2>&1
"$cli" db eval "$tmp/k.db" -r core >/dev/null 2>&1 &
kpid=$!; sleep 1.5; kill -9 $kpid 2>/dev/null; wait $kpid 2>/dev/null
done1=$(q "$tmp/k.db" 'SELECT count(*) FROM evaluations')
logged=$(q "$tmp/k.db" "SELECT count(*) FROM log WHERE kind = 'evaluation'")
[ "$done1" = "$logged" ] && ok || bad "kill -9 during eval: $done1 evaluations, $logged log entries"
[ $((done1 % 500)) = 0 ] || [ "$done1" = 20000 ] && ok || bad "kill -9 during eval: a partial batch ($done1) was kept"
run 0 '"ok":true' "$cli" db verify "$tmp/k.db"
run 0 "\"evaluated\":$((20000 - done1))" "$cli" db eval "$tmp/k.db" -r core --changed
[ "$(q "$tmp/k.db" "SELECT count(DISTINCT case_id) FROM evaluations")" = 20000 ] && ok || bad "rerun did not finish the caseload"
run 0 '"ok":true' "$cli" db verify "$tmp/k.db"

echo "store: $pass passed, $fail failed"
[ "$fail" = 0 ]
