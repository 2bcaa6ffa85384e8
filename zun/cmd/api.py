"""zun-api: the REST API service."""

import os
import sys

from oslo_config import cfg
from oslo_log import log as logging

from zun.api import app
from zun.common import rpc
from zun.common import service
from zun.common import wsgi_server

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


def main():
    service.prepare_service(sys.argv)
    rpc.init(CONF)
    application = app.load_app()
    workers = CONF.api.workers or os.cpu_count() or 1
    server = wsgi_server.Server(application, CONF.api.host_ip, CONF.api.port,
                                threads=CONF.api.max_threads,
                                workers=workers)
    LOG.info('Starting zun-api on %s:%d with %d workers', CONF.api.host_ip,
             CONF.api.port, workers)
    server.serve_forever()
