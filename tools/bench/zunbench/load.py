"""HTTP load on the API from one client or from several processes.

The clients use http.client with keep-alive connections: the cheapest
client in the standard library, so that on a 2-core machine the load
generator takes as little CPU from the service as possible.
"""

import http.client
import json
import multiprocessing
import time

API_VERSION = 'container 1.40'


class Client:
    """One keep-alive connection to the API."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection('127.0.0.1', port,
                                                     timeout=120)
        self.headers = {'OpenStack-API-Version': API_VERSION,
                        'Accept': 'application/json'}

    def request(self, method, path, body=None):
        """Send a request and return (status, body bytes)."""
        headers = dict(self.headers)
        payload = None
        if body is not None:
            payload = json.dumps(body).encode('utf-8')
            headers['Content-Type'] = 'application/json'
        self.connection.request(method, path, body=payload, headers=headers)
        response = self.connection.getresponse()
        return response.status, response.read()

    def get_json(self, path, expected=200):
        status, data = self.request('GET', path)
        if status != expected:
            raise RuntimeError('GET %s returned %d: %s'
                               % (path, status, data[:500]))
        return json.loads(data)

    def close(self):
        self.connection.close()


def timed_gets(port, path, count):
    """GET ``path`` ``count`` times in a row; return the durations."""
    client = Client(port)
    durations = []
    try:
        for _ in range(count):
            start = time.perf_counter()
            status, data = client.request('GET', path)
            durations.append(time.perf_counter() - start)
            if status != 200:
                raise RuntimeError('GET %s returned %d: %s'
                                   % (path, status, data[:500]))
    finally:
        client.close()
    return durations


def _worker(port, path, start_at, stop_at, results):
    client = Client(port)
    durations = []
    errors = 0
    while time.monotonic() < start_at:
        time.sleep(0.001)
    while time.monotonic() < stop_at:
        begin = time.perf_counter()
        try:
            status, _ = client.request('GET', path)
        except (OSError, http.client.HTTPException):
            status = None
            client.close()
            client = Client(port)
        durations.append(time.perf_counter() - begin)
        if status != 200:
            errors += 1
    client.close()
    results.put((durations, errors))


def concurrent_gets(port, path, clients, seconds):
    """GET ``path`` from ``clients`` processes for ``seconds``.

    :returns: (durations of every request, error count, elapsed seconds).
    """
    context = multiprocessing.get_context('fork')
    results = context.Queue()
    # Every worker starts at the same moment, after all have forked.
    start_at = time.monotonic() + 0.5
    stop_at = start_at + seconds
    workers = [context.Process(target=_worker,
                               args=(port, path, start_at, stop_at, results))
               for _ in range(clients)]
    for worker in workers:
        worker.start()
    durations = []
    errors = 0
    for _ in workers:
        worker_durations, worker_errors = results.get(timeout=seconds + 120)
        durations.extend(worker_durations)
        errors += worker_errors
    for worker in workers:
        worker.join(30)
    return durations, errors, seconds
