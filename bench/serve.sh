#!/bin/bash
# make bench-serve: threshold serve under load. A store of 2,000 generated
# cases evaluated with core; a practitioner signed in; wrk with 50
# connections on loopback for SECONDS against the case page (each view
# evaluates the case and appends to the access log) and the evaluate form
# (a POST checked by the engine, nothing stored). Prints p50/p99 latency
# and requests/s from one run.
set -u
CLI=$1 GEN=$2 SECONDS_=${3:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
EXAMPLES=$root/examples
WORK=$(mktemp -d)
. "$root/tests/serve/lib.sh"
trap 'stop_server; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "bench-serve: needs wrk (make deps)" >&2; exit 1; }
store=$WORK/bench.db
"$GEN" 2000 >"$WORK/caseload.jsonl"
"$CLI" db init "$store" >/dev/null && "$CLI" db import "$store" "$WORK/caseload.jsonl" >/dev/null &&
  "$CLI" db eval "$store" -r core >/dev/null || exit 1
printf '%s\n' "$PASS_prac" | "$CLI" db user add "$store" prac --role practitioner >/dev/null || exit 1
start_server "$store" --quiet --threads 4 || exit 1
[ "$(login prac)" = 303 ] || { echo "bench-serve: cannot sign in" >&2; exit 1; }
cookie=$(awk '$6 == "th_session" { print $7 }' "$WORK/prac.jar")
curl -s -b "$WORK/prac.jar" "$BASE/cases/C0000042/edit" -o "$WORK/edit.html"
csrf=$(csrf_of "$WORK/edit.html")
# The evaluate form as a browser sends it: a case of some substance.
body="csrf=$csrf&action=check&id=C0000042&assessed_on=2026-11-02&child.dob=2019-05-01"
body="$body&concerns%5B0%5D.subtype=nutritional&concerns%5B0%5D.frequency=persistent"
body="$body&concerns%5B0%5D.impact=impairing_health_or_development&concerns%5B1%5D.subtype=medical"
body="$body&concerns%5B1%5D.frequency=frequent&concerns%5B1%5D.impact=some"
body="$body&carers%5B0%5D.relationship=mother&carers%5B0%5D.mental_health=impacting_parenting"
body="$body&household.home_conditions=unclean&household.food_in_home=inconsistent_no_routine"
body="$body&health.was_not_brought=repeated_no_contact&school.attendance_pct=88"
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "th_session=$cookie"
LUA
# check both answer 200 before timing them
s1=$(curl -s -o /dev/null -w '%{http_code}' -b "th_session=$cookie" "$BASE/cases/C0000042")
s2=$(curl -s -o /dev/null -w '%{http_code}' -b "th_session=$cookie" -d "$body" "$BASE/cases/C0000042/edit")
[ "$s1" = 200 ] && [ "$s2" = 200 ] || { echo "bench-serve: pages answer $s1 and $s2, not 200" >&2; exit 1; }
report() {  # report NAME: from wrk --latency output
  awk -v name="$1" '
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF } /Socket errors/ { err = $0 }
    END { printf "%-16s p50 %-9s p99 %-9s %8s req/s%s%s\n", name, p50, p99, rps,
          bad ? "  non-2xx: " bad : "", err ? "  " err : "" }' "$WORK/wrk.out"
}
echo "threshold serve, 2,000 cases, wrk -t2 -c50 -d${SECONDS_}s on loopback, 4 server threads:"
wrk -t2 -c50 -d"${SECONDS_}s" --latency -H "Cookie: th_session=$cookie" "$BASE/cases/C0000042" >"$WORK/wrk.out"
report "case page"
wrk -t2 -c50 -d"${SECONDS_}s" --latency -s "$WORK/post.lua" "$BASE/cases/C0000042/edit" >"$WORK/wrk.out"
report "evaluate form"
echo "access log entries written: $(sqlite3 "$store" 'SELECT count(*) FROM access_log')"
