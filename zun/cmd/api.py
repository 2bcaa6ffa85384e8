"""zun-api: the REST API service.

A cotyledon service manager runs ``[api] workers`` processes. Each builds
its own application and RPC transport after the fork and listens on the
port with SO_REUSEPORT; the manager restarts a worker that dies and stops
them all on SIGTERM.
"""

import os
import sys

import cotyledon
from oslo_config import cfg
from oslo_log import log as logging

from zun.api import app
from zun.common import memory
from zun.common import rpc
from zun.common import service
from zun.common import wsgi_server

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


class APIWorker(cotyledon.Service):
    """One zun-api worker process."""

    name = 'zun-api'

    def __init__(self, worker_id):
        super().__init__(worker_id)
        self._server = None
        self._trimmer = memory.Trimmer()

    def run(self):
        rpc.init(CONF)
        self._trimmer.start()
        self._server = wsgi_server.Server(
            memory.TrimMiddleware(app.load_app(), self._trimmer),
            CONF.api.host_ip, CONF.api.port,
            threads=CONF.api.max_threads, reuse_port=True,
            timeout=CONF.api.client_socket_timeout,
            backlog=CONF.api.backlog)
        self._server.serve()

    def terminate(self):
        if self._server is not None:
            self._server.stop()
        self._trimmer.stop()
        rpc.cleanup()


def main():
    service.prepare_service(sys.argv)
    workers = CONF.api.workers or os.cpu_count() or 1
    LOG.info('Starting zun-api on %s:%d with %d workers', CONF.api.host_ip,
             CONF.api.port, workers)
    manager = cotyledon.ServiceManager()
    manager.add(APIWorker, workers=workers)
    manager.run()
