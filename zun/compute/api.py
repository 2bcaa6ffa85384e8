"""Compute API used inside zun-api: record, schedule and send requests."""

from oslo_log import log as logging
from oslo_utils import excutils

from zun.common import consts
from zun.common import exception
from zun.compute import rpcapi
from zun.objects import container_action
from zun.objects import zun_service
from zun.scheduler import scheduler

LOG = logging.getLogger(__name__)


class API:
    """Sends container requests to the compute host of each container."""

    def __init__(self):
        self.rpcapi = rpcapi.API()
        self.scheduler = scheduler.FilterScheduler()

    def _record(self, context, container, action):
        container_action.ContainerAction.action_start(
            context, container.uuid, action)

    def _check_host_up(self, context, container):
        try:
            service = zun_service.ZunService.get(
                context, container.host, consts.COMPUTE_BINARY)
        except exception.ServiceNotFound:
            service = None
        if service is None or not service.is_up():
            raise exception.ContainerHostNotUp(host=container.host,
                                               container=container.uuid)

    def container_create(self, context, container, run,
                         requested_host=None):
        """Schedule a new container and send it to the chosen host.

        When no host fits, the container goes to Error with the reason;
        the request itself still succeeds, as in Zun. Any other failure
        also leaves the container in Error before it reaches the client.
        """
        self._record(context, container, consts.ACTION_CREATE)
        try:
            host = self.scheduler.select_host(context, container,
                                              requested_host)
        except exception.NoValidHost as exc:
            LOG.warning('No host for container %s: %s', container.uuid,
                        exc.format_message())
            self._fail_create(context, container, exc.format_message())
            return
        except Exception:
            with excutils.save_and_reraise_exception():
                self._fail_create(context, container,
                                  'Scheduling the container failed.')
        container.host = host
        container.save(context)
        try:
            self.rpcapi.container_create(context, host, container, run)
        except Exception:
            with excutils.save_and_reraise_exception():
                self._fail_create(context, container,
                                  'Sending the container to host %s '
                                  'failed.' % host)

    def _fail_create(self, context, container, reason):
        container.status = consts.ERROR
        container.status_reason = reason
        container.task_state = None
        container.save(context)
        container_action.ContainerAction.action_finish(
            context, container.uuid, failed=True)

    def container_start(self, context, container):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_START)
        self.rpcapi.container_start(context, container)

    def container_stop(self, context, container, timeout):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_STOP)
        self.rpcapi.container_stop(context, container, timeout)

    def container_delete(self, context, container, force, stop, wait):
        """Delete a container; one that has no host is deleted at once."""
        if not container.host:
            container.destroy(context)
            LOG.info('Deleted container %s, which had no host',
                     container.uuid)
            return
        if not force:
            self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_DELETE)
        self.rpcapi.container_delete(context, container, force, stop,
                                     wait=wait)

    def container_get_archive(self, context, container, path, max_size):
        """Return ``{"data": <tar, base64>, "stat": {...}}`` of a path."""
        self._check_host_up(context, container)
        return self.rpcapi.container_get_archive(context, container, path,
                                                 max_size)

    def container_put_archive(self, context, container, path, data):
        """Extract a base64-encoded tar archive into a container's path."""
        self._check_host_up(context, container)
        self.rpcapi.container_put_archive(context, container, path, data)

    def network_attach(self, context, container, network, fixed_ip):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_NETWORK_ATTACH)
        self.rpcapi.network_attach(context, container, network, fixed_ip)

    def network_detach(self, context, container, network):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_NETWORK_DETACH)
        self.rpcapi.network_detach(context, container, network)
