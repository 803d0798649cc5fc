#!/bin/sh
# The prelude may read only the globals it captures at its top; any other
# global access is a misspelt or forward-referenced local, which Lua would
# silently read as nil. luac5.4 lists every _ENV access.
luac=$(command -v luac5.4 || command -v luac) || { echo "lint: luac5.4 not installed"; exit 1; }
allowed='assert error getmetatable ipairs load math next pairs pcall rawequal rawget rawset select setmetatable string table tonumber tostring type utf8'
bad=$("$luac" -p -l "$1" | grep -o 'ETTABUP.*_ENV "[A-Za-z_0-9]*"' | sed 's/.*_ENV "\(.*\)"/\1/' | sort -u |
      while read -r name; do
        case " $allowed " in *" $name "*) ;; *) echo "$name" ;; esac
      done)
if [ -n "$bad" ]; then
  echo "lint: $1 uses globals it does not capture: $bad"; exit 1
fi
echo "lint: prelude uses only captured globals"
