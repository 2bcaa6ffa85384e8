"""Entry point for oslo-config-generator: every option zun registers."""

from zun.conf import api
from zun.conf import compute
from zun.conf import container
from zun.conf import database
from zun.conf import docker
from zun.conf import scheduler
from zun.conf import service

_MODULES = (api, compute, container, database, docker, scheduler, service)


def list_opts():
    """Return (group, options) pairs for the sample config generator."""
    grouped = {}
    for module in _MODULES:
        for group, opts in module.list_opts().items():
            grouped.setdefault(group, []).extend(opts)
    return sorted(grouped.items(), key=lambda item: item[0])
