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
# an existing world-readable file is made owner-only; a symbolic link is
# refused, and what it points at is left as it was
: >"$tmp/open.db"; chmod 644 "$tmp/open.db"
run 0 "store ready" "$cli" db init "$tmp/open.db"
[ "$(stat -c %a "$tmp/open.db")" = 600 ] && ok || bad "init left a store readable by others: $(stat -c %a "$tmp/open.db")"
: >"$tmp/target.db"; chmod 644 "$tmp/target.db"; ln -s "$tmp/target.db" "$tmp/link.db"
run 2 'is a symbolic link' "$cli" db init "$tmp/link.db"
[ "$(stat -c %a "$tmp/target.db")" = 644 ] && [ ! -s "$tmp/target.db" ] && ok || bad "init wrote through a link"
ln -s "$db" "$tmp/link2.db"
run 2 'is a symbolic link' "$cli" db report "$tmp/link2.db"
[ "$(q "$db" 'PRAGMA journal_mode')" = wal ] && ok || bad "not WAL"
[ "$(q "$db" 'PRAGMA user_version')" = 4 ] && ok || bad "schema version"

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
# a header's path is quoted whole in its message, however long
longcol=child.$(printf 'x%.0s' $(seq 600))
printf 'id,assessed_on,%s\nW1,2026-11-02,1\n' "$longcol" >"$tmp/longcol.csv"
run 1 "column 3 '$longcol' is not a field of the case schema" "$cli" db import "$db" "$tmp/longcol.csv"
longpos=concerns.$(printf '0%.0s' $(seq 600))1.subtype
printf 'id,assessed_on,concerns.1.subtype,%s\nW2,2026-11-02,physical,medical\n' "$longpos" >"$tmp/longdup.csv"
run 1 "column 4 '$longpos' names the same field as column 3" "$cli" db import "$db" "$tmp/longdup.csv"
printf 'id,assessed_on,school.attendance_pct\nN1,2026-11-02,ninety\n' >"$tmp/badnum.csv"
run 1 'expected a number' "$cli" db import "$db" "$tmp/badnum.csv"

# Over-long input is refused before it is held: a 160 MB line, a CSV header
# naming list position 30,000,000, a 160 MB CSV cell. The peak memory of
# each import stays far below the input (the limit of one case is 1 MiB).
peak() { /usr/bin/time -f %M -o "$tmp/peak" "$@" >"$tmp/out" 2>&1; echo $? >"$tmp/st"; tail -n 1 "$tmp/peak" >"$tmp/peak.kb"; mv "$tmp/peak.kb" "$tmp/peak"; }
{ printf '{"id":"L1",%s,"x":"' "$A"; head -c 160000000 /dev/zero | tr '\0' a; printf '"}\n{"id":"L2",%s}\n' "$A"; } >"$tmp/long.jsonl"
peak "$cli" db import "$db" "$tmp/long.jsonl"
[ "$(cat "$tmp/st")" = 1 ] && grep -qF 'longer than the limit of one case' "$tmp/out" && grep -qF '"imported":1' "$tmp/out" && ok || bad "long line: $(head -c 300 "$tmp/out")"
[ "$(cat "$tmp/peak")" -lt 120000 ] && ok || bad "long line: peak $(cat "$tmp/peak") KB"
printf 'id,assessed_on,concerns.30000000.subtype\nH1,2026-11-02,physical\n' >"$tmp/far.csv"
peak "$cli" db import "$db" "$tmp/far.csv"
grep -qF 'column 3 names list position 30000000, past the limit of' "$tmp/out" && ok || bad "far position: $(head -c 300 "$tmp/out")"
[ "$(cat "$tmp/peak")" -lt 120000 ] && ok || bad "far position: peak $(cat "$tmp/peak") KB"
{ printf 'id,assessed_on\nB1,2026-11-02\nB2,"'; head -c 160000000 /dev/zero | tr '\0' a; printf '"\nB3,2026-11-02\n'; } >"$tmp/long.csv"
peak "$cli" db import "$db" "$tmp/long.csv"
grep -qF 'CSV: row 3 is longer than the limit of one case' "$tmp/out" && grep -qF '"imported":1' "$tmp/out" && ok || bad "long cell: $(head -c 300 "$tmp/out")"
[ "$(cat "$tmp/peak")" -lt 120000 ] && ok || bad "long cell: peak $(cat "$tmp/peak") KB"
rm -f "$tmp/long.jsonl" "$tmp/long.csv"

# --- evaluation, log, decisions ---------------------------------------------
total=$(q "$db" 'SELECT count(*) FROM cases')
run 0 "\"evaluated\":$total" "$cli" db eval "$db" -r core
run 0 '"evaluated":0' "$cli" db eval "$db" -r core --changed
sed '2s/"assessed_on":"2026-11-02"/"assessed_on":"2026-11-04"/' "$tmp/changed.jsonl" >"$tmp/changed2.jsonl"
"$cli" db import "$db" "$tmp/changed2.jsonl" >/dev/null
run 0 '"evaluated":1' "$cli" db eval "$db" -r core --changed
run 0 '"ok":true' "$cli" db verify "$db"
run 0 '"agree":true' "$cli" db decide "$db" C0000005 --agree --by SW-1
run 0 '"type":"discretionary"' "$cli" db decide "$db" C0000006 --level child_protection --type discretionary --reason "Disclosure today" --by SW-1 --approver TM-1
grep -qF '"approver":"TM-1"' "$tmp/out" && ok || bad "decide: approver not logged"
run 0 '"type":"policy"' "$cli" db decide "$db" C0000008 --level child_in_need --type policy --reason "Local policy: every disabled child is assessed" --by SW-1
run 2 'needs a reason' "$cli" db decide "$db" C0000007 --level child_protection --type policy --by SW-1
run 2 "unknown level 'level_9'" "$cli" db decide "$db" C0000007 --level level_9 --type policy --reason x --by SW-1
# what a decision must say: blank reasons and names, a type, an approver
# who is someone else; never on an evaluation without a suggestion
run 2 'needs a reason' "$cli" db decide "$db" C0000007 --level child_protection --type policy --reason "   " --by SW-1
run 2 'who decides' "$cli" db decide "$db" C0000007 --agree --by " "
run 2 "type is policy" "$cli" db decide "$db" C0000007 --level child_protection --reason x --by SW-1
run 2 "type is policy" "$cli" db decide "$db" C0000007 --level child_protection --type whim --reason x --by SW-1
run 2 'needs who approved it' "$cli" db decide "$db" C0000007 --level child_protection --type discretionary --reason x --by SW-1
run 2 'someone other than who decides' "$cli" db decide "$db" C0000007 --level child_protection --type discretionary --reason x --by SW-1 --approver SW-1
run 2 'takes no type, reason or approver' "$cli" db decide "$db" C0000007 --agree --reason x --by SW-1
cp "$db" "$tmp/inv.db"          # a case that no longer checks (edited in place)
printf '{"id":"INV1",%s,"child":{"dob":"2020-01-01"}}\n' "$A" >"$tmp/inv.jsonl"
"$cli" db import "$tmp/inv.db" "$tmp/inv.jsonl" >/dev/null
sqlite3 "$tmp/inv.db" "UPDATE case_docs SET doc = json_set(doc, '\$.child.dob', 'not a date') WHERE hash = (SELECT hash FROM cases WHERE id = 'INV1')"
"$cli" db eval "$tmp/inv.db" -r core --changed >/dev/null
run 2 'has no suggestion' "$cli" db decide "$tmp/inv.db" INV1 --agree --by SW-1
run 0 '"overrides_by_type"' "$cli" db report "$db" --format json
grep -qF '{"type":"discretionary","overrides":1' "$tmp/out" && grep -qF '{"type":"policy","overrides":1' "$tmp/out" && ok || bad "report: overrides by type"
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
run 1 'the stored case document does not match its hash' "$cli" db verify "$tmp/t4.db"

# --- tamper evidence: every column the reports read is checked ----------------
# tamper COPY SQL WANT: edit a copy of the store; verify must fail naming WANT
tamper() {
  cp "$db" "$tmp/$1.db"; sqlite3 "$tmp/$1.db" "$2"
  run 1 "$3" "$cli" db verify "$tmp/$1.db"
}
ev=$(q "$db" "SELECT max(id) FROM evaluations WHERE case_id = 'C0000006'")
tamper e1 "UPDATE evaluations SET pathway = 'universal' WHERE id = $ev" "differs from its log entry in 'pathway'"
tamper e2 "UPDATE evaluations SET local_level = 'universal', status = 'complete' WHERE id = $ev" "differs from its log entry in 'local_level'"
tamper e3 "UPDATE evaluations SET result = json_set(result, '\$.suggestion.pathway', 'universal') WHERE id = $ev" "stored result is not the one logged"
tamper e4 "DELETE FROM evaluations WHERE id = (SELECT max(id) FROM evaluations WHERE case_id = 'C0000009')" "has no evaluation row (the row was deleted)"
tamper e5 "UPDATE evaluations SET case_id = 'C0000001' WHERE id = $ev" "differs from its log entry in 'case'"
tamper d1 "UPDATE decisions SET level = 'universal' WHERE case_id = 'C0000006'" "differs from its log entry in 'level'"
tamper d2 "UPDATE decisions SET type = 'policy', approver = NULL WHERE case_id = 'C0000006'" "differs from its log entry in 'type'"
tamper d3 "DELETE FROM decisions WHERE case_id = 'C0000005'" "has no decision row (the row was deleted)"
tamper d4 "UPDATE decisions SET evaluation_id = (SELECT min(id) FROM evaluations) WHERE case_id = 'C0000006'" "differs from its log entry in 'evaluation_seq'"
tamper d5 "INSERT INTO decisions(evaluation_id, case_id, agree, level, reason, decided_by, decided_at, log_seq, type) SELECT evaluation_id, case_id, 0, 'universal', 'x', 'X', decided_at, 1, 'policy' FROM decisions LIMIT 1" "the decision row has no log entry"
tamper l1 "DROP TRIGGER log_no_update; UPDATE log SET kind = 'decision' WHERE seq = 3" "its kind column differs from its body's kind"
tamper l2 "DROP TRIGGER log_no_update; UPDATE log SET case_id = 'C0000099' WHERE seq = 3" "its case column differs from its body's case"
tamper r1 "UPDATE rulesets SET sources = replace(sources, 'child_protection', 'child_in_need')" "the stored sources do not load to this rule set"

# --- tamper evidence outside the file: signed checkpoints and a kept head ----
run 0 'signing key:' "$cli" db keygen "$tmp/sign.key"
[ "$(stat -c %a "$tmp/sign.key")" = 600 ] && ok || bad "signing key is not owner-only"
run 2 'a key is never overwritten' "$cli" db keygen "$tmp/sign.key"
run 0 '"kind":"checkpoint"' "$cli" db checkpoint "$db" --key "$tmp/sign.key"
run 0 '"signed_to":' "$cli" db verify "$db" --key "$tmp/sign.key.pub"
grep -qF '"unsigned_entries":1' "$tmp/out" && ok || bad "verify --key: unsigned entries"
run 1 'no checkpoint signed with this key' "$cli" db verify "$db" --key "$(printf '%064d' 7)"
printf '%063dx\n' 7 >"$tmp/bad.pub"
run 2 'not a public key (64 hex digits' "$cli" db verify "$db" --key "$tmp/bad.pub"
cp "$tmp/sign.key" "$tmp/open.key"; chmod 644 "$tmp/open.key"
run 2 'readable by others' "$cli" db checkpoint "$db" --key "$tmp/open.key"
cp "$tmp/sign.key.pub" "$tmp/pub-as-secret"; chmod 600 "$tmp/pub-as-secret"
run 2 'not a signing key' "$cli" db checkpoint "$db" --key "$tmp/pub-as-secret"
"$cli" db head "$db" >"$tmp/head.json"
kept=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["head"])' "$tmp/head.json")
run 0 '"ok":true' "$cli" db verify "$db" --head "$kept"
run 2 'a head is SEQ:HASH' "$cli" db verify "$db" --head "12:nothex"
# a forged signature
cp "$db" "$tmp/c1.db"
sqlite3 "$tmp/c1.db" "DROP TRIGGER log_no_update; UPDATE log SET body = json_set(body, '\$.signature', substr('00000000' || json_extract(body, '\$.signature'), 1, 128)) WHERE kind = 'checkpoint'"
run 1 'whose signature does not verify with this key' "$cli" db verify "$tmp/c1.db" --key "$tmp/sign.key.pub"
# the whole chain rebuilt after an edit: the file alone cannot show it,
# the key and the kept head can
cp "$db" "$tmp/c2.db"
python3 - "$tmp/c2.db" <<'PY'
import hashlib, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("DROP TRIGGER log_no_update; DROP TRIGGER log_no_delete")
db.execute("DELETE FROM log WHERE kind = 'checkpoint'")
seq, body = db.execute("SELECT l.seq, l.body FROM log l JOIN evaluations v ON v.log_seq = l.seq"
                       " WHERE v.case_id = 'C0000006' ORDER BY l.seq DESC LIMIT 1").fetchone()
b = json.loads(body); b["pathway"] = "universal"; b["local_level"] = "universal"
db.execute("UPDATE log SET body = ? WHERE seq = ?", (json.dumps(b, sort_keys=True, separators=(",", ":")), seq))
db.execute("UPDATE evaluations SET pathway = 'universal', local_level = 'universal' WHERE log_seq = ?", (seq,))
prev = "0" * 64
for s, body in db.execute("SELECT seq, body FROM log ORDER BY seq").fetchall():
    h = hashlib.sha256((prev + "\n" + body).encode()).hexdigest()
    db.execute("UPDATE log SET prev = ?, hash = ? WHERE seq = ?", (prev, h, s))
    prev = h
db.commit()
PY
run 0 '"ok":true' "$cli" db verify "$tmp/c2.db"
run 1 'no checkpoint signed with this key' "$cli" db verify "$tmp/c2.db" --key "$tmp/sign.key.pub"
run 1 'the head kept outside the store is not in the log' "$cli" db verify "$tmp/c2.db" --head "$kept"

# --- a schema-2 store is brought up to date: its overrides were logged as
# discretionary, and verify still holds ------------------------------------
cp "$db" "$tmp/v2.db"
sqlite3 "$tmp/v2.db" "ALTER TABLE decisions DROP COLUMN type; ALTER TABLE decisions DROP COLUMN approver; PRAGMA user_version = 2"
run 0 '"agree":true' "$cli" db decide "$tmp/v2.db" C0000011 --agree --by SW-1
[ "$(q "$tmp/v2.db" 'PRAGMA user_version')" = 4 ] && ok || bad "schema 2 not upgraded"
[ "$(q "$tmp/v2.db" "SELECT type FROM decisions WHERE case_id = 'C0000006'")" = discretionary ] && ok || bad "upgraded override type"

# --- a schema-3 store, its rule sets without a rowid, is rebuilt with one:
# the same rows, every reference to them still holds, and verify still does
cp "$db" "$tmp/v3.db"
sqlite3 "$tmp/v3.db" "PRAGMA foreign_keys = OFF; BEGIN;
  CREATE TABLE r3 (hash TEXT PRIMARY KEY, id TEXT NOT NULL, version TEXT NOT NULL,
    sources TEXT NOT NULL) WITHOUT ROWID;
  INSERT INTO r3 SELECT hash, id, version, sources FROM rulesets;
  DROP TABLE rulesets; ALTER TABLE r3 RENAME TO rulesets; PRAGMA user_version = 3; COMMIT"
rows() { q "$1" "SELECT hash, id, version, sources FROM rulesets ORDER BY hash" | sha256sum; }
before=$(rows "$tmp/v3.db")
q "$tmp/v3.db" "SELECT sql FROM sqlite_schema WHERE name = 'rulesets'" | grep -q 'WITHOUT ROWID' && ok || bad "the schema-3 fixture has rule sets with a rowid"
run 0 '"evaluated":' "$cli" db eval "$tmp/v3.db" -r core --changed
[ "$(q "$tmp/v3.db" 'PRAGMA user_version')" = 4 ] && ok || bad "schema 3 not upgraded"
q "$tmp/v3.db" "SELECT sql FROM sqlite_schema WHERE name = 'rulesets'" | grep -q 'WITHOUT ROWID' && bad "rule sets still without a rowid" || ok
[ "$(rows "$tmp/v3.db")" = "$before" ] && ok || bad "rule sets changed by the upgrade"
[ -z "$(q "$tmp/v3.db" 'PRAGMA foreign_key_check')" ] && ok || bad "a reference broken by the upgrade"
run 0 '"ok":true' "$cli" db verify "$tmp/v3.db"

# --- faults --------------------------------------------------------------------
head -c 8192 /dev/urandom >"$tmp/random.db"
run 2 'not a threshold case store' "$cli" db eval "$tmp/random.db" -r core
sqlite3 "$tmp/foreign.db" 'CREATE TABLE t(x)'
run 2 'an SQLite database, but not a threshold case store' "$cli" db report "$tmp/foreign.db"
cp "$db" "$tmp/newer.db"; sqlite3 "$tmp/newer.db" 'PRAGMA user_version = 7'
run 2 'written by a newer threshold (store schema 7; this one reads up to 4)' "$cli" db eval "$tmp/newer.db" -r core
run 2 'no such case store (create it with: threshold db init' "$cli" db eval "$tmp/absent.db" -r core
# read-only: the file belongs to root and the command runs as nobody
cp "$db" "$tmp/ro.db"; chmod 644 "$tmp/ro.db"; chmod 755 "$tmp"
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
  run 2 'read-only' setpriv --reuid=65534 --regid=65534 --clear-groups "$cli" db eval "$tmp/ro.db" -r core
else
  chmod 444 "$tmp/ro.db"
  run 2 'read-only' "$cli" db eval "$tmp/ro.db" -r core
fi
# a full disk: a small tmpfs, room for an empty store (16 KiB pages) and not
# for the import (or, where mounting is not allowed, a file-size limit)
mkdir -p "$tmp/small"
if mount -t tmpfs -o size=640k tmpfs "$tmp/small" 2>/dev/null; then
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
runs=$(q "$db" 'SELECT count(*) FROM runs')
run 2 'another process is using the store' "$cli" db eval "$db" -r staffordshire
wait $lockpid
# the run that could not begin left nothing: the report is still of the
# last run that evaluated the caseload
[ "$(q "$db" 'SELECT count(*) FROM runs')" = "$runs" ] && ok || bad "a run that could not begin was kept"
run 0 'rule set core' "$cli" db report "$db"
cp "$db" "$tmp/empty-run.db"      # an empty run, as an interrupted one left them
"$cli" db eval "$tmp/empty-run.db" -r staffordshire >/dev/null
sqlite3 "$tmp/empty-run.db" "DELETE FROM evaluations WHERE run_id = (SELECT max(id) FROM runs); INSERT INTO runs(ruleset_hash, engine, started_at, changed_only) SELECT ruleset_hash, engine, started_at, 0 FROM runs WHERE id = (SELECT max(id) FROM runs)"
run 0 'rule set core' "$cli" db report "$tmp/empty-run.db"

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
