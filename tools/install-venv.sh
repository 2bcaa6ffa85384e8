#!/usr/bin/env bash
# Create the virtualenv and install zun into it.
#
#   tools/install-venv.sh VENV          # the service and its dependencies
#   tools/install-venv.sh VENV test     # also the test dependencies
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
VENV=${1:?usage: install-venv.sh VENV [test]}
WITH_TESTS=${2:-}
log() { echo "[install-venv] $*"; }

if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
  log "installing python3-venv"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv python3-dev >/dev/null
fi
if [ ! -x "$VENV/bin/python" ]; then
  log "creating $VENV"
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
requirements=(-r "$TOP/requirements.txt")
[ "$WITH_TESTS" = test ] && requirements+=(-r "$TOP/test-requirements.txt")
log "installing requirements"
"$VENV/bin/python" -m pip install -q "${requirements[@]}"
# pbr takes the version from git; a checkout without tags gets a dev version.
# The build back end prints warnings even with -q, so its output is kept in
# a log that is shown only when the install fails.
log "installing zun"
build_log=$(mktemp)
if ! "$VENV/bin/python" -m pip install -q --no-deps -e "$TOP" >"$build_log" 2>&1; then
  cat "$build_log" >&2
  rm -f "$build_log"
  exit 1
fi
rm -f "$build_log"
