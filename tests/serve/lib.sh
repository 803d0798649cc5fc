# Shared by the serve tests: a store with the example cases and one account
# per role, a server on a free loopback port, and signing in with curl.
# Needs: CLI (the threshold binary), WORK (a temporary folder).

PASS_prac=practitioner-pass-1
PASS_appr=approver-pass-12
PASS_lead=policy-lead-pass-1
PASS_ro=read-only-pass-12
PASS_victim=victim-pass-1234

make_store() {    # make_store STORE
  "$CLI" db init "$1" >/dev/null || return 1
  for f in "$EXAMPLES"/cases/0[1-8]*.json; do
    "$CLI" db import "$1" "$f" >/dev/null || return 1
  done
  "$CLI" db eval "$1" -r core >/dev/null || return 1
  printf '%s\n' "$PASS_prac" | "$CLI" db user add "$1" prac --role practitioner >/dev/null &&
  printf '%s\n' "$PASS_appr" | "$CLI" db user add "$1" appr --role approver >/dev/null &&
  printf '%s\n' "$PASS_lead" | "$CLI" db user add "$1" lead --role policy_lead >/dev/null &&
  printf '%s\n' "$PASS_ro" | "$CLI" db user add "$1" ro --role read_only >/dev/null &&
  printf '%s\n' "$PASS_victim" | "$CLI" db user add "$1" victim --role practitioner >/dev/null
}

# start_server STORE [ARGS...]: sets PORT, BASE, SERVER_PID; log in $WORK/server.log
start_server() {
  store=$1; shift
  for try in 1 2 3 4 5 6 7 8; do
    PORT=$(( 20000 + ($$ * 7 + try * 131) % 30000 ))
    "$CLI" serve "$store" --listen "127.0.0.1:$PORT" --threads 2 "$@" 2>"$WORK/server.log" &
    SERVER_PID=$!
    for i in $(seq 1 100); do
      if curl -s -o /dev/null "http://127.0.0.1:$PORT/login" 2>/dev/null; then
        BASE="http://127.0.0.1:$PORT"; return 0
      fi
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null
  done
  echo "serve: the server did not start:"; cat "$WORK/server.log"; return 1
}

stop_server() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=
}

# csrf_of FILE: the first form token in a saved page
csrf_of() { grep -o 'name="csrf" value="[0-9a-f]*"' "$1" | head -n 1 | sed 's/.*value="//; s/"$//'; }

# login NAME: a session in $WORK/NAME.jar; prints the status of the POST
login() {
  jar="$WORK/$1.jar"; rm -f "$jar"
  curl -s -c "$jar" -b "$jar" "$BASE/login" -o "$WORK/login.html"
  pass=$(eval "printf '%s' \"\$PASS_$1\"")
  curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "csrf=$(csrf_of "$WORK/login.html")" --data-urlencode "name=$1" \
    --data-urlencode "password=${2:-$pass}" "$BASE/login"
}
