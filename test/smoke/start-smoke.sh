#!/usr/bin/env bash
# `npm start` on a fresh embedded database, as a new user would run it: it must serve the stats endpoint with
# the demo funnel within 30 s, and stop cleanly (database included) on SIGTERM.
set -euo pipefail

port=${SMOKE_PORT:-3999}
work=$(mktemp -d)
chmod 755 "$work"
log="$work/start.log"
export PORT=$port EMBEDDED_PG_DIR="$work/postgres" EMBEDDED_PG_PORT=${SMOKE_PG_PORT:-54999}

npm run build --silent
started=$(date +%s%N)
node dist/src/main.js >"$log" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$work"' EXIT

body=""
for _ in $(seq 1 300); do
  if body=$(curl -fsS "http://127.0.0.1:$port/api/v1/admin/referrals/stats" 2>/dev/null); then break; fi
  if ! kill -0 $pid 2>/dev/null; then echo "smoke: the service exited during startup:"; cat "$log"; exit 1; fi
  sleep 0.1
done
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
[ -n "$body" ] || { echo "smoke: no answer within 30 s"; cat "$log"; exit 1; }
echo "smoke: first answer after ${elapsed_ms} ms: $body"
echo "$body" | grep -q '"clicks":42,"attributed_signups":9,"qualified_referrals":3,"review_required":1,"rewarded_referrals":2' \
  || { echo "smoke: the demo funnel is not what the contract's example shows"; exit 1; }

kill -TERM $pid
for _ in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then echo "smoke: still running 10 s after SIGTERM"; cat "$log"; exit 1; fi
wait $pid && code=0 || code=$?
[ "$code" -eq 0 ] || { echo "smoke: exit code $code after SIGTERM"; cat "$log"; exit 1; }
if pgrep -f "postgres -D $work/postgres" >/dev/null; then echo "smoke: embedded PostgreSQL left running"; exit 1; fi
echo "smoke: clean shutdown on SIGTERM"
