#!/bin/sh
# A shared library exports exactly the functions its public headers declare:
# every defined dynamic symbol (functions and data alike) is a function
# declared TH_API in one of the headers, and every function so declared is
# exported. Usage: check-exports.sh LIBRARY.so HEADER...
set -u
lib=$1; shift
PYTHON=${PYTHON:-python3}
tmp=${TMPDIR:-/tmp}/check-exports.$$
trap 'rm -f "$tmp".declared "$tmp".exported "$tmp".kinds' EXIT
# The declarations, comments removed and lines joined: TH_API at the start
# of a line, the function's name before its first parenthesis.
"$PYTHON" - "$@" > "$tmp".declared <<'PY' || exit 2
import re, sys
names = set()
for path in sys.argv[1:]:
    text = re.sub(r'/\*.*?\*/', ' ', open(path).read(), flags=re.S)
    for m in re.finditer(r'^TH_API\b([^;{]*?)\b([A-Za-z_]\w*)\s*\(', text, flags=re.M):
        names.add(m.group(2))
for n in sorted(names):
    print(n)
PY
nm -D --defined-only "$lib" | awk 'NF == 3 {print $3 " " $2}' | sort > "$tmp".kinds
awk '{print $1}' "$tmp".kinds > "$tmp".exported
fail=0
extra=$(comm -13 "$tmp".declared "$tmp".exported)
missing=$(comm -23 "$tmp".declared "$tmp".exported)
notfn=$(awk '$2 != "T" {print $1 " (" $2 ")"}' "$tmp".kinds)
if [ -n "$extra" ]; then
  echo "exports: $lib exports what $* do not declare:"; echo "$extra"; fail=1
fi
if [ -n "$missing" ]; then
  echo "exports: $lib does not export what $* declare:"; echo "$missing"; fail=1
fi
if [ -n "$notfn" ]; then
  echo "exports: $lib exports symbols that are not functions:"; echo "$notfn"; fail=1
fi
[ $fail = 0 ] && echo "exports: $(basename "$lib"): $(wc -l < "$tmp".exported) functions, exactly those of $*"
exit $fail
