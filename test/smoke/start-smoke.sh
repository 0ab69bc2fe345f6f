#!/usr/bin/env bash
# `npm start` on a fresh embedded database, as a new user runs it: within 30 s it must print the demo admin
# key once and serve the stats endpoint with the demo funnel; it must stop cleanly (database included) on
# SIGTERM; and a second start must reuse the data without printing a key again. Then the faults a newcomer
# meets: the service killed with -9 (its PostgreSQL left running), the terminal closed (SIGHUP to the whole
# process group), another program on the database port, and (as root, as CI runs) the project in a 0700
# directory such as /root/app.
set -euo pipefail

port=${SMOKE_PORT:-3999}
work=$(mktemp -d)
chmod 755 "$work"
export PORT=$port EMBEDDED_PG_DIR="$work/postgres" EMBEDDED_PG_PORT=${SMOKE_PG_PORT:-54999}
stats="http://127.0.0.1:$port/api/v1/admin/referrals/stats"

npm run build --silent
pid=""
foreign=""
private=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; [ -n "$foreign" ] && kill $foreign 2>/dev/null; [ -f "$work/postgres/postmaster.pid" ] && kill -INT "$(head -1 "$work/postgres/postmaster.pid")" 2>/dev/null; rm -rf "$work"; [ -n "$private" ] && rm -rf "$private"' EXIT

start_service() { # $1: log file; $2 (optional): a directory to start in, as its own session (like a terminal)
  if [ -n "${2:-}" ]; then
    (cd "$2" && exec setsid node dist/src/main.js) >"$1" 2>&1 &
  else
    setsid node dist/src/main.js >"$1" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; then return 0; fi
    if ! kill -0 $pid 2>/dev/null; then echo "smoke: the service exited during startup:"; cat "$1"; exit 1; fi
    sleep 0.1
  done
  echo "smoke: not ready within 30 s"; cat "$1"; exit 1
}

stop_service() { # $1: log file
  kill -TERM $pid
  for _ in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  if kill -0 $pid 2>/dev/null; then echo "smoke: still running 10 s after SIGTERM"; cat "$1"; exit 1; fi
  local code=0
  wait $pid || code=$?
  pid=""
  [ "$code" -eq 0 ] || { echo "smoke: exit code $code after SIGTERM"; cat "$1"; exit 1; }
  if pgrep -f "postgres -D $work/postgres" >/dev/null; then echo "smoke: embedded PostgreSQL left running"; exit 1; fi
}

started=$(date +%s%N)
start_service "$work/first.log"
key=$(grep -oE 'crw_live_[0-9A-Za-z]{49}' "$work/first.log" | head -1)
[ -n "$key" ] || { echo "smoke: no demo key printed on first start"; cat "$work/first.log"; exit 1; }
body=$(curl -fsS -H "x-api-key: $key" "$stats")
echo "smoke: ready and answering after $(( ($(date +%s%N) - started) / 1000000 )) ms: $body"
echo "$body" | grep -q '"clicks":42,"attributed_signups":9,"qualified_referrals":3,"review_required":1,"rewarded_referrals":2' \
  || { echo "smoke: the demo funnel is not the contract's example"; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' "$stats")
[ "$status" = 401 ] || { echo "smoke: expected 401 without a key, got $status"; exit 1; }
grep -q "curl -s -H \"x-api-key: $key\"" "$work/first.log" || { echo "smoke: no ready curl line printed"; exit 1; }
stop_service "$work/first.log"
echo "smoke: clean shutdown on SIGTERM"

start_service "$work/second.log"
if grep -q 'crw_live_' "$work/second.log"; then echo "smoke: a key was printed again on the second start"; exit 1; fi
curl -fsS -o /dev/null -H "x-api-key: $key" "$stats" || { echo "smoke: the demo key stopped working after a restart"; exit 1; }
stop_service "$work/second.log"
echo "smoke: second start reused the data and printed no key"

# kill -9: nothing runs the service's shutdown, so its PostgreSQL stays up on the data directory.
start_service "$work/killed.log"
kill -9 $pid; wait $pid 2>/dev/null || true; pid=""
pgrep -f "postgres -D $work/postgres" >/dev/null || { echo "smoke: expected PostgreSQL to outlive kill -9 (the case under test)"; exit 1; }
start_service "$work/after-kill.log"
grep -q 'left running on' "$work/after-kill.log" || { echo "smoke: the leftover PostgreSQL was not recognised"; cat "$work/after-kill.log"; exit 1; }
curl -fsS -o /dev/null -H "x-api-key: $key" "$stats" || { echo "smoke: the data is gone after kill -9 and a restart"; exit 1; }
echo "smoke: after kill -9, the next start stopped the leftover PostgreSQL and serves the same data"

# A closed terminal: SIGHUP to the service's whole process group (PostgreSQL included, which reloads on it).
kill -HUP -- -$pid
for _ in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
code=0; wait $pid || code=$?; pid=""
[ "$code" -eq 0 ] || { echo "smoke: exit code $code after SIGHUP"; cat "$work/after-kill.log"; exit 1; }
if pgrep -f "postgres -D $work/postgres" >/dev/null; then echo "smoke: PostgreSQL left running after SIGHUP"; exit 1; fi
start_service "$work/after-hup.log"
curl -fsS -o /dev/null -H "x-api-key: $key" "$stats" || { echo "smoke: the data is gone after SIGHUP and a restart"; exit 1; }
stop_service "$work/after-hup.log"
echo "smoke: SIGHUP stops the service and its PostgreSQL cleanly; the next start serves the same data"

# Another program on the database port: a clear error naming the port, and no attempt to stop it.
node -e "require('net').createServer().listen(Number(process.argv[1]), '127.0.0.1')" "$EMBEDDED_PG_PORT" &
foreign=$!
for _ in $(seq 1 50); do (echo >/dev/tcp/127.0.0.1/$EMBEDDED_PG_PORT) 2>/dev/null && break; sleep 0.1; done
code=0; timeout 30 node dist/src/main.js >"$work/foreign.log" 2>&1 || code=$?
[ "$code" -eq 1 ] || { echo "smoke: expected exit code 1 with the port taken, got $code"; cat "$work/foreign.log"; exit 1; }
grep -q "cannot listen on 127.0.0.1:$EMBEDDED_PG_PORT: another process uses the port" "$work/foreign.log" \
  || { echo "smoke: no clear error for a taken port"; cat "$work/foreign.log"; exit 1; }
kill -0 $foreign || { echo "smoke: the foreign process on the port was stopped"; exit 1; }
kill $foreign; wait $foreign 2>/dev/null || true; foreign=""
echo "smoke: a foreign process on the database port gets a clear error and is left alone"

# As root, PostgreSQL runs as the postgres user, who cannot enter a 0700 directory: the project cloned into
# /root/app must still start (binaries and data moved where that user can reach them).
if [ "$(id -u)" -eq 0 ]; then
  runtime=/var/lib/crawlora/runtime
  had_runtime=$([ -d $runtime ] && echo yes || echo no)
  private=$(mktemp -d -p "$PWD" .smoke-private.XXXXXX)
  chmod 700 "$private"
  mkdir "$private/app"
  # Hard links (same file system, so it is quick); the build writes its own dist/ there.
  for entry in * .[!.]*; do
    case "$entry" in .git | dist | .data | .smoke-private.* | test-artifacts) continue ;; esac
    [ -e "$entry" ] && cp -al "$entry" "$private/app/"
  done
  if id postgres >/dev/null 2>&1 && runuser -u postgres -- test -x "$private/app/node_modules"; then
    echo "smoke: the postgres user can enter $private: the 0700 case is not being tested"; exit 1
  fi
  (cd "$private/app" && exec setsid env -u EMBEDDED_PG_DIR npm start) >"$work/private.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 900); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null && break
    kill -0 $pid 2>/dev/null || { echo "smoke: npm start as root in a 0700 directory exited:"; cat "$work/private.log"; exit 1; }
    sleep 0.1
  done
  private_key=$(grep -oE 'crw_live_[0-9A-Za-z]{49}' "$work/private.log" | head -1)
  curl -fsS -o /dev/null -H "x-api-key: $private_key" "$stats" || { echo "smoke: not serving as root from a 0700 directory"; cat "$work/private.log"; exit 1; }
  data_dir=$(grep -oE 'data in /var/lib/crawlora/[0-9a-f]+/postgres' "$work/private.log" | head -1 | sed 's/^data in //')
  [ -n "$data_dir" ] || { echo "smoke: the data did not move out of the 0700 directory"; cat "$work/private.log"; exit 1; }
  # Ctrl-C in the terminal: SIGINT to npm start's whole process group.
  kill -INT -- -$pid
  for _ in $(seq 1 100); do pgrep -g $pid >/dev/null || break; sleep 0.1; done
  wait $pid 2>/dev/null || true; pid=""
  if pgrep -f "postgres -D $data_dir" >/dev/null; then echo "smoke: PostgreSQL left running in $data_dir"; exit 1; fi
  grep -q "copying the PostgreSQL binaries to $runtime/" "$work/private.log" || [ "$had_runtime" = yes ] \
    || { echo "smoke: the binaries were not copied where the postgres user can reach them"; exit 1; }
  rm -rf "$(dirname "$data_dir")"
  [ "$had_runtime" = yes ] || rm -rf $runtime
  echo "smoke: npm start as root from a 0700 directory serves (data in $data_dir, removed)"
fi
