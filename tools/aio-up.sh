#!/usr/bin/env bash
# Set up and start an all-in-one zun on this machine, then run a first
# container. For a fresh Debian 12 machine, as root. Re-running is safe.
#
# What it does:
#   1. installs Debian's docker.io engine if it is absent and starts it if it
#      is not running; makes a busybox image (pulled, or built from the
#      busybox-static package when no registry is reachable);
#   2. creates the virtualenv $ZUN_VENV (default: .venv in the checkout) with
#      zun, python-zunclient and python-openstackclient;
#   3. writes $ZUN_AIO_DIR/zun.conf (default: .aio in the checkout): SQLite,
#      noauth, 127.0.0.1:9517, and starts zun-all in the background;
#   4. runs the container "first" from busybox and shows it Running.
#
# Stop it with tools/aio-down.sh.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
VENV=${ZUN_VENV:-$TOP/.venv}
AIO_DIR=${ZUN_AIO_DIR:-$TOP/.aio}
PORT=${ZUN_AIO_PORT:-9517}
ENDPOINT=http://127.0.0.1:$PORT/v1
log() { echo "[aio-up] $*"; }

if [ "$(id -u)" != 0 ]; then
  echo "tools/aio-up.sh must run as root: it installs packages and starts the Docker engine." >&2
  exit 1
fi

log "preparing the Docker engine"
bash "$TOP/tools/services-up.sh" docker

log "preparing the virtualenv $VENV"
bash "$TOP/tools/install-venv.sh" "$VENV"
"$VENV/bin/python" -m pip install -q 'python-zunclient==5.5.0' python-openstackclient

mkdir -p "$AIO_DIR"
cat > "$AIO_DIR/zun.conf" <<CONF
[DEFAULT]
state_path = $AIO_DIR
log_file = $AIO_DIR/zun-all.log
transport_url = zun-inproc://

[api]
auth_strategy = noauth
host_ip = 127.0.0.1
port = $PORT

[database]
connection = sqlite:///$AIO_DIR/zun.sqlite
CONF

PID_FILE=$AIO_DIR/zun-all.pid
if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  log "zun-all is already running (PID $(cat "$PID_FILE"))"
else
  if (echo > "/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "Port $PORT is taken by another program; set ZUN_AIO_PORT to a free port." >&2
    exit 1
  fi
  log "starting zun-all on 127.0.0.1:$PORT"
  nohup "$VENV/bin/zun-all" --config-file "$AIO_DIR/zun.conf" > "$AIO_DIR/zun-all.out" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "zun-all exited; see $AIO_DIR/zun-all.log and $AIO_DIR/zun-all.out" >&2
      tail -20 "$AIO_DIR/zun-all.out" >&2
      exit 1
    fi
    sleep 0.5
  done
fi

openstack() {
  OS_AUTH_TYPE=admin_token OS_ENDPOINT=$ENDPOINT OS_TOKEN=any \
    "$VENV/bin/openstack" "$@"
}

# Reads the status of "first" straight from the API; the openstack CLI
# takes about two seconds a call, too slow for a polling loop.
first_status() {
  curl -sf "$ENDPOINT/containers/first" \
    | "$VENV/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["status"])' \
    2>/dev/null || echo Missing
}

case "$(first_status)" in
  Missing)
    log "running the container 'first' from busybox"
    openstack appcontainer run --name first busybox sleep 86400 >/dev/null ;;
  Created|Stopped)
    log "starting the existing container 'first'"
    openstack appcontainer start first >/dev/null ;;
  Error|Dead|Unknown)
    log "replacing the container 'first', which is in $(first_status)"
    openstack appcontainer delete --force first >/dev/null
    for _ in $(seq 1 60); do [ "$(first_status)" = Missing ] && break; sleep 0.5; done
    openstack appcontainer run --name first busybox sleep 86400 >/dev/null ;;
esac

status=
deadline=$((SECONDS + 60))
while (( SECONDS < deadline )); do
  status=$(first_status)
  case "$status" in
    Running|Error) break ;;
  esac
  sleep 0.5
done
openstack appcontainer show first -c name -c uuid -c image -c status -c status_reason -c status_detail -c host
if [ "$status" != Running ]; then
  echo "The container 'first' is $status, not Running; see its status_reason above and $AIO_DIR/zun-all.log" >&2
  exit 1
fi

cat <<HINT

zun-all is running (PID $(cat "$PID_FILE"), log $AIO_DIR/zun-all.log).
Use the client against it:

  export OS_AUTH_TYPE=admin_token OS_ENDPOINT=$ENDPOINT OS_TOKEN=any
  $VENV/bin/openstack appcontainer list

Stop it with tools/aio-down.sh.
HINT
