"""Time zun-compute's state sync in a process of its own.

Run as ``python -m zunbench.sync_pass --config-file zun.conf --host HOST
--passes N``. It loads the deployment's configuration, runs the same
function that zun-compute's periodic task runs, and prints one JSON line
with the duration of each pass and the engine requests it sent.
"""

import argparse
import json
import sys
import time

import requests

from zun.common import context as zun_context
from zun.common import service
from zun.compute import periodic
from zun.container import driver as container_driver
from zun.objects import container as container_obj


class RequestCounter:
    """Count the HTTP requests that the docker SDK sends to the engine."""

    def __init__(self):
        self.count = 0
        self._send = requests.Session.send
        counter = self

        def send(session, request, **kwargs):
            if request.url.startswith('http+docker://'):
                counter.count += 1
            return counter._send(session, request, **kwargs)

        requests.Session.send = send


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--config-file', required=True)
    parser.add_argument('--host', required=True)
    parser.add_argument('--passes', type=int, default=5)
    args = parser.parse_args(argv)

    service.prepare_service([sys.argv[0], '--config-file', args.config_file])
    counter = RequestCounter()
    driver = container_driver.load_container_driver()
    context = zun_context.get_admin_context()
    rows = len(container_obj.Container.list_by_host(context, args.host))

    # The first pass opens the engine client and the database connection.
    periodic.sync_container_states(driver, args.host)
    durations = []
    requests_per_pass = []
    changed = []
    for _ in range(args.passes):
        before = counter.count
        start = time.perf_counter()
        changed.append(periodic.sync_container_states(driver, args.host))
        durations.append(time.perf_counter() - start)
        requests_per_pass.append(counter.count - before)
    print(json.dumps({'containers': rows, 'durations': durations,
                      'engine_requests': requests_per_pass,
                      'changed': changed}))
    return 0


if __name__ == '__main__':
    sys.exit(main())
