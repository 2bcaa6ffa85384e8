#!/usr/bin/env bash
# Run every test of the project on this machine, as root on Debian 12.
#
#   tools/run-tests.sh            # unit, functional and migration tests
#   tools/run-tests.sh unit       # only the unit tests (no services needed)
#
# The functional and migration tests need a Docker engine, RabbitMQ,
# MariaDB and PostgreSQL: tools/services-up.sh installs and starts them.
# The last line of the output is the summary "N passed, N failed".
# Skipped tests count as failed, because a test that needs a missing
# service must not pass silently.
set -uo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
SUITE=${1:-all}
VENV=${ZUN_VENV:-$TOP/.venv}
REPORT_DIR=${ZUN_TEST_REPORT_DIR:-$TOP/.test-reports}
log() { echo "[run-tests] $*"; }

fail_summary() {
  log "$*"
  echo "0 passed, 1 failed"
  exit 1
}

if [ "$SUITE" != unit ]; then
  log "starting services"
  bash "$TOP/tools/services-up.sh" docker registry rabbit mariadb postgres keystone \
    || fail_summary "tools/services-up.sh failed"
fi

bash "$TOP/tools/install-venv.sh" "$VENV" test || fail_summary "installing the virtualenv failed"

mkdir -p "$REPORT_DIR"
case "$SUITE" in
  unit) paths=(zun/tests/unit) ;;
  functional) paths=(zun/tests/functional) ;;
  all) paths=(zun/tests/unit zun/tests/functional) ;;
  *) fail_summary "unknown suite '$SUITE'; use unit, functional or all" ;;
esac

log "running pytest on ${paths[*]}"
"$VENV/bin/python" -m pytest -p no:cacheprovider -o junit_family=xunit2 \
  --junitxml="$REPORT_DIR/junit.xml" "${paths[@]}"
status=$?

"$VENV/bin/python" "$TOP/tools/junit-summary.py" "$REPORT_DIR/junit.xml"
summary_status=$?
if [ "$summary_status" -eq 2 ]; then
  fail_summary "pytest exited with status $status and wrote no report"
fi
if [ "$status" -ne 0 ] || [ "$summary_status" -ne 0 ]; then
  exit 1
fi
