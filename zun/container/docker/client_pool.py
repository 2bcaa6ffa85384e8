"""Docker SDK clients shared by the threads of one process."""

import contextlib
import threading

import docker
from docker import errors as docker_errors
from oslo_config import cfg

from zun.common import exception

CONF = cfg.CONF

# Idle clients kept open at most; more are closed when they come back.
MAX_IDLE = 16


def new_client(version=None, timeout=None):
    """Return a new SDK client of the configured engine.

    :param version: engine API version; the configured one by default.
    :param timeout: seconds per request; [docker] default_timeout by
        default.
    """
    return docker.APIClient(
        base_url=CONF.docker.api_url,
        version=version or CONF.docker.docker_remote_api_version,
        timeout=timeout or CONF.docker.default_timeout)


class ClientPool:
    """Lend SDK clients to threads, one thread per client at a time.

    A client's requests session serves one request at a time, so a thread
    borrows a client for its work and gives it back afterwards. Threads
    that come and go, such as the workers of the RPC executor, thus reuse
    open clients instead of building new ones, which costs a version
    request to the engine each time.

    :param factory: callable that returns a new client.
    """

    def __init__(self, factory):
        self._factory = factory
        self._idle = []
        self._discarded = set()
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def client(self):
        """Lend a client for the ``with`` block.

        The client goes back to the pool unless the block discarded it or
        raised an error other than an engine error response. After such an
        error, a response may be left unread on its connection.
        """
        with self._lock:
            client = self._idle.pop() if self._idle else None
        if client is None:
            client = self._factory()
        healthy = False
        try:
            yield client
            healthy = True
        except (docker_errors.APIError, exception.ZunException):
            healthy = True
            raise
        finally:
            self._give_back(client, healthy)

    def discard(self, client):
        """Close ``client`` and keep it out of the pool."""
        with self._lock:
            self._discarded.add(id(client))
        client.close()

    def _give_back(self, client, healthy):
        with self._lock:
            if id(client) in self._discarded:
                self._discarded.discard(id(client))
                return
            if healthy and len(self._idle) < MAX_IDLE:
                self._idle.append(client)
                return
        client.close()
