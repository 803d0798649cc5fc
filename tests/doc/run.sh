#!/bin/sh
# tests/doc/run.sh THRESHOLD OUTDIR -- `threshold doc`: every shipped rule
# set renders as Markdown and as HTML, and each document names every rule,
# flag and decision table the set has (its own and those it inherits,
# less those it disables, read from the rule files); the HTML holds only
# the page's own tags and attributes, no script and nothing fetched; the
# Markdown, rendered by cmark-gfm (GitHub's own), holds no raw HTML and
# every table row has the header's number of cells. The planted set
# tests/doc/hostile, whose every string is hostile markup, shows through
# both formats as its own text; a generated set of very long names,
# paths and files is written whole (check-long.py). Then each HTML page in headless Chromium
# (browser.mjs): it renders, its text holds every name, it makes no
# request, and a screenshot is kept in OUTDIR.
set -eu
T=${1:-build/threshold}
OUT=${2:-build/doc}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export THRESHOLD_RULES_PATH="$root/rules"
mkdir -p "$OUT"
command -v cmark-gfm >/dev/null || { echo "doc-test: cmark-gfm is needed: run make deps" >&2; exit 1; }
fail=0
sets=""
for d in "$root"/rules/*/; do
  [ -f "$d/ruleset.lua" ] && sets="$sets $(basename "$d")"
done
for s in $sets hostile; do
  src=$s; [ "$s" = hostile ] && src="$here/hostile"
  for fmt in md html; do
    if ! "$T" doc "$src" --format "$fmt" -o "$OUT/$s.$fmt" 2> "$OUT/$s.$fmt.err"; then
      echo "doc-test: $s --format $fmt failed:"; cat "$OUT/$s.$fmt.err"; fail=1
    fi
  done
  cmark-gfm --unsafe -e table -e strikethrough "$OUT/$s.md" > "$OUT/$s.md.html"
done
# the same document on standard output
"$T" doc core --format md | cmp -s - "$OUT/core.md" || { echo "doc-test: -o and standard output differ"; fail=1; }
# usage errors exit 2 and say why
for args in "" "core --format pdf" "no-such-set" "core core" "core --bogus" \
            "core -o $OUT/no-such-folder/core.html"; do
  rc=0
  # shellcheck disable=SC2086
  "$T" doc $args > /dev/null 2> "$OUT/usage.err" || rc=$?
  [ "$rc" = 2 ] && [ -s "$OUT/usage.err" ] || { echo "doc-test: 'doc $args': exit $rc, expected 2 with a message"; fail=1; }
done

python3 "$here/check.py" "$root" "$OUT" $sets hostile || fail=1
# a generated set whose names, cites, paths and files are thousands of
# characters long: every one written whole (check-long.py)
python3 "$here/check-long.py" "$T" "$OUT" || fail=1

if [ ! -d "$root/tests/serve/node_modules/playwright-core" ]; then
  echo "doc-test: the browser check needs its npm packages: run make deps" >&2; exit 1
fi
node "$here/browser.mjs" "$OUT" $sets hostile || fail=1
[ $fail = 0 ] && echo "doc-test: $(echo $sets | wc -w) shipped sets and the hostile set render as Markdown and HTML, in Chromium too (screenshots in $OUT)"
exit $fail
