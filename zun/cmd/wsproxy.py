"""zun-wsproxy: the websocket proxy of attach and interactive exec.

Run one on every compute host, next to zun-compute, with the same
``host`` and database; it streams from that host's container engine.
"""

import sys

from oslo_config import cfg
from oslo_log import log as logging

from zun.cmd import compute as compute_cmd
from zun.common import service
from zun.websocket import server

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


def main():
    service.prepare_service(sys.argv)
    proxy = server.WebsocketProxy()
    proxy.start()
    try:
        compute_cmd.wait_for_signal()
    finally:
        proxy.stop()
