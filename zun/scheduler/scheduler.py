"""The filter scheduler: picks the compute host of a new container."""

from oslo_config import cfg
from oslo_log import log as logging
from stevedore import named

from zun.common import consts
from zun.common import exception
from zun.db import api as dbapi
from zun.objects import compute_node
from zun.objects import zun_service
from zun.scheduler import filters

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

FILTER_NAMESPACE = 'zun.scheduler.filters'


def _load_filters(names):
    manager = named.NamedExtensionManager(
        FILTER_NAMESPACE, names, invoke_on_load=True,
        name_order=True, on_missing_entrypoints_callback=_missing_filter)
    return [extension.obj for extension in manager]


def _missing_filter(names):
    raise ValueError('Unknown scheduler filters in [scheduler] '
                     'enabled_filters: %s' % ', '.join(sorted(names)))


class FilterScheduler:
    """Filters the compute hosts, then picks the one with most free memory."""

    def __init__(self):
        self._filters = _load_filters(CONF.scheduler.enabled_filters)

    def host_states(self, context, hosts=None):
        """Return a HostState for every registered compute service."""
        services = zun_service.ZunService.list(context,
                                               consts.COMPUTE_BINARY)
        if hosts is not None:
            services = [svc for svc in services if svc.host in hosts]
        nodes = {node.hostname: node
                 for node in compute_node.ComputeNode.list(context)}
        allocated = dbapi.container_memory_by_host(
            context, [svc.host for svc in services])
        return [filters.HostState(svc, nodes.get(svc.host),
                                  allocated.get(svc.host, 0))
                for svc in services]

    def select_host(self, context, container, requested_host=None):
        """Return the name of the host that should run ``container``.

        :raises NoValidHost: when no host passes every filter.
        """
        hosts = [requested_host] if requested_host else None
        candidates = self.host_states(context, hosts)
        if not candidates and requested_host:
            raise exception.NoValidHost(
                reason="the requested host '%s' runs no zun-compute "
                       "service" % requested_host)
        if not candidates:
            raise exception.NoValidHost(
                reason='no zun-compute service is registered')
        for host_filter in self._filters:
            candidates = [state for state in candidates
                          if host_filter.host_passes(state, container)]
            if not candidates:
                raise exception.NoValidHost(
                    reason=host_filter.reason(container))
        chosen = max(candidates, key=lambda state: state.free_memory)
        LOG.debug('Scheduled container %s to host %s', container.uuid,
                  chosen.host)
        return chosen.host
