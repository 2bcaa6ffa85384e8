#!/usr/bin/env bash
# Stop the zun-all that tools/aio-up.sh started, by its recorded PID.
# Containers keep running in the engine; delete them through the API first
# if they should go too.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
AIO_DIR=${ZUN_AIO_DIR:-$TOP/.aio}
PID_FILE=$AIO_DIR/zun-all.pid

if [ ! -f "$PID_FILE" ] || ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "[aio-down] zun-all is not running"
  rm -f "$PID_FILE"
  exit 0
fi
pid=$(cat "$PID_FILE")
kill -TERM "$pid"
for _ in $(seq 1 60); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  echo "[aio-down] zun-all ($pid) did not stop in 30 s; sending SIGKILL"
  kill -KILL "$pid"
fi
rm -f "$PID_FILE"
echo "[aio-down] stopped zun-all ($pid)"
