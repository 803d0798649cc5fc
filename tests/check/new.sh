#!/bin/sh
# tests/check/new.sh THRESHOLD -- `threshold new`: a set extending core
# passes `test --coverage` and is clean under `check`; a set of its own
# passes its tests, and check lists only its levels that still need rules;
# nothing is ever overwritten, and a bad name is refused.
set -eu
T=${1:-build/threshold}
case "$T" in /*) ;; *) T=$PWD/$T ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export THRESHOLD_RULES_PATH=$PWD/rules
fail=0
say() { echo "new-test: $*"; fail=1; }

"$T" new north_shire --extends core --dir "$tmp" > /dev/null || say "new --extends core failed"
for f in ruleset.lua north_shire.lua tests/north_shire_test.lua; do
  [ -f "$tmp/north_shire/$f" ] || say "no $f"
done
[ ! -e "$tmp/north_shire/levels.lua" ] || say "levels.lua written for a set that extends core"
"$T" test --coverage "$tmp/north_shire" > "$tmp/out" 2>&1 || { say "its tests fail:"; cat "$tmp/out"; }
grep -q '^[0-9]* passed, 0 failed$' "$tmp/out" || say "expected every test to pass"
grep -q '^north_shire: .*(.* inherited)' "$tmp/out" || grep -q '^north_shire: 2 passed' "$tmp/out" || say "its own tests did not run"
"$T" check "$tmp/north_shire" > "$tmp/out" 2>&1 || { say "check is not clean:"; cat "$tmp/out"; }

"$T" new own_levels --dir "$tmp" > /dev/null || say "new without --extends failed"
[ -f "$tmp/own_levels/levels.lua" ] || say "no levels.lua for a set of its own"
"$T" test --coverage "$tmp/own_levels" > "$tmp/out" 2>&1 || { say "own set's tests fail:"; cat "$tmp/out"; }
rc=0; "$T" check "$tmp/own_levels" > "$tmp/out" 2>&1 || rc=$?
[ "$rc" = 1 ] || say "own set: check exit $rc, expected 1 (levels without rules)"
[ "$(grep -c ': warning: ' "$tmp/out")" = 2 ] &&
  [ "$(grep -c ': warning: level_without_rule: level .level_[34]' "$tmp/out")" = 2 ] ||
  { say "own set: expected exactly level_3 and level_4 without rules:"; cat "$tmp/out"; }

# Never overwrite: the folder exists, nothing changes.
sum=$(cat "$tmp/north_shire/ruleset.lua" | cksum)
rc=0; "$T" new north_shire --dir "$tmp" > /dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || say "an existing folder: exit $rc, expected 2"
[ "$(cat "$tmp/north_shire/ruleset.lua" | cksum)" = "$sum" ] || say "ruleset.lua was changed"
for bad in "../up" "Has-Caps" "" ; do
  rc=0; "$T" new "$bad" --dir "$tmp" > /dev/null 2>&1 || rc=$?
  [ "$rc" = 2 ] || say "name '$bad': exit $rc, expected 2"
done
rc=0; "$T" new x1 --extends no_such_set --dir "$tmp" > /dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] && [ ! -e "$tmp/x1" ] || say "--extends of a missing set not refused"

[ "$fail" = 0 ] && echo "new-test: ok"
exit "$fail"
