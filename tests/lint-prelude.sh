#!/bin/sh
# Lint the prelude's modules (engine/prelude/*.lua and fast/*.lua, or the
# files given):
# - a module may read only the globals the modules capture at their top;
#   any other global access is a misspelt or forward-referenced local,
#   which Lua would silently read as nil; and it may set none. luac5.4
#   lists every _ENV access.
# - a module's main chunk keeps well below Lua's ceiling of 200 locals
#   (MAXVARS): the one file that held the whole prelude reached it.
luac=$(command -v luac5.4 || command -v luac) || { echo "lint: luac5.4 not installed"; exit 1; }
allowed='assert error getmetatable ipairs load math next pairs pcall rawequal rawget rawset select setmetatable string table tonumber tostring type utf8'
max_locals=120
[ $# -gt 0 ] || set -- engine/prelude/*.lua engine/prelude/fast/*.lua
status=0
for f in "$@"; do
  listing=$("$luac" -p -l -l "$f") || { status=1; continue; }
  bad=$(printf '%s\n' "$listing" | grep -o 'GETTABUP.*_ENV "[A-Za-z_0-9]*"' |
        sed 's/.*_ENV "\(.*\)"/\1/' | sort -u |
        while read -r name; do
          case " $allowed " in *" $name "*) ;; *) echo "$name" ;; esac
        done)
  if [ -n "$bad" ]; then
    echo "lint: $f uses globals it does not capture: $bad"; status=1
  fi
  set_globals=$(printf '%s\n' "$listing" | grep -o 'SETTABUP.*_ENV "[A-Za-z_0-9]*"' |
                sed 's/.*_ENV "\(.*\)"/\1/' | sort -u | tr '\n' ' ')
  if [ -n "$set_globals" ]; then
    echo "lint: $f sets globals: $set_globals"; status=1
  fi
  # the main function's locals: the first "locals (N)" luac lists
  locals=$(printf '%s\n' "$listing" | sed -n 's/^locals (\([0-9]*\)).*/\1/p' | head -n 1)
  if [ "${locals:-0}" -gt "$max_locals" ]; then
    echo "lint: $f: its main chunk declares $locals locals (at most $max_locals here; Lua's limit is 200)"
    status=1
  fi
done
[ $status -eq 0 ] && echo "lint: $# prelude modules use only captured globals, each under $max_locals top-level locals"
exit $status
