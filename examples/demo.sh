#!/bin/sh
# make demo: evaluate the example cases with the core rule set and print
# each suggestion as a practitioner would read it; then the same cases as a
# JSON Lines stream, as an embedding system would send them.
set -u
cli=${1:-build/threshold}
here=$(dirname "$0")
for f in "$here"/cases/*.json; do
  printf '\n==================== %s ====================\n' "$(basename "$f")"
  "$cli" eval -r core "$f"
done
printf '\n==================== JSON Lines: one result per line ====================\n'
for f in "$here"/cases/*.json; do tr -d '\n' < "$f"; echo; done |
  "$cli" eval -r core - | cut -c1-160
exit 0
