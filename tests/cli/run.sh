#!/bin/sh
# CLI tests: exact JSON output for every example case, a JSON Lines stream
# with a bad line in the middle, exit statuses, help and version.
#   tests/cli/run.sh BINARY            run
#   tests/cli/run.sh BINARY --update   rewrite tests/cli/expected (review the diff!)
set -u
cli=$1
update=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# compare NAME ACTUAL_FILE: against expected/NAME
compare() {
  exp="$here/expected/$1"
  if [ "$update" = --update ]; then cp "$2" "$exp"; ok; return; fi
  if cmp -s "$2" "$exp"; then ok; else bad "$1 differs:"; diff "$exp" "$2" | head -20; fi
}

# expect_status WANT COMMAND...
expect_status() {
  want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" = "$want" ]; then ok; else bad "exit $got, wanted $want: $*"; cat "$tmp/err"; fi
}

# 1. Every example case, exact JSON (explain on: evidence is part of it).
for f in "$root"/examples/cases/*.json; do
  name=$(basename "$f" .json)
  "$cli" eval -r core --explain --format json "$f" >"$tmp/$name.json" 2>&1
  compare "$name.json" "$tmp/$name.json"
done

# 2. A JSON Lines stream with bad lines in the middle: one output line per
#    input line, in order; the stream goes on; exit status 1.
{
  tr -d '\n' <"$root/examples/cases/02_early_help_school_age.json"; echo
  echo '{"id": "broken", "assessed_on": '
  echo '{"id": "dup", "assessed_on": "2026-01-01", "id": "again"}'
  echo
  tr -d '\n' <"$root/examples/cases/04_child_protection_medication.json"; echo
} >"$tmp/stream.jsonl"
"$cli" eval -r core "$tmp/stream.jsonl" >"$tmp/stream.out" 2>"$tmp/stream.err"
st=$?
[ "$st" = 1 ] && ok || bad "stream exit status $st, wanted 1"
[ "$(wc -l <"$tmp/stream.out")" = 4 ] && ok || bad "stream: wanted 4 output lines"
compare stream.jsonl.out "$tmp/stream.out"

# 2b. JSON Lines whose first line is truncated: still JSON Lines, nothing lost.
printf '{"id": "trunc", "assessed_on": "2026-0\n{"id":"ok","assessed_on":"2026-01-01"}\n' |
  "$cli" eval -r core - >"$tmp/trunc.out"
[ "$(wc -l <"$tmp/trunc.out")" = 2 ] && grep -q '"case":"ok"' "$tmp/trunc.out" && ok ||
  bad "truncated first line: $(cat "$tmp/trunc.out")"

# 2c. A file holding one compact case on one line is one case: text by
#     default. From a pipe the same line is JSON Lines, answered at once.
tr -d '\n' <"$root/examples/cases/01_universal_toddler.json" >"$tmp/one.json"
"$cli" eval -r core "$tmp/one.json" >"$tmp/one"
grep -q '^Suggested pathway: Universal services' "$tmp/one" && ok || bad "one-line case as text"
"$cli" eval -r core - <"$tmp/one.json" >"$tmp/one"
grep -q '^Suggested pathway: Universal services' "$tmp/one" && ok || bad "one-line case on stdin from a file as text"
cat "$tmp/one.json" | "$cli" eval -r core - >"$tmp/one"
[ "$(wc -l <"$tmp/one")" = 1 ] && grep -q '^{"actions"' "$tmp/one" && ok || bad "one-line case from a pipe as a JSON line"

# 2d. Issue 18: JSON Lines whose first record is broken over two lines.
#     Not one document: each broken half is an error and every valid record
#     after it is evaluated, from a file, a pipe, or with --input jsonl.
{
  echo '{"id": "split", "assessed_on":'
  echo '  "2026-01-01"}'
  echo '{"id":"r2","assessed_on":"2026-01-01"}'
  echo '{"id":"r3","assessed_on":"2026-01-01"}'
} >"$tmp/split.jsonl"
for how in file pipe jsonl; do
  case $how in
    file) "$cli" eval -r core "$tmp/split.jsonl" >"$tmp/split.out" ;;
    pipe) cat "$tmp/split.jsonl" | "$cli" eval -r core - >"$tmp/split.out" ;;
    jsonl) "$cli" eval -r core --input jsonl - <"$tmp/split.jsonl" >"$tmp/split.out" ;;
  esac
  [ "$(wc -l <"$tmp/split.out")" = 4 ] &&
    [ "$(grep -c '"error"' "$tmp/split.out")" = 2 ] &&
    sed -n 3p "$tmp/split.out" | grep -q '"case":"r2"' &&
    sed -n 4p "$tmp/split.out" | grep -q '"case":"r3"' && ok ||
    bad "split first record ($how): $(cut -c1-100 "$tmp/split.out")"
done
# A first line longer than a case, then a record: the record is evaluated.
{ printf '{"a":"'; head -c 1100000 /dev/zero | tr '\0' x; echo '"}'
  echo '{"id":"after","assessed_on":"2026-01-01"}'; } >"$tmp/long.jsonl"
"$cli" eval -r core "$tmp/long.jsonl" >"$tmp/long.out"
sed -n 1p "$tmp/long.out" | grep -q 'longer than the case limit' &&
  sed -n 2p "$tmp/long.out" | grep -q '"case":"after"' && ok || bad "over-long first line"
# A pretty-printed case from a pipe is still one case; --input json forces it.
cat "$root/examples/cases/02_early_help_school_age.json" | "$cli" eval -r core - >"$tmp/pretty"
grep -q '^Suggested pathway: Early help' "$tmp/pretty" && ok || bad "pretty case from a pipe"
"$cli" eval -r core --input json --format json "$tmp/split.jsonl" >"$tmp/forced"
[ "$(wc -l <"$tmp/forced")" = 1 ] && grep -q '"code":"json"' "$tmp/forced" && ok ||
  bad "--input json reads the whole input as one case"
# A malformed pretty-printed case is one error with its line and column.
"$cli" eval -r core - <"$root/examples/cases/09_malformed.json" >"$tmp/malf"
[ "$(wc -l <"$tmp/malf")" = 1 ] && grep -q 'line 6, column 66' "$tmp/malf" && ok ||
  bad "malformed document: $(cat "$tmp/malf")"
expect_status 2 "$cli" eval -r core --input yaml -
expect_status 2 "$cli" eval -r core --stream --format text -

# 2e. The co-process: one line written, one reply read, a thousand times,
#     stdin never closed; request ids echoed, a malformed line answered
#     with an error line and the stream going on (tests/cli/coprocess.py).
if python3 "$here/coprocess.py" "$cli" 1000 >"$tmp/coproc" 2>&1; then ok; else
  bad "co-process: $(tail -5 "$tmp/coproc")"; fi
sed -n 's/^/  /p' "$tmp/coproc"

# 3. Exit statuses.
expect_status 0 "$cli" eval -r core "$root/examples/cases/01_universal_toddler.json"
expect_status 1 "$cli" eval -r core "$root/examples/cases/09_malformed.json"
expect_status 1 "$cli" eval -r core "$root/examples/cases/10_invalid_values.json"
expect_status 2 "$cli" eval -r no-such-set "$root/examples/cases/01_universal_toddler.json"
expect_status 2 "$cli" eval -r core /no/such/file.json
expect_status 2 "$cli" eval --format xml -r core -
expect_status 2 "$cli" frobnicate
expect_status 0 "$cli" --help
expect_status 0 "$cli" eval --help
expect_status 0 "$cli" test --help
"$cli" --version | grep -q '^threshold [0-9]*\.[0-9]*\.[0-9]*$' && ok || bad "--version"

# 4. Text output for a practitioner says what it is.
"$cli" eval -r core "$root/examples/cases/03_child_in_need_persistent_neglect.json" >"$tmp/text"
grep -q '^Suggested pathway: Child in need' "$tmp/text" && ok || bad "text: pathway line"
grep -q 'suggestion to support professional judgement' "$tmp/text" && ok || bad "text: notice"
grep -q 'cite: Working Together 2015' "$tmp/text" && ok || bad "text: citation"

# 5. A case without assessed_on is evaluated as of today, and says so.
echo '{"id": "nodate", "child": {"dob": "2020-01-01"}}' | "$cli" eval -r core --format json - >"$tmp/nodate"
grep -q "\"assessed_on\":\"$(date +%Y-%m-%d)\"" "$tmp/nodate" && ok || bad "default date"
grep -q 'supplied by the caller' "$tmp/nodate" && ok || bad "default date warning"

# 6. A rule set that does not load: exit 2, message names file and line.
mkdir -p "$tmp/rules/broken"
echo 'ruleset { id = "broken", extends = "core" }' >"$tmp/rules/broken/ruleset.lua"
printf 'rule "Bad" {\n  level = "level_9", cite = "x", basis = "quoted", reason = "y", when = is("child.unborn", true) }\n' \
  >"$tmp/rules/broken/bad.lua"
ln -s "$root/rules/core" "$tmp/rules/core"
expect_status 2 "$cli" eval -r "$tmp/rules/broken" "$root/examples/cases/01_universal_toddler.json"
grep -q 'broken/bad.lua:1: rule .Bad.: unknown level "level_9"' "$tmp/err" && ok || bad "load error text: $(cat "$tmp/err")"

# 7. threshold test ends with the summary line.
"$cli" test core >"$tmp/test.out"
tail -n 1 "$tmp/test.out" | grep -Eq '^[0-9]+ passed, 0 failed$' && ok || bad "test summary line"

# 7b. A test file's keys are type-checked as the rules' are: a wrong type or
#     a hole in a list is refused with file:line, never a test that passes
#     because part of what it expects was never read.
typed_test() {   # NAME EXPECT-BODY MESSAGE
  mkdir -p "$tmp/rules/$1/tests"
  printf 'ruleset { id = "%s", extends = "core", files = {} }\n' "$1" >"$tmp/rules/$1/ruleset.lua"
  printf 'test "T" {\n  case = { assessed_on = "2026-01-01" },\n  %s,\n}\n' "$2" \
    >"$tmp/rules/$1/tests/t_test.lua"
  expect_status 2 "$cli" test "$tmp/rules/$1"
  grep -qF -- "$3" "$tmp/err" && ok || bad "test file type check $1: $(cat "$tmp/err")"
}
typed_test tt_hole 'expect = { level = "universal", fired = { "a", nil, "b" } }' \
  "tt_hole/tests/t_test.lua:1: test 'T': expect: fired must be a list of strings: entry 2 is missing"
typed_test tt_errors 'expect = { level = "universal", errors = "0" }' \
  "test 'T': expect: errors must be a whole number, got \"0\""
typed_test tt_cbh 'expect = { level = "universal", could_be_higher = "no" }' \
  "test 'T': expect: could_be_higher must be true or false, got \"no\""
typed_test tt_level 'expect = { level = { "universal" } }' \
  "test 'T': expect: level must be a string, got a list"
typed_test tt_doc 'doc = 7, expect = { level = "universal" }' \
  "test 'T': doc must be a string, got 7"
typed_test tt_missing 'expect = { level = "universal", missing = "child.dob" }' \
  "test 'T': expect: missing must be a list of strings, got \"child.dob\""

# 7b'. A test file is named whole in its messages however long its set's
#      folder and its own name (255 bytes each, the most a name may be).
long_set=tl_$(printf 'l%.0s' $(seq 252))
long_file=$(printf 't%.0s' $(seq 246))_test.lua
mkdir -p "$tmp/rules/$long_set/tests"
printf 'ruleset { id = "%s", extends = "core", files = {} }\n' "$long_set" >"$tmp/rules/$long_set/ruleset.lua"
printf 'test "T" {\n  case = { assessed_on = "2026-01-01" },\n  expect = { level = { "universal" } },\n}\n' \
  >"$tmp/rules/$long_set/tests/$long_file"
expect_status 2 "$cli" test "$tmp/rules/$long_set"
grep -qF -- "$long_set/tests/$long_file:1: test 'T'" "$tmp/err" && ok ||
  bad "a long test file is not named whole: $(head -c 300 "$tmp/err")"

# 7c. next and pairs over the case and over tables a rule holds see their
#     entries in explain mode too (a recording view), or the rule errs.
mkdir -p "$tmp/rules/iter"
printf 'ruleset { id = "iter", extends = "core", files = { "r.lua" } }\n' >"$tmp/rules/iter/ruleset.lua"
cat >"$tmp/rules/iter/r.lua" <<'EOF2'
local codes = { a = 1, b = { 2 } }
fact "iter_child" { value = function(c) return c.child end }
flag "Iterates" { cite = "c", basis = "quoted", reason = "r", when = function(c)
  local a, b, n = 0, 0, 0
  for k in pairs(c.child) do a = a + 1 end
  for k in next, c.iter_child do b = b + 1 end
  for k in next, codes do n = n + 1 end
  if next(c.child) == nil or a < 2 or a ~= b or n ~= 2 then error("iteration saw " .. a .. b .. n) end
  return true
end }
EOF2
expect_status 0 "$cli" eval -r "$tmp/rules/iter" --explain --format json \
  "$root/examples/cases/01_universal_toddler.json"
grep -q '"flag":"Iterates"' "$tmp/out" && ok || bad "iteration in explain mode: $(head -c 300 "$tmp/out")"
expect_status 0 "$cli" eval -r "$tmp/rules/iter" --format json \
  "$root/examples/cases/01_universal_toddler.json"
grep -q '"flag":"Iterates"' "$tmp/out" && ok || bad "iteration: $(head -c 300 "$tmp/out")"

# 7d. Every entry of THRESHOLD_RULES_PATH is searched, however many: a set
#     only the 20th folder holds is found, not dropped past a fixed table.
many=""
for i in $(seq 19); do many="$many$tmp/no-such-folder-$i:"; done
THRESHOLD_RULES_PATH="$many$tmp/rules" expect_status 0 "$cli" eval -r iter --format json \
  "$root/examples/cases/01_universal_toddler.json"

# 8. Where documents differ, the sets differ: the same case, two sets.
#    suggests SET CASE LEVEL / flags SET CASE FLAG / lacks SET CASE FLAG
suggests() {
  got=$(printf '%s\n' "$2" | "$cli" eval -r "$1" --format json - |
        grep -o '"local_level":"[^"]*"' | cut -d'"' -f4)
  [ "$got" = "$3" ] && ok || bad "$1 suggests '$got', wanted '$3' for: $2"
}
says() {   # says SET CASE TEXT: the result contains TEXT
  printf '%s\n' "$2" | "$cli" eval -r "$1" --format json - | grep -qF "$3" && ok ||
    bad "$1 does not say '$3' for: $2"
}
silent() { # silent SET CASE TEXT: the result does not contain TEXT
  printf '%s\n' "$2" | "$cli" eval -r "$1" --format json - | grep -qF "$3" && bad "$1 says '$3'" || ok
}
FAMILY='"assessed_on":"2026-11-02","carers":[{"relationship":"mother","mental_health":"none","substance_misuse":"none","alcohol_misuse":"none","domestic_abuse":"none","engagement":"engaged","consent_to_early_help":true}],"household":{"home_conditions":"good","food_in_home":"adequate","heating_lighting_absent":"never","supervision":"appropriate","dangerous_adults_access":false},"health":{"was_not_brought":"none","growth":"normal","dental":"good","medication":"not_applicable"},"history":{"previous_children_removed":false,"siblings_current_plan":"none"},"school":{"attendance_pct":96}'

# Low-level neglect: occasional concerns in three areas, each affecting the
# child. Core's floor: an occasional lapse already affecting the child is
# the matrices' level 2 -> early help. Staffordshire's report (s3, s15)
# makes low-level neglect and its cumulative impact a priority for early
# support -> tier 2, by its own rule as well.
LOWLEVEL="{\"id\":\"D1\",$FAMILY,\"child\":{\"dob\":\"2018-01-01\",\"disability\":false},\"concerns\":[{\"subtype\":\"physical\",\"frequency\":\"occasional\",\"impact\":\"some\"},{\"subtype\":\"nutritional\",\"frequency\":\"occasional\",\"impact\":\"some\"},{\"subtype\":\"educational\",\"frequency\":\"occasional\",\"impact\":\"some\"}]}"
suggests core "$LOWLEVEL" early_help
says staffordshire "$LOWLEVEL" "Low-level neglect with a cumulative impact"
silent core "$LOWLEVEL" "Low-level neglect with a cumulative impact"
suggests staffordshire "$LOWLEVEL" tier_2

# An infant of five months with one frequent feeding concern, no impact
# yet. Core's floor makes a recurring lapse early help at any age -> level 2
# in Northamptonshire, which sets no infant rule. Staffordshire's report
# (s4) asks that families of infants at risk get help earlier: its infant
# flag, at tier 2.
INFANT="{\"id\":\"D2\",$FAMILY,\"child\":{\"dob\":\"2026-06-01\",\"disability\":false},\"concerns\":[{\"subtype\":\"nutritional\",\"frequency\":\"frequent\",\"impact\":\"none\"}]}"
suggests northamptonshire "$INFANT" level_2
suggests staffordshire "$INFANT" tier_2
says staffordshire "$INFANT" "Infant at risk of neglect"
silent northamptonshire "$INFANT" "Infant at risk of neglect"

# A child protection plan at ten months. Peterborough's Head of Service
# reviews every plan at 9 months (self-assessment 2017, ESN 24); Rotherham's
# report sets no such review.
PLAN10="{\"id\":\"D3\",$FAMILY,\"child\":{\"dob\":\"2018-01-01\"},\"current\":{\"pathway\":\"child_protection\",\"plan_category\":\"neglect\",\"plan_start\":\"2026-01-01\",\"icpc\":\"2026-01-01\",\"last_review_conference\":\"2026-07-01\"}}"
says peterborough "$PLAN10" "Head of Service review"
silent rotherham "$PLAN10" "Head of Service review"

# Domestic abuse alone. Rotherham counts any one of the toxic trio as a
# factor leading to neglect (report 9 July 2014); core flags only all three.
DA="{\"id\":\"D4\",\"assessed_on\":\"2026-11-02\",\"child\":{\"dob\":\"2018-01-01\"},\"carers\":[{\"relationship\":\"mother\",\"domestic_abuse\":\"current_medium\",\"mental_health\":\"none\",\"substance_misuse\":\"none\",\"alcohol_misuse\":\"none\"}]}"
says rotherham "$DA" "A factor that leads to neglect is present"
silent core "$DA" "A factor that leads to neglect is present"

# Early help: Northamptonshire's pathway is the Early Help Assessment and
# a Team Around the Family (strategy, objective 2a); Peterborough's sources
# name no such pathway, so its actions do not include it.
EH="{\"id\":\"D5\",$FAMILY,\"child\":{\"dob\":\"2018-01-01\",\"disability\":false},\"concerns\":[{\"subtype\":\"nutritional\",\"frequency\":\"frequent\",\"impact\":\"none\"},{\"subtype\":\"educational\",\"frequency\":\"frequent\",\"impact\":\"none\"}]}"
says northamptonshire "$EH" "Co-ordinate support through a Team Around the Family"
silent peterborough "$EH" "Team Around the Family"

# --format spec: the benchmark's line, {id, level, fired sorted}, for its
# 14 sample cases exactly as shared/bench expects them; an id that needs
# escaping is escaped.
"$cli" eval -r "$root/bench/rules" --format spec "$root/bench/samples-cases.jsonl" >"$tmp/spec" 2>&1
if cmp -s "$tmp/spec" "$root/bench/samples-expected.jsonl"; then ok; else
  bad "--format spec differs from bench/samples-expected.jsonl:"; diff "$root/bench/samples-expected.jsonl" "$tmp/spec" | head; fi
head -n 1 "$root/bench/samples-cases.jsonl" | sed 's/"C0000001"/"q\\"b\\\\c\\u0001\\u00e9"/' |
  "$cli" eval -r "$root/bench/rules" --format spec - >"$tmp/spec" 2>&1
if grep -qF '{"id":"q\"b\\c\u0001é","level":2,"fired":["medical_concern"]}' "$tmp/spec"; then ok; else
  bad "--format spec escapes: $(cat "$tmp/spec")"; fi

# --format spec-full: the same line, read from the full result (findings,
# why-not, open questions, built as for --format json), so the benchmark can
# time the full path with its answers checked. For the same cases it must
# give --format spec's line exactly: the bench samples, and every example
# case (the malformed and the invalid one too) with every rule set, in a
# file and through a pipe. Any difference fails, with the lines that differ.
same_spec() {   # NAME SET FILE [--explain]: spec-full's lines equal spec's
  "$cli" eval -r "$2" --format spec "$3" >"$tmp/sf.spec" 2>&1
  "$cli" eval -r "$2" ${4:-} --format spec-full "$3" >"$tmp/sf.full" 2>&1
  if [ -s "$tmp/sf.spec" ] && cmp -s "$tmp/sf.spec" "$tmp/sf.full"; then ok; else
    bad "--format spec-full differs from --format spec ($1):"; diff "$tmp/sf.spec" "$tmp/sf.full" | head; fi
}
"$cli" eval -r "$root/bench/rules" --format spec-full "$root/bench/samples-cases.jsonl" >"$tmp/spec" 2>&1
if cmp -s "$tmp/spec" "$root/bench/samples-expected.jsonl"; then ok; else
  bad "--format spec-full differs from bench/samples-expected.jsonl:"; diff "$root/bench/samples-expected.jsonl" "$tmp/spec" | head; fi
same_spec "bench samples, explained" "$root/bench/rules" "$root/bench/samples-cases.jsonl" --explain
for f in "$root"/examples/cases/*.json; do tr -d '\n' <"$f"; echo; done >"$tmp/examples.jsonl"
for set in core peterborough northamptonshire rotherham staffordshire; do
  same_spec "examples, $set" "$set" "$tmp/examples.jsonl"
done
same_spec "one case, core" core "$root/examples/cases/04_child_protection_medication.json" --explain
"$cli" eval -r core --format spec - <"$tmp/examples.jsonl" >"$tmp/sf.spec" 2>&1
cat "$tmp/examples.jsonl" | "$cli" eval -r core --format spec-full - >"$tmp/sf.full" 2>&1
if cmp -s "$tmp/sf.spec" "$tmp/sf.full"; then ok; else
  bad "--format spec-full from a pipe differs from --format spec:"; diff "$tmp/sf.spec" "$tmp/sf.full" | head; fi
head -n 1 "$root/bench/samples-cases.jsonl" | sed 's/"C0000001"/"q\\"b\\\\c\\u0001\\u00e9"/' |
  "$cli" eval -r "$root/bench/rules" --format spec-full - >"$tmp/spec" 2>&1
if grep -qF '{"id":"q\"b\\c\u0001é","level":2,"fired":["medical_concern"]}' "$tmp/spec"; then ok; else
  bad "--format spec-full escapes: $(cat "$tmp/spec")"; fi
# Its --bench line says the full result was timed.
"$cli" eval -r "$root/bench/rules" --format spec-full --bench "$root/bench/samples-cases.jsonl" 2>"$tmp/sf.err" >/dev/null
grep -q '^BENCH impl=threshold cases=14 .* result=full$' "$tmp/sf.err" && ok || bad "spec-full --bench: $(cat "$tmp/sf.err")"

# The text says each finding's and flag's basis: a judgement with its why.
"$cli" eval -r core --format text "$root/examples/cases/03_child_in_need_persistent_neglect.json" >"$tmp/basis.txt" 2>&1
for want in "    basis: national" "    basis: judgement: the Graded Care Profile grades how far needs are met" \
            "    basis: quoted"; do
  if grep -qF -- "$want" "$tmp/basis.txt"; then ok; else bad "text output lacks '$want'"; fi
done
n_find=$(grep -c '^    rule: ' "$tmp/basis.txt"); n_flag=$(grep -c '^  ! ' "$tmp/basis.txt")
n_basis=$(grep -c '^    basis: ' "$tmp/basis.txt")
# open questions and why-not entries carry their rule's basis too
n_open=$(grep -Ec '^  - .*: needs ' "$tmp/basis.txt")
n_wn=$(grep -Ec '^  - .*: not (met|known)$' "$tmp/basis.txt")
if [ "$n_basis" = $((n_find + n_flag + n_open + n_wn)) ] && [ "$n_open" -gt 0 ] && [ "$n_wn" -gt 0 ]; then ok; else
  bad "text output: $n_basis basis lines for $n_find findings, $n_flag flags, $n_open open questions and $n_wn why-not entries"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
