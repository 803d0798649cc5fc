#!/bin/sh
# The store is its own library and a client of the engine's public API only:
#  - libthreshold needs neither SQLite nor libcsv;
#  - libthreshold_store exports exactly the functions its headers declare
#    (its linker version script is kept in step with them);
#  - the store's objects call nothing of the engine but th_* functions.
# usage: check-lib.sh libthreshold.so libthreshold_store.so "HEADERS..." store-objects...
set -u
engine=$1 store=$2 header=$3; shift 3
fail=0
if readelf -d "$engine" | grep -E 'NEEDED.*(sqlite|csv)'; then
  echo "store-lib: $engine links SQLite or libcsv"; fail=1
fi
declared=$(for h in $header; do sed -n 's/^TH_API [^(]*[ *]\(th_[a-z_0-9]*\)(.*/\1/p' "$h"; done | sort)
exported=$(nm -D --defined-only "$store" | awk '$2 == "T" {print $3}' | sort)
if [ "$declared" != "$exported" ]; then
  echo "store-lib: exports differ from $header (< declared, > exported):"
  printf '%s\n' "$declared" >/tmp/store-declared.$$; printf '%s\n' "$exported" >/tmp/store-exported.$$
  diff /tmp/store-declared.$$ /tmp/store-exported.$$; rm -f /tmp/store-declared.$$ /tmp/store-exported.$$
  fail=1
fi
internal=$(nm -u "$@" | awk '{print $2}' | grep -E '^(thi_|THI_)' | sort -u)
if [ -n "$internal" ]; then
  echo "store-lib: the store uses engine internals:"; echo "$internal"; fail=1
fi
[ $fail = 0 ] && echo "store-lib: $(printf '%s\n' "$exported" | wc -l) store functions exported, engine without SQLite, no internals used"
exit $fail
