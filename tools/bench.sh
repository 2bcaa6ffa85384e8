#!/usr/bin/env bash
# Benchmark zun against the raw Docker engine, as root on Debian 12.
#
#   tools/bench.sh            # every figure; rewrites docs/benchmarks.md
#   tools/bench.sh --quick    # small sizes, to check that it works
#   tools/bench.sh --help     # the other options
#
# It starts the Docker engine, RabbitMQ and MariaDB with
# tools/services-up.sh, installs the virtualenv, then starts and stops
# each set-up of zun itself. A full run takes about 15 minutes.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
VENV=${ZUN_VENV:-$TOP/.venv}

# The usage text needs no services; show it at once when it can.
for argument in "$@"; do
  case "$argument" in
    -h|--help)
      if [ -x "$VENV/bin/python" ]; then
        PYTHONPATH="$TOP/tools/bench" exec "$VENV/bin/python" -m zunbench --help
      fi
      ;;
  esac
done

bash "$TOP/tools/services-up.sh" docker registry rabbit mariadb
bash "$TOP/tools/install-venv.sh" "$VENV" test
cd "$TOP"
PYTHONPATH="$TOP/tools/bench${PYTHONPATH:+:$PYTHONPATH}" \
  exec "$VENV/bin/python" -m zunbench "$@"
