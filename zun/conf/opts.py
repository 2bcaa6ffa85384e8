"""Entry point for oslo-config-generator: every option zun registers."""

from zun.conf import api
from zun.conf import compute
from zun.conf import container
from zun.conf import docker
from zun.conf import network
from zun.conf import scheduler
from zun.conf import service
from zun.conf import websocket_proxy

# [database] belongs to oslo.db: the generator lists it under the oslo.db
# namespace, and listing it here too would repeat every option.
_MODULES = (api, compute, container, docker, network, scheduler, service,
            websocket_proxy)


def list_opts():
    """Return (group, options) pairs for the sample config generator."""
    grouped = {}
    for module in _MODULES:
        for group, opts in module.list_opts().items():
            grouped.setdefault(group, []).extend(opts)
    # A group is the string 'DEFAULT' or an OptGroup; they do not compare.
    return sorted(grouped.items(), key=lambda item: str(item[0]))
