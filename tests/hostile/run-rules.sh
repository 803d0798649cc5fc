#!/bin/sh
# The hostile rule corpus: each file in rules/ is a rule file that tries to
# escape the sandbox, exhaust a limit, keep state or corrupt a case. Its
# header (or a NAME.expect sidecar) says the outcome it must get:
#   load TEXT    the set fails to load; the message contains TEXT
#   error TEXT   the first case (hostile) is incomplete with an error that
#   limit TEXT   contains TEXT (or one of TEXT|TEXT...); the next case
#                evaluates normally
#   ok           both cases evaluate normally
#   visible TEXT both results carry TEXT (a warning or an error): a rule set
#                that lowers a suggestion says so in every result it lowers
#   incomplete TEXT  both results carry TEXT and are incomplete
#   undetermined TEXT  the first case is open with TEXT (a rule left
#                undetermined, not in error: an open question, never
#                complete); the next evaluates normally
# Whatever the outcome, the second case's result must be byte for byte the
# one a fresh engine gives it alone: nothing of the first case carries over.
# Every run is bounded by timeout; a crash or a hang is a failure.
set -u
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ln -s "$here/base" "$tmp/base"
printf '%s\n%s\n' \
  '{"id":"first","assessed_on":"2026-01-01","hostile":true,"score":7,"child":{"dob":"2020-01-01"},"items":[{"kind":"a"}]}' \
  '{"id":"second","assessed_on":"2026-01-01","hostile":false,"score":7,"child":{"dob":"2020-01-01"},"items":[{"kind":"a"}]}' \
  >"$tmp/cases.jsonl"
sed -n 2p "$tmp/cases.jsonl" >"$tmp/second.jsonl"
pass=0 fail=0
# has_text STRING TEXT: STRING contains TEXT, or one of its |-separated parts
has_text() {
  printf '%s\n' "$2" | tr '|' '\n' | while IFS= read -r alt; do
    printf '%s' "$1" | grep -qF -- "$alt" && exit 0
  done
}
for f in "$here"/rules/*.lua; do
  name=$(basename "$f" .lua)
  if [ -f "$here/rules/$name.expect" ]; then spec=$(sed -n 's/^-- expect: //p' "$here/rules/$name.expect")
  else spec=$(sed -n 's/^-- expect: //p' "$f" | head -n 1); fi
  kind=${spec%% *}
  text=${spec#"$kind"}; text=${text# }
  mkdir -p "$tmp/$name"
  printf 'ruleset { id = "%s", extends = "base", files = { "rules.lua" } }\n' "$name" >"$tmp/$name/ruleset.lua"
  cp "$f" "$tmp/$name/rules.lua"
  timeout 60 "$cli" eval -r "$tmp/$name" --format json "$tmp/cases.jsonl" >"$tmp/out" 2>"$tmp/err"
  st=$?
  first=$(sed -n 1p "$tmp/out"); second=$(sed -n 2p "$tmp/out")
  normal() { case "$second" in *'"case":"second"'*'"status":"complete"'*'"local_level":"early_help"'*) return 0;; esac; return 1; }
  why=""
  if [ "$st" -ge 124 ]; then why="crashed or hung (exit $st)"
  else case "$kind" in
    load) [ "$st" = 2 ] || why="exit $st, wanted 2"
          grep -qF -- "$text" "$tmp/err" || why="$why; message lacks '$text'";;
    error|limit)
          [ "$st" = 1 ] || why="exit $st, wanted 1"
          case "$first" in *'"status":"incomplete"'*) ;; *) why="$why; first case not incomplete";; esac
          has_text "$first" "$text" || why="$why; first case lacks '$text'"
          normal || why="$why; the next case did not evaluate normally";;
    ok)   [ "$st" = 0 ] || why="exit $st, wanted 0"
          case "$first" in *'"status":"complete"'*) ;; *) why="$why; first case not complete";; esac
          normal || why="$why; the next case did not evaluate normally";;
    visible)
          [ "$st" -le 1 ] || why="exit $st, wanted 0 or 1"
          printf '%s' "$first" | grep -qF -- "$text" || why="$why; first case lacks '$text'"
          printf '%s' "$second" | grep -qF -- "$text" || why="$why; second case lacks '$text'";;
    undetermined)
          [ "$st" -le 1 ] || why="exit $st, wanted 0 or 1"
          case "$first" in *'"status":"open"'*) ;; *) why="$why; first case not open";; esac
          printf '%s' "$first" | grep -qF -- "$text" || why="$why; first case lacks '$text'"
          normal || why="$why; the next case did not evaluate normally";;
    incomplete)
          [ "$st" -le 1 ] || why="exit $st, wanted 0 or 1"
          for r in "$first" "$second"; do
            case "$r" in *'"status":"incomplete"'*) ;; *) why="$why; a case not incomplete";; esac
            printf '%s' "$r" | grep -qF -- "$text" || why="$why; a case lacks '$text'"
          done;;
    *)    why="no expectation in the file";;
  esac; fi
  if [ -z "$why" ] && [ "$kind" != load ]; then
    timeout 60 "$cli" eval -r "$tmp/$name" --format json "$tmp/second.jsonl" >"$tmp/fresh" 2>/dev/null
    [ "$second" = "$(cat "$tmp/fresh")" ] || why="the second case differs from a fresh engine's result: state crossed cases"
  fi
  if [ -z "$why" ]; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "FAIL hostile rule $name: $why"; head -c 600 "$tmp/err"; printf '%s\n' "$first" | head -c 600; echo; fi
done
echo "hostile rules: $pass passed, $fail failed"
[ "$fail" = 0 ]
