#!/bin/sh
# tests/check/run.sh THRESHOLD -- `threshold check`: every defect planted in
# tests/check/planted is found at its file and line with its kind (each
# marked by a `-- check: KIND ...` comment), no other finding is made there
# apart from coverage gaps, a set that does not load exits 2 naming the
# place, the JSON report has the same findings, and every shipped rule set
# is clean.
set -eu
T=${1:-build/threshold}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
export THRESHOLD_RULES_PATH=rules

rc=0
"$T" check "$here/planted" > "$tmp/out" 2> "$tmp/err" || rc=$?
[ "$rc" = 1 ] || { echo "check-test: planted set: exit $rc, expected 1"; cat "$tmp/err"; fail=1; }

# Expected: FILE:LINE KIND for each marker.
for f in "$here"/planted/*.lua; do
  b=$(basename "$f")
  awk -v file="planted/$b" '
    /-- check: / { s = $0; sub(/.*-- check: /, "", s); n = split(s, k, " ");
                   for (i = 1; i <= n; i++) print file ":" NR " " k[i] }' "$f"
done | sort -u > "$tmp/want"
# Found, coverage gaps left out unless marked.
sed -n 's/^\([^:]*:[0-9]*\): [a-z]*: \([a-z_]*\): .*/\1 \2/p' "$tmp/out" | sort -u > "$tmp/got"
grep -v ' \(untested\|untested_row\|no_near_miss\)$' "$tmp/got" > "$tmp/got-main" || true
grep -v ' \(untested\|untested_row\|no_near_miss\)$' "$tmp/want" > "$tmp/want-main" || true
if ! cmp -s "$tmp/want-main" "$tmp/got-main"; then
  echo "check-test: planted set: findings differ from the markers (< expected, > found):"
  diff "$tmp/want-main" "$tmp/got-main" || true
  fail=1
fi
missing=$(comm -23 "$tmp/want" "$tmp/got")
[ -z "$missing" ] || { echo "check-test: planted set: not found: $missing"; fail=1; }
for k in untested untested_row no_near_miss; do
  grep -q " $k\$" "$tmp/got" || { echo "check-test: no $k finding"; fail=1; }
done
[ "$(wc -l < "$tmp/want-main")" -ge 15 ] || { echo "check-test: too few markers"; fail=1; }

# JSON: the same findings.
"$T" check --format json "$here/planted" > "$tmp/json" || true
python3 - "$tmp/json" "$tmp/got" <<'PY' || fail=1
import json, sys
r = json.loads(open(sys.argv[1]).read())
got = sorted({"%s:%d %s" % (f["file"], f["line"], f["kind"]) for f in r["findings"]})
want = sorted(l.strip() for l in open(sys.argv[2]) if l.strip())
if got != want or r["ruleset"] != "planted" or not r["tested"] or r["warnings"] < 1 or r["notes"] < 1:
    print("check-test: JSON findings differ from text:", set(got) ^ set(want)); sys.exit(1)
PY

# not_monotone's counter-example is a case: evaluated, it gets the lower
# pathway the message names, and one step better it gets the higher one.
python3 - "$tmp/json" "$T" "$here/planted" <<'PY' || fail=1
import json, re, subprocess, sys
r = json.loads(open(sys.argv[1]).read())
f = [x for x in r["findings"] if x["kind"] == "not_monotone"]
if len(f) != 1:
    print("check-test: wanted one not_monotone finding, got", len(f)); sys.exit(1)
m = re.match(r"worsening '([^']+)' from \"(\w+)\" to \"(\w+)\" lowers the pathway from (\w+) to (\w+).*"
             r"The worse case: (\{.*\})$", f[0]["message"])
if not m:
    print("check-test: not_monotone message not understood:", f[0]["message"][:200]); sys.exit(1)
path, better, worse, high, low, case = m.groups()
worse_case = json.loads(case)
better_case = dict(worse_case, **{path: better})
for c, want in ((worse_case, low), (better_case, high)):
    out = subprocess.run([sys.argv[2], "eval", "-r", sys.argv[3], "--format", "json", "-"],
                         input=json.dumps(c).encode(), capture_output=True).stdout
    got = json.loads(out)["suggestion"]["pathway"]
    if got != want:
        print("check-test: the counter-example gets %s, the message says %s" % (got, want)); sys.exit(1)
PY

# A load error: exit 2, the file and line named.
rc=0
"$T" check "$here/broken" > "$tmp/out" 2> "$tmp/err" || rc=$?
[ "$rc" = 2 ] || { echo "check-test: broken set: exit $rc, expected 2"; fail=1; }
grep -q "broken/rules.lua:3: 'household.home_condition' is not a field" "$tmp/err" ||
  { echo "check-test: broken set: no file:line in the error:"; cat "$tmp/err"; fail=1; }
rc=0
"$T" check --format json "$here/broken" > "$tmp/json" 2>/dev/null || rc=$?
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert "broken/rules.lua:3" in r["load_error"]' "$tmp/json" ||
  { echo "check-test: broken set: no load_error in JSON"; fail=1; }

# Usage errors exit 2.
rc=0; "$T" check --format xml > /dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || { echo "check-test: --format xml: exit $rc, expected 2"; fail=1; }

# Every shipped set is clean.
rc=0
"$T" check > "$tmp/out" 2>&1 || rc=$?
[ "$rc" = 0 ] || { echo "check-test: shipped sets are not clean (exit $rc):"; grep ': warning: ' "$tmp/out"; fail=1; }
# ... over enough pairs of cases for monotonicity to mean something.
"$T" check --format json > "$tmp/shipped.json" 2>/dev/null || true
python3 - "$tmp/shipped.json" <<'PY' || fail=1
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("monotone_pairs", 0) < 500:
        print("check-test: %s: monotonicity compared only %s pairs" % (r["ruleset"], r.get("monotone_pairs")))
        sys.exit(1)
PY
# ... and a level no rule suggests, its doc saying why, is listed as a note.
grep -q '^staffordshire/levels.lua:[0-9]*: note: level_without_rule: ' "$tmp/out" ||
  { echo "check-test: staffordshire's documented tier 3 is not listed"; fail=1; }

[ "$fail" = 0 ] && echo "check-test: ok"
exit "$fail"
