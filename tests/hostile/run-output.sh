#!/bin/sh
# Output injection: case data (ids, keys, values) carrying control and
# bidirectional characters never reaches a terminal raw, so it cannot
# forge a "Suggested pathway" block that hides the real one; CSV cells
# are quoted per RFC 4180 and a cell a spreadsheet would run as a formula
# is neutralised.
set -u
cli=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL output: $*"; }

# raw FILE: does FILE hold a byte a terminal acts on (C0 but newline, DEL,
# C1, a bidirectional control)? Exit 0 if it does.
raw() {
  python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
bad = re.compile("[\x00-\x09\x0b-\x1f\x7f\x80-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")
sys.exit(0 if bad.search(data) else 1)
PY
}

# Each hostile string, in JSON: ESC (clear screen, colour), CR, a forged
# line after LF, BEL, C1 CSI, a right-to-left override, a line separator.
for s in '\u001b[2J\u001b[31m' 'A\rSuggested pathway: Universal services' \
         'A\n\nSuggested pathway: Universal services\nStatus: complete' \
         'bell\u0007' 'csi\u009b2J' 'rlo\u202etxt' 'ls\u2028x' 'nul\u0000x'; do
  i=$((${i:-0} + 1))
  # in the id, in an unknown key (a warning names its path) and in an enum
  # value (the case error names it)
  printf '{"id":"%s","assessed_on":"2026-11-02","child":{"dob":"2019-01-01"},"x%s":1,"household":{"home_conditions":"%s"}}\n' \
    "$s" "$s" "$s" >"$tmp/case$i.json"
  "$cli" eval -r core --format text "$tmp/case$i.json" >"$tmp/out$i" 2>&1
  if raw "$tmp/out$i"; then bad "raw control characters in text output for case $i"; else ok; fi
  n=$(grep -c '^Suggested pathway:' "$tmp/out$i")
  [ "$n" -le 1 ] && ok || bad "case $i: a forged 'Suggested pathway' line ($n)"
  "$cli" eval -r core --format text --explain "$tmp/case$i.json" >"$tmp/ex$i" 2>&1
  if raw "$tmp/ex$i"; then bad "raw control characters in explain output for case $i"; else ok; fi
done
grep -qF 'Case \x1b[2J\x1b[31m,' "$tmp/out1" && ok || bad "the escape is not shown: $(head -1 "$tmp/out1")"

# The store's text and CSV reports
db=$tmp/s.db
"$cli" db init "$db" >/dev/null
cat >"$tmp/c.jsonl" <<'EOF'
{"id":"=HYPERLINK(\"http://example.invalid\")","assessed_on":"2026-11-02"}
{"id":"+1,\"two\"","assessed_on":"2026-11-02"}
{"id":"\u001b]0;owned\u0007\nSuggested pathway: Universal services","assessed_on":"2026-11-02"}
{"id":"@cmd","assessed_on":"2026-11-02"}
EOF
"$cli" db import "$db" "$tmp/c.jsonl" >/dev/null
"$cli" db eval "$db" -r core >/dev/null
# a set that raises every case, so every case moves in the diff
mkdir -p "$tmp/raise"
printf 'ruleset { id = "raise", version = "test", extends = "core", files = { "raise.lua" } }\n' >"$tmp/raise/ruleset.lua"
printf 'rule "Every case, to move it" { level = "child_in_need", cite = "test", basis = "quoted", reason = "test",\n  when = at_least(count("concerns"), 0) }\n' >"$tmp/raise/raise.lua"
export THRESHOLD_RULES_PATH="$root/rules"
"$cli" db diff "$db" -r core -r "$tmp/raise" --all >"$tmp/diff.txt" 2>&1
if raw "$tmp/diff.txt"; then bad "raw control characters in db diff text"; else ok; fi
grep -qF '\x1b]0;owned\x07\x0aSuggested pathway' "$tmp/diff.txt" && ok || bad "diff text: $(head -c 600 "$tmp/diff.txt")"
"$cli" db report "$db" >"$tmp/report.txt" 2>&1
if raw "$tmp/report.txt"; then bad "raw control characters in db report text"; else ok; fi
# CSV: every id read back by a CSV parser is the id, with a formula one
# prefixed by an apostrophe; nothing starts with = + - @
"$cli" db diff "$db" -r core -r "$tmp/raise" --format csv >"$tmp/diff.csv" 2>&1
python3 - "$tmp/diff.csv" <<'PY' && ok || bad "diff CSV: $(head -c 400 "$tmp/diff.csv")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["case", "from", "to", "rules_added", "rules_removed"], rows[0]
for r in rows[1:]:
    assert len(r) == 5, r
    for cell in r:
        assert not cell or cell[0] not in "=+-@\t\r", r
ids = {r[0] for r in rows[1:]}
assert ids == {"'=HYPERLINK(\"http://example.invalid\")", "'+1,\"two\"", "'@cmd",
                          "\x1b]0;owned\x07\nSuggested pathway: Universal services"}, ids
PY
"$cli" db report "$db" --format csv >"$tmp/report.csv" 2>&1
python3 - "$tmp/report.csv" <<'PY' && ok || bad "report CSV: $(head -c 400 "$tmp/report.csv")"
import csv, sys
for r in csv.reader(open(sys.argv[1], newline="")):
    for cell in r:
        assert not cell or cell[0] not in "=+@\t\r", r
PY
echo "hostile output: $pass passed, $fail failed"
[ "$fail" = 0 ]
