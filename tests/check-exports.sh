#!/bin/sh
# The shared library exports the public API (th_*) and nothing else.
lib=$1
extra=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^th_' | grep -v '^$')
if [ -n "$extra" ]; then
  echo "exports: symbols outside the th_ namespace:"; echo "$extra"
  exit 1
fi
echo "exports: $(nm -D --defined-only "$lib" | grep -c ' T th_') public functions, nothing else"
