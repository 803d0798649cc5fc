#!/bin/sh
# The SQLite extension in the sqlite3 shell, over the cases of a store that
# `db eval` evaluated: threshold_pathway and threshold_eval must agree with
# the store's evaluations case by case; bad input is an SQL error with the
# library's message.
#   tests/sqlite/run.sh CLI GEN_CASELOAD EXTENSION
set -u
cli=$1 gen=$2 ext=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
db=$tmp/cases.db
n=500

"$gen" $n >"$tmp/caseload.jsonl"
"$cli" db init "$db" >/dev/null
"$cli" db import "$db" "$tmp/caseload.jsonl" >/dev/null
"$cli" db eval "$db" -r core >/dev/null
# The pretty-printed example cases too, in a plain table of documents.
q() { sqlite3 -bail -cmd ".load $ext" "$db" "$@"; }

cases="FROM cases c JOIN case_docs d ON d.hash = c.hash JOIN evaluations e ON e.case_id = c.id"
[ "$(q "SELECT count(*) $cases")" = $n ] && ok || bad "the store has $n evaluated cases"
got=$(q "SELECT count(*) $cases WHERE threshold_pathway(d.doc) IS NOT e.pathway")
[ "$got" = 0 ] && ok || bad "threshold_pathway disagrees with db eval on $got cases"
got=$(q "WITH x AS (SELECT e.status, e.local_level, e.ruleset_hash,
                           threshold_eval(d.doc) AS r $cases)
         SELECT count(*) FROM x
         WHERE json_extract(r, '\$.status') IS NOT status
            OR json_extract(r, '\$.suggestion.local_level') IS NOT local_level
            OR json_extract(r, '\$.ruleset.hash') IS NOT ruleset_hash")
[ "$got" = 0 ] && ok || bad "threshold_eval disagrees with db eval on $got cases"
# Every pathway occurs, so agreement is not agreement on one answer.
[ "$(q "SELECT count(DISTINCT threshold_pathway(d.doc, 'core')) $cases")" -ge 3 ] && ok ||
  bad "fewer than three pathways in the caseload"

# A plain table of documents, with the rule set by name.
q "CREATE TABLE docs (doc TEXT);
   INSERT INTO docs VALUES ('{\"id\":\"A\",\"assessed_on\":\"2026-01-01\"}'), (NULL),
     ('{\"id\":5,\"assessed_on\":\"2026-01-01\"}')"
[ "$(q "SELECT quote(threshold_pathway(doc, 'peterborough')) FROM docs" | tr '\n' ' ')" = "'universal' NULL NULL " ] &&
  ok || bad "pathways of a plain table (an invalid case is NULL)"
[ "$(q "SELECT json_extract(threshold_eval(doc), '\$.status') FROM docs WHERE rowid = 3")" = invalid ] &&
  ok || bad "an invalid case's result"

# Errors are SQL errors with the message.
q "SELECT threshold_eval('{\"id\": ')" >"$tmp/out" 2>&1 && bad "malformed JSON was not an error" ||
  { grep -q 'malformed JSON: line 1, column' "$tmp/out" && ok || bad "malformed: $(cat "$tmp/out")"; }
q "SELECT threshold_pathway('{}', 'no-such-set')" >"$tmp/out" 2>&1 && bad "unknown set was not an error" ||
  { grep -q "no rule set 'no-such-set'" "$tmp/out" && ok || bad "unknown set: $(cat "$tmp/out")"; }

echo "sqlite: $pass passed, $fail failed"
[ "$fail" = 0 ]
