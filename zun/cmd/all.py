"""zun-all: API, compute and websocket proxy in one process, for one machine.

It uses the same code paths as separate zun-api and zun-compute processes,
with zun's in-process ``zun-inproc://`` transport and, by default, SQLite.
The database schema is upgraded on start.
"""

import os
import sys

from oslo_config import cfg
from oslo_log import log as logging

from zun.api import app
from zun.cmd import compute as compute_cmd
from zun.common import memory
from zun.common import rpc
from zun.common import service
from zun.common import wsgi_server
from zun.compute import service as compute_service
from zun.db import migration
from zun.websocket import server as wsproxy_server

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

IN_PROCESS_TRANSPORT = 'zun-inproc://'


def _prepare_state_path():
    connection = CONF.database.connection or ''
    if connection.startswith('sqlite:///'):
        directory = os.path.dirname(connection[len('sqlite:///'):])
        if directory:
            os.makedirs(directory, exist_ok=True)


def main():
    service.prepare_service(sys.argv)
    if not CONF.transport_url:
        CONF.set_default('transport_url', IN_PROCESS_TRANSPORT)
    _prepare_state_path()
    migration.upgrade('head')
    rpc.init(CONF)
    compute = compute_service.ComputeService()
    compute.start()
    proxy = wsproxy_server.WebsocketProxy(driver=compute.manager.driver)
    proxy.start()
    trimmer = memory.Trimmer()
    trimmer.start()
    server = wsgi_server.Server(memory.TrimMiddleware(app.load_app(), trimmer),
                                CONF.api.host_ip,
                                CONF.api.port, threads=CONF.api.max_threads,
                                name='zun-all',
                                timeout=CONF.api.client_socket_timeout,
                                backlog=CONF.api.backlog)
    server.serve_in_thread()
    LOG.info('zun-all is serving on %s:%d', CONF.api.host_ip,
             CONF.api.port)
    try:
        compute_cmd.wait_for_signal()
    finally:
        server.stop()
        trimmer.stop()
        proxy.stop()
        compute.stop()
        rpc.cleanup()
