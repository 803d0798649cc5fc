#!/bin/bash
# threshold serve's security properties, through HTTP as a browser or an
# attacker sends it: no session => redirect to sign in; wrong role => 403;
# a missing or wrong CSRF token => 403; a viewed case is in the access log
# (and its chain holds); a password is stored only as an argon2id hash;
# cookie flags, CSP, the login rate limit, error statuses, no case content
# in the server's own log, and malformed HTTP from raw sockets, after which
# the server still answers. Then the browser flow (browser.mjs).
# bash for /dev/tcp (raw sockets).
set -u
CLI=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
EXAMPLES=$root/examples
WORK=$(mktemp -d)
. "$root/tests/serve/lib.sh"
trap 'stop_server; rm -rf "$WORK"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL serve: $*"; }
# expect WANT GOT WHAT
expect() { if [ "$2" = "$1" ]; then ok; else bad "$3: got '$2', wanted '$1'"; fi; }
# status METHOD PATH [USER] [curl args...]: the HTTP status
status() {
  m=$1 p=$2 u=${3:-}; shift 3 2>/dev/null || shift $#
  jar=${u:+$WORK/$u.jar}
  curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$m" ${jar:+-b "$jar"} "$@" "$BASE$p"
}
header() { grep -i "^$1:" "$WORK/headers" | head -n 1 | tr -d '\r' | sed 's/^[^:]*: //'; }

store=$WORK/cases.db
make_store "$store" || { echo "serve: could not make the store"; exit 1; }

# --- passwords: only argon2id hashes --------------------------------------
n=$(sqlite3 "$store" "SELECT count(*) FROM users WHERE password LIKE '\$argon2id\$v=19\$m=19456,t=2,p=1\$%'")
expect 5 "$n" "accounts with an argon2id hash"
sqlite3 "$store" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
if grep -qaF "$PASS_prac" "$store" "$store-wal" 2>/dev/null; then bad "a password is in the store in clear"; else ok; fi
sqlite3 "$store" "INSERT INTO users VALUES ('plain', 'practitioner', 'secret-password', 'x')" 2>/dev/null &&
  bad "the store took a password that is not an argon2id hash" || ok
printf 'short\n' | "$CLI" db user add "$store" tiny --role practitioner 2>/dev/null && bad "a 5-byte password was taken" || ok
printf '%s\n' "$PASS_prac" | "$CLI" db user add "$store" prac --role practitioner 2>/dev/null && bad "a taken name was taken again" || ok

# --- an older store gains the tables, keeping its cases -------------------
old=$WORK/old.db
cp "$store" "$old"
sqlite3 "$old" 'DROP TABLE users; DROP TABLE sessions; DROP TABLE access_log; DROP TABLE overrides; ALTER TABLE decisions DROP COLUMN type; ALTER TABLE decisions DROP COLUMN approver; PRAGMA user_version = 1'
printf '%s\n' "$PASS_ro" | "$CLI" db user add "$old" ro --role read_only >/dev/null || bad "a schema-1 store was not upgraded"
expect 4 "$(sqlite3 "$old" 'PRAGMA user_version')" "upgraded schema version"
expect 8 "$(sqlite3 "$old" 'SELECT count(*) FROM cases')" "cases kept through the upgrade"

start_server "$store" || exit 1

# --- no session: redirect to sign in --------------------------------------
for p in /cases /cases/EX-03 /cases/EX-03/edit /report /approvals /; do
  expect 303 "$(status GET "$p")" "GET $p without a session"
  case $(header Location) in /login?next=*) ok ;; *) bad "GET $p: Location $(header Location)" ;; esac
done
expect 303 "$(status POST /cases/EX-03/decide '' -d choice=agree)" "POST decide without a session"
expect 0 "$(sqlite3 "$store" 'SELECT count(*) FROM decisions')" "decisions after a POST without a session"
expect 303 "$(status GET /cases '' -b 'th_session=0000000000000000000000000000000000000000000000000000000000000000')" "a forged session cookie"

# --- signing in -----------------------------------------------------------
curl -s -c "$WORK/x.jar" "$BASE/login" -o /dev/null -D "$WORK/headers"
case $(header Set-Cookie) in *HttpOnly*SameSite=Strict*) ok ;; *) bad "login cookie flags: $(header Set-Cookie)" ;; esac
expect 403 "$(status POST /login '' -d name=prac --data-urlencode "password=$PASS_prac")" "sign in without the form's token"
expect 401 "$(login prac wrong-password-123)" "a wrong password"
for u in prac appr lead ro; do expect 303 "$(login $u)" "sign in as $u"; done
curl -s -b "$WORK/ro.jar" -c /dev/null -D "$WORK/headers" -o "$WORK/login.html" "$BASE/login"
csrf=$(csrf_of "$WORK/login.html")
curl -s -c "$WORK/y.jar" -b "$WORK/y.jar" "$BASE/login" -o "$WORK/l2.html"
curl -s -D "$WORK/headers" -o /dev/null -b "$WORK/y.jar" --data-urlencode "csrf=$(csrf_of "$WORK/l2.html")" \
  -d name=ro --data-urlencode "password=$PASS_ro" "$BASE/login"
sc=$(grep -i '^Set-Cookie: th_session=' "$WORK/headers" | tr -d '\r')
case $sc in *HttpOnly*SameSite=Strict*) ok ;; *) bad "session cookie flags: $sc" ;; esac
case $sc in *Secure*) bad "Secure cookie on loopback (a browser would not send it over http)" ;; *) ok ;; esac
csp=$(header Content-Security-Policy)
case $csp in *"script-src 'self'"*) ok ;; *) bad "CSP: $csp" ;; esac
case $csp in *unsafe-inline*|*unsafe-eval*) bad "CSP allows inline code: $csp" ;; *) ok ;; esac
expect nosniff "$(header X-Content-Type-Options)" "X-Content-Type-Options"

# --- login rate limit: five failures for an account, then 429 --------------
for i in 1 2 3 4 5; do expect 401 "$(login victim wrong-password-$i)" "failure $i"; done
expect 429 "$(login victim)" "sign in after five failures, even with the right password"
expect 303 "$(login prac)" "another account is not limited"

# --- wrong role: 403 -------------------------------------------------------
expect 403 "$(status GET /report ro)" "read-only: report"
expect 403 "$(status GET /diff prac)" "practitioner: rule-change preview"
expect 403 "$(status GET /approvals prac)" "practitioner: approvals"
expect 403 "$(status GET /cases/new ro)" "read-only: new case"
expect 403 "$(status GET /cases/EX-03/edit lead)" "policy lead: edit a case"
status GET /cases/EX-03 ro >/dev/null; rtok=$(csrf_of "$WORK/body")
expect 403 "$(status POST /cases/EX-03/decide ro --data-urlencode "csrf=$rtok" -d choice=agree)" "read-only: decide"
status GET /cases/EX-03 lead >/dev/null; ltok=$(csrf_of "$WORK/body")
expect 403 "$(status POST /cases/EX-03/decide lead --data-urlencode "csrf=$ltok" -d choice=agree)" "policy lead: decide"
expect 200 "$(status GET /report lead)" "policy lead: report"
expect 200 "$(status GET /approvals appr)" "approver: approvals"
expect 0 "$(sqlite3 "$store" 'SELECT count(*) FROM decisions')" "decisions after refused requests"

# --- CSRF: missing or wrong => 403, nothing recorded ----------------------
status GET /cases/EX-03 prac >/dev/null; ptok=$(csrf_of "$WORK/body")
expect 403 "$(status POST /cases/EX-03/decide prac -d choice=agree)" "decide without a CSRF token"
expect 403 "$(status POST /cases/EX-03/decide prac -d choice=agree -d csrf=$rtok)" "decide with another session's token"
expect 403 "$(status POST /cases/EX-03/edit prac -d action=save -d assessed_on=2026-11-02)" "save without a CSRF token"
expect 403 "$(status POST /logout prac)" "sign out without a CSRF token"
expect 0 "$(sqlite3 "$store" 'SELECT count(*) FROM decisions')" "decisions after forged requests"
expect 303 "$(status POST /cases/EX-03/decide prac --data-urlencode "csrf=$ptok" -d choice=agree)" "decide with the token"
expect 1 "$(sqlite3 "$store" 'SELECT count(*) FROM decisions')" "the decision is recorded"

# --- a viewed case is in the access log -----------------------------------
expect 200 "$(status GET /cases/EX-05 ro)" "read-only: view a case"
"$CLI" db access "$store" EX-05 >"$WORK/access" ; st=$?
expect 0 "$st" "db access exit status (the chain holds)"
grep -q ' ro  *view  *EX-05$' "$WORK/access" && ok || { bad "the view is not in the access log"; cat "$WORK/access"; }
grep -q 'the chain holds' "$WORK/access" && ok || bad "access log chain"
sqlite3 "$store" "UPDATE access_log SET body = replace(body, '\"ro\"', '\"xx\"')" 2>/dev/null &&
  bad "the access log took an update" || ok
expect 404 "$(status GET /cases/NO-SUCH ro)" "an unknown case"

# --- error pages and statuses ---------------------------------------------
expect 404 "$(status GET /nowhere ro)" "an unknown page"
grep -q 'Not found' "$WORK/body" && ok || bad "404 page text"
expect 405 "$(status PUT /cases ro)" "PUT"
expect "GET, POST" "$(header Allow)" "405 Allow"
expect 405 "$(status GET /cases/EX-03/decide prac)" "GET on a POST-only address"
expect 415 "$(status POST /cases/EX-03/decide prac -H 'Content-Type: application/json' -d '{}')" "a POST that is not a form"
head -c 300000 /dev/zero | tr '\0' 'a' >"$WORK/big"
expect 413 "$(status POST /cases/EX-03/decide prac --data-urlencode "reason@$WORK/big")" "a too-large form"
status GET /cases/EX-03 prac >/dev/null
expect 400 "$(status POST /cases/EX-03/decide prac --data-urlencode "csrf=$ptok" -d choice=override -d level=child_protection -d type=discretionary -d reason=)" "an override without a reason"
grep -q 'a reason is required' "$WORK/body" && ok || bad "the reason message"
expect 200 "$(status GET /static/app.css ro)" "the stylesheet"
expect 404 "$(status GET /static/../../etc/passwd ro)" "a path outside static"

# --- a case id of any length opens (it was cut at 255 bytes: 404) ----------
long_id=LONG-$(head -c 400 /dev/zero | tr '\0' 'x')
python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); c["id"]=sys.argv[2]; print(json.dumps(c))' \
  "$EXAMPLES/cases/01_universal_toddler.json" "$long_id" > "$WORK/long.jsonl" 2>/dev/null ||
  bad "could not make the long-id case"
"$CLI" db import "$store" "$WORK/long.jsonl" >/dev/null || bad "import of a case with a 405-byte id"
expect 200 "$(status GET "/cases/$long_id" ro)" "a case with a 405-byte id"
grep -qF "$long_id" "$WORK/body" && ok || bad "the long id on its page"

# --- the form is checked with the engine's messages -----------------------
status GET /cases/EX-03/edit prac >/dev/null; etok=$(csrf_of "$WORK/body")
expect 200 "$(status POST /cases/EX-03/edit prac --data-urlencode "csrf=$etok" -d action=check -d 'child.dob=2021-02-30' -d 'concerns[0].frequency=persistent')" "check an edit"
grep -q 'expected a real calendar date' "$WORK/body" && ok || bad "the engine's date message beside the field"
expect 422 "$(status POST /cases/EX-03/edit prac --data-urlencode "csrf=$etok" -d action=save -d 'child.dob=2021-02-30')" "save an invalid case"
expect 1 "$(sqlite3 "$store" "SELECT version FROM cases WHERE id = 'EX-03'")" "an invalid case is not stored"
expect 303 "$(status POST /cases/EX-03/edit prac --data-urlencode "csrf=$etok" -d action=save -d 'school.attendance_pct=85')" "save a valid edit"
expect 2 "$(sqlite3 "$store" "SELECT version FROM cases WHERE id = 'EX-03'")" "a valid edit is a new version"
expect 1 "$(sqlite3 "$store" "SELECT count(*) FROM case_versions v JOIN case_docs d ON d.hash = v.hash WHERE v.case_id = 'EX-03' AND v.version = 2 AND json_extract(d.doc, '\$.concerns[0].indicator') IS NOT NULL AND json_extract(d.doc, '\$.school.attendance_pct') = 85")" "the edit keeps the rest of the case"

# --- override, approval ---------------------------------------------------
expect 303 "$(status POST /cases/EX-04/decide prac --data-urlencode "csrf=$ptok" -d choice=override -d level=child_in_need -d type=discretionary --data-urlencode 'reason=Known family, support in place')" "a discretionary override"
oid=$(sqlite3 "$store" "SELECT id FROM overrides WHERE case_id = 'EX-04' AND state = 'waiting'")
[ -n "$oid" ] && ok || bad "the override does not wait for approval"
expect 0 "$(sqlite3 "$store" "SELECT count(*) FROM decisions WHERE case_id = 'EX-04'")" "no decision before approval"
status GET /approvals appr >/dev/null; atok=$(csrf_of "$WORK/body")
expect 303 "$(status POST /approvals/$oid appr --data-urlencode "csrf=$atok" -d action=approve)" "approve"
expect 1 "$(sqlite3 "$store" "SELECT count(*) FROM decisions WHERE case_id = 'EX-04' AND agree = 0")" "the approved override is a decision"
expect 409 "$(status POST /approvals/$oid appr --data-urlencode "csrf=$atok" -d action=approve)" "approve twice"
"$CLI" db verify "$store" >/dev/null && ok || bad "the decision log verifies"

# --- no case content in the server's own log ------------------------------
for needle in EX-03 EX-04 EX-05 "Known family" "$PASS_prac" 2021-02-30; do
  grep -qF -- "$needle" "$WORK/server.log" && bad "the server log holds '$needle'" || ok
done
grep -q '/cases/:id' "$WORK/server.log" && ok || bad "the server log names routes"

# --- malformed HTTP from raw sockets --------------------------------------
port=$PORT
raw() {   # raw BYTES: send, read the reply's status line (or nothing)
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%b' "$1" >&3
  timeout 5 head -n 1 <&3 | tr -d '\r'
  exec 3<&- 3>&-
}
long=$(head -c 70000 /dev/zero | tr '\0' 'x')
while IFS='|' read -r name bytes want; do
  got=$(raw "$bytes")
  # N/reset: status N, or a reset before the reply could be read (the server
  # refuses while the client is still sending, and closing with the rest
  # unread resets the connection: a race, not a fault)
  code=${want%/reset}
  [ "$code" != "$want" ] && [ -z "$got" ] && got="HTTP/1.1 $code (reset before the reply was read)"
  case $got in "HTTP/1.1 $code"*|"HTTP/1.0 $code"*) ok ;; *)
    [ "$want" = any ] && ok || bad "raw $name: '$got', wanted $want" ;; esac
  expect 303 "$(status GET /cases)" "the server answers after $name"
done <<RAW
garbage|\x00\x01\x02\xff\xfe garbage\r\n\r\n|any
no version|GET /cases\r\n\r\n|any
bad version|GET /cases HTTP/9.9\r\nHost: x\r\n\r\n|any
header without colon|GET /cases HTTP/1.1\r\nHost x\r\n\r\n|400
no host|GET /cases HTTP/1.1\r\n\r\n|400
huge header|GET /cases HTTP/1.1\r\nHost: x\r\nX-Big: $long\r\n\r\n|431/reset
bad content length|POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n|400
content length too short|POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nname=a|any
bad chunk|POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nZZZ\r\nxx\r\n|400
nul in path|GET /cas\x00es HTTP/1.1\r\nHost: x\r\n\r\n|any
half a request|GET /ca|any
RAW
kill -0 "$SERVER_PID" 2>/dev/null && ok || bad "the server died"

# --- sign out ends the session --------------------------------------------
status GET /cases ro >/dev/null; otok=$(csrf_of "$WORK/body")
expect 303 "$(status POST /logout ro --data-urlencode "csrf=$otok")" "sign out"
expect 303 "$(status GET /cases ro)" "the old session after signing out"
stop_server

# --- Secure cookies when asked (behind a TLS proxy) -------------------------
start_server "$store" --secure-cookies || exit 1
curl -s -o /dev/null -D "$WORK/headers" "$BASE/login"
case $(header Set-Cookie) in *Secure*) ok ;; *) bad "--secure-cookies: $(header Set-Cookie)" ;; esac
stop_server

echo "serve: $pass passed, $fail failed"
[ "$fail" = 0 ]
