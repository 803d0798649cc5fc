#!/bin/sh
# make install into a temporary DESTDIR, then make uninstall: every file
# install wrote is gone, a local rule set kept among the installed ones
# stays, pkg-config names the rules folder, and the installed library finds
# the installed core by name.
#   tests/install.sh MAKE
set -u
make=${1:-make}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
dest=$tmp/dest
prefix=/opt/threshold-test

cd "$root" || exit 2
$make --no-print-directory install DESTDIR="$dest" PREFIX=$prefix >"$tmp/log" 2>&1 ||
  { cat "$tmp/log"; exit 1; }
rules=$dest$prefix/share/threshold/rules
[ -f "$rules/core/ruleset.lua" ] && [ -x "$dest$prefix/bin/threshold" ] &&
  [ -f "$dest$prefix/include/threshold.h" ] && ok || bad "installed files missing"
n_rules=$(cd rules && find . -type f -name '*.lua' | wc -l)
[ "$(cd "$rules" && find . -type f | wc -l)" = "$n_rules" ] && ok || bad "rule files installed"
PKG_CONFIG_PATH=$dest$prefix/lib/pkgconfig pkg-config --variable=rulesdir threshold \
  >"$tmp/rulesdir" 2>&1
[ "$(cat "$tmp/rulesdir")" = "$prefix/share/threshold/rules" ] && ok ||
  bad "pkg-config rulesdir: $(cat "$tmp/rulesdir")"
# The installed command, finding core by name through THRESHOLD_RULES_PATH.
THRESHOLD_RULES_PATH=$rules "$dest$prefix/bin/threshold" eval -r core \
  examples/cases/01_universal_toddler.json >"$tmp/eval" 2>&1
grep -q '^Suggested pathway: Universal services' "$tmp/eval" && ok || bad "installed eval: $(cat "$tmp/eval")"

# The man pages are installed and render; the completion is valid bash and
# completes rule set names.
for m in man1/threshold.1 man5/threshold-rules.5 man3/libthreshold.3; do
  MANWIDTH=80 man -l "$dest$prefix/share/man/$m" 2>/dev/null | grep -q '^NAME' && ok ||
    bad "man page $m not installed or does not render"
done
comp=$dest$prefix/share/bash-completion/completions/threshold
bash -n "$comp" && ok || bad "completion is not valid bash"
got=$(THRESHOLD_RULES_PATH=$rules bash -c ". '$comp'; COMP_WORDS=(threshold eval -r pet);
  COMP_CWORD=3; _threshold; echo \${COMPREPLY[*]}")
[ "$got" = peterborough ] && ok || bad "completion of -r pet: '$got'"

# A local set kept in the installed rules folder survives uninstall.
mkdir -p "$rules/mylocal"
echo 'ruleset { id = "mylocal", version = "1", extends = "core" }' >"$rules/mylocal/ruleset.lua"
$make --no-print-directory uninstall DESTDIR="$dest" PREFIX=$prefix >"$tmp/log" 2>&1 ||
  { cat "$tmp/log"; exit 1; }
left=$(cd "$dest" && find . -type f | sort)
[ "$left" = "./opt/threshold-test/share/threshold/rules/mylocal/ruleset.lua" ] && ok ||
  bad "uninstall left or removed the wrong files: $left"
[ ! -e "$rules/core" ] && ok || bad "uninstall left the core folder"

echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
