#!/usr/bin/env bash
# `npm start` on a fresh embedded database, as a new user runs it: within 30 s it must print the demo admin
# key once and serve the stats endpoint with the demo funnel; it must stop cleanly (database included) on
# SIGTERM; and a second start must reuse the data without printing a key again.
set -euo pipefail

port=${SMOKE_PORT:-3999}
work=$(mktemp -d)
chmod 755 "$work"
export PORT=$port EMBEDDED_PG_DIR="$work/postgres" EMBEDDED_PG_PORT=${SMOKE_PG_PORT:-54999}
stats="http://127.0.0.1:$port/api/v1/admin/referrals/stats"

npm run build --silent
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT

start_service() { # $1: log file
  node dist/src/main.js >"$1" 2>&1 &
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
