"""zun-compute: runs containers on this host."""

import signal
import sys
import threading

from oslo_config import cfg
from oslo_log import log as logging

from zun.common import rpc
from zun.common import service
from zun.compute import service as compute_service

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


def wait_for_signal():
    """Block until SIGTERM or SIGINT arrives."""
    stop = threading.Event()

    def handler(signum, frame):
        LOG.info('Received signal %d; stopping', signum)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    while not stop.wait(3600):
        pass


def main():
    service.prepare_service(sys.argv)
    rpc.init(CONF)
    compute = compute_service.ComputeService()
    compute.start()
    try:
        wait_for_signal()
    finally:
        compute.stop()
        rpc.cleanup()
