#!/bin/sh
# The hostile manifest corpus: each file in manifests/ is the ruleset.lua of
# a set named after the file (extending tests/hostile/base), beside one
# rule file that declares nothing. Its header says the outcome:
#   load TEXT    the set fails to load (exit 2); the message contains TEXT
#   ok           the set loads and both cases evaluate normally
#   visible TEXT both results carry TEXT (a warning or an error)
# Every run is bounded by timeout; a crash, an abort or a hang is a failure.
set -u
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ln -s "$here/base" "$tmp/base"
printf '%s\n%s\n' \
  '{"id":"first","assessed_on":"2026-01-01","hostile":true,"score":7,"child":{"dob":"2020-01-01"}}' \
  '{"id":"second","assessed_on":"2026-01-01","hostile":false,"score":7,"child":{"dob":"2020-01-01"}}' \
  >"$tmp/cases.jsonl"
pass=0 fail=0
for f in "$here"/manifests/*.lua; do
  name=$(basename "$f" .lua)
  spec=$(sed -n 's/^-- expect: //p' "$f" | head -n 1)
  kind=${spec%% *}
  text=${spec#"$kind"}; text=${text# }
  mkdir -p "$tmp/$name"
  cp "$f" "$tmp/$name/ruleset.lua"
  echo '-- declares nothing' >"$tmp/$name/rules.lua"
  timeout 60 "$cli" eval -r "$tmp/$name" --format json "$tmp/cases.jsonl" >"$tmp/out" 2>"$tmp/err"
  st=$?
  why=""
  if [ "$st" -ge 124 ]; then why="crashed or hung (exit $st)"
  else case "$kind" in
    load) [ "$st" = 2 ] || why="exit $st, wanted 2"
          grep -qF -- "$text" "$tmp/err" || why="$why; message lacks '$text'";;
    ok)   [ "$st" = 0 ] || why="exit $st, wanted 0"
          [ "$(grep -c '"status":"complete"' "$tmp/out")" = 2 ] || why="$why; not two complete results";;
    visible)
          [ "$st" -le 1 ] || why="exit $st, wanted 0 or 1"
          [ "$(grep -cF -- "$text" "$tmp/out")" = 2 ] || why="$why; not both results carry '$text'";;
    *)    why="no expectation in the file";;
  esac; fi
  if [ -z "$why" ]; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "FAIL hostile manifest $name: $why"; head -c 600 "$tmp/err"; echo; fi
done
echo "hostile manifests: $pass passed, $fail failed"
[ "$fail" = 0 ]
