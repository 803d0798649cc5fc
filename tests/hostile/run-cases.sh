#!/bin/sh
# The malformed case corpus: every file in cases/ (and the large ones made
# here, marked gen:) is evaluated with the core rule set, and must get the
# outcome cases/EXPECTED gives it:
#   json TEXT / limit TEXT / input TEXT   an error object with that code
#   invalid PATH|TEXT                     no suggestion; the error names PATH
#   warning PATH|TEXT                     evaluated, with a warning on PATH
#   ok                                    evaluated
#   clean PATH                            evaluated, no warning on PATH
#   pathway NAME                          evaluated, suggesting that pathway
#   contains TEXT                         evaluated, the result holds TEXT
# Each run is bounded by timeout; a crash or a hang is a failure.
set -u
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
A='"assessed_on":"2026-11-02"'

# The large inputs, made the same way every time.
gen() {
  case "$1" in
    nesting_100000.json) awk 'BEGIN { s = ""; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' ;;
    string_10mb.json) printf '{%s,"concerns":[{"indicator":"' "$A"; head -c 10485760 /dev/zero | tr '\0' x; printf '"}]}\n' ;;
    array_1m.json) printf '{%s,"concerns":[' "$A"; awk 'BEGIN { for (i = 0; i < 1000000; i++) printf (i ? ",{}" : "{}") }'; printf ']}\n' ;;
    array_10001.json) printf '{%s,"concerns":[' "$A"; awk 'BEGIN { for (i = 0; i < 10001; i++) printf (i ? ",{}" : "{}") }'; printf ']}\n' ;;
    key_70k.json) printf '{%s,"concerns":[{"' "$A"; head -c 70000 /dev/zero | tr '\0' x; printf '":1}]}\n' ;;
    key_70k_top.json) printf '{%s,"' "$A"; head -c 70000 /dev/zero | tr '\0' x; printf '":1}\n' ;;
    string_70k.json) printf '{%s,"concerns":[{"indicator":"' "$A"; head -c 70000 /dev/zero | tr '\0' x; printf '"}]}\n' ;;
  esac
}

pass=0 fail=0
tab=$(printf '\t')
while IFS="$tab" read -r file kind text; do
  case "$file" in ''|\#*) continue ;; esac
  case "$file" in
    gen:*) name=${file#gen:}; gen "$name" >"$tmp/$name"; path="$tmp/$name" ;;
    *) name=$file; path="$here/cases/$file" ;;
  esac
  timeout 60 "$cli" eval -r core --format json "$path" >"$tmp/out" 2>"$tmp/err"
  st=$?
  out=$(cat "$tmp/out")
  want_path=${text%%|*}; want_text=${text#*|}
  why=""
  if [ "$st" -ge 124 ]; then why="crashed or hung (exit $st)"
  else case "$kind" in
    json|limit|input)
      [ "$st" = 1 ] || why="exit $st, wanted 1"
      printf '%s' "$out" | grep -qF "\"code\":\"$kind\"" || why="$why; no $kind error"
      printf '%s' "$out" | grep -qF -- "$text" || why="$why; message lacks '$text'" ;;
    invalid)
      [ "$st" = 1 ] || why="exit $st, wanted 1"
      printf '%s' "$out" | grep -qF '"status":"invalid"' || why="$why; not invalid"
      printf '%s' "$out" | grep -qF "\"path\":\"$want_path\"" || why="$why; no error on $want_path"
      printf '%s' "$out" | grep -qF -- "$want_text" || why="$why; message lacks '$want_text'" ;;
    warning)
      [ "$st" = 0 ] || why="exit $st, wanted 0"
      printf '%s' "$out" | grep -qF "\"path\":\"$want_path\"" || why="$why; no warning on $want_path"
      printf '%s' "$out" | grep -qF -- "$want_text" || why="$why; warning lacks '$want_text'" ;;
    clean)
      [ "$st" = 0 ] || why="exit $st, wanted 0"
      printf '%s' "$out" | grep -qF '"suggestion":{' || why="$why; no suggestion"
      printf '%s' "$out" | grep -qF "\"path\":\"$text\"" && why="$why; a warning on $text" ;;
    contains)
      [ "$st" = 0 ] || why="exit $st, wanted 0"
      printf '%s' "$out" | grep -qF -- "$text" || why="$why; the result lacks '$text'" ;;
    pathway)
      [ "$st" = 0 ] || why="exit $st, wanted 0"
      printf '%s' "$out" | grep -qF "\"pathway\":\"$text\"" || why="$why; not suggesting $text" ;;
    ok)
      [ "$st" = 0 ] || why="exit $st, wanted 0"
      printf '%s' "$out" | grep -qF '"suggestion":{' || why="$why; no suggestion" ;;
    *) why="unknown outcome '$kind'" ;;
  esac; fi
  if [ -z "$why" ]; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "FAIL hostile case $name: $why"; head -c 400 "$tmp/out"; head -c 400 "$tmp/err"; echo; fi
  rm -f "$tmp/$name"
done <"$here/cases/EXPECTED"
echo "hostile cases: $pass passed, $fail failed"
[ "$fail" = 0 ]
