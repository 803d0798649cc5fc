#!/bin/sh
# tests/check/test-formats.sh THRESHOLD -- `threshold test --run PATTERN`
# runs only the tests whose name contains PATTERN and says how many ran;
# `--format junit` is well-formed JUnit XML with one testsuite per set, one
# testcase per test and the failures' problems, everything escaped;
# `--coverage` still fails on gaps.
set -eu
T=${1:-build/threshold}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export THRESHOLD_RULES_PATH=rules
fail=0
say() { echo "test-formats: $*"; fail=1; }

rc=0; "$T" test --run alpha "$here/suite" > "$tmp/out" 2>&1 || rc=$?
[ "$rc" = 0 ] || say "--run alpha: exit $rc, expected 0"
grep -q '^2 of [0-9]* tests ran (names containing "alpha")$' "$tmp/out" || { say "--run alpha: count not said"; cat "$tmp/out"; }
grep -q '^2 passed, 0 failed$' "$tmp/out" || say "--run alpha: expected 2 passed"
rc=0; "$T" test --run beta "$here/suite" > "$tmp/out" 2>&1 || rc=$?
[ "$rc" = 1 ] || say "--run beta: exit $rc, expected 1"
grep -q '^1 of [0-9]* tests ran' "$tmp/out" || say "--run beta: count not said"
rc=0; "$T" test --run no-such-name "$here/suite" > "$tmp/out" 2>&1 || rc=$?
[ "$rc" = 1 ] && grep -q 'no test name contains' "$tmp/out" || say "--run matching nothing: exit $rc, not refused"
rc=0; "$T" test --run alpha --coverage "$here/suite" > /dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || say "--run with --coverage: exit $rc, expected 2"

rc=0; "$T" test --format junit "$here/suite" core > "$tmp/junit.xml" 2> /dev/null || rc=$?
[ "$rc" = 1 ] || say "junit: exit $rc, expected 1 (a test fails)"
python3 - "$tmp/junit.xml" <<'PY' || fail=1
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
suites = root.findall("testsuite")
assert [s.get("name") for s in suites] == ["suite", "core"], [s.get("name") for s in suites]
s = suites[0]
cases = [c for c in s.findall("testcase") if c.get("file") == "suite/tests/suite_test.lua"]
assert s.get("failures") == "1" and len(cases) == 3, ET.tostring(s)[:300]
assert int(s.get("tests")) == len(s.findall("testcase")) > 3   # core's inherited tests too
bad = [c for c in cases if c.find("failure") is not None]
assert len(bad) == 1, "one failure"
name = bad[0].get("name")
assert name == "beta <fails> & \"quotes\" 'too' \\x01 ]]>", repr(name)
f = bad[0].find("failure")
assert "expected level child_protection, got universal" in f.get("message"), f.get("message")
assert "suite/tests/suite_test.lua:" in f.text, f.text
assert bad[0].get("file") == "suite/tests/suite_test.lua" and bad[0].get("line") == "8", bad[0].attrib
assert int(suites[1].get("tests")) > 100 and suites[1].get("failures") == "0"
PY
"$T" test --format junit --run alpha "$here/suite" | python3 -c 'import sys, xml.etree.ElementTree as ET; r = ET.fromstring(sys.stdin.read()); assert len(r.findall(".//testcase")) == 2' ||
  say "junit --run: expected two testcases"

rc=0; "$T" test --coverage "$here/planted" > /dev/null 2>&1 || rc=$?
[ "$rc" = 1 ] || say "--coverage with gaps: exit $rc, expected 1"

[ "$fail" = 0 ] && echo "test-formats: ok"
exit "$fail"
