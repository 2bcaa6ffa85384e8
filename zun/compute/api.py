"""Compute API used inside zun-api: record, schedule and send requests."""

from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import excutils

from zun.common import consts
from zun.common import exception
from zun.compute import rpcapi
from zun.objects import container_action
from zun.objects import zun_service
from zun.scheduler import scheduler

CONF = cfg.CONF
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

    # --- synchronous requests that read a container or run a command in it

    def _call(self, context, container, method, *args, timeout=None):
        """Send one synchronous request to the container's host.

        :param timeout: the request's time limit in seconds, for the error
            message; the default is ``[api] compute_call_timeout``.
        :raises ContainerNotOnEngine: when the container has no host.
        :raises ContainerHostNotUp: when the host's compute service is down.
        :raises ComputeCallTimeout: when the host does not reply in time.
        """
        if not container.host:
            # No host was ever chosen, so no engine has the container.
            raise exception.ContainerNotOnEngine(container=container.uuid)
        self._check_host_up(context, container)
        try:
            return getattr(self.rpcapi, method)(context, container, *args)
        except messaging.MessagingTimeout:
            timeout = timeout or CONF.api.compute_call_timeout
            LOG.warning('Host %s did not answer %s for container %s within '
                        '%d seconds', container.host, method, container.uuid,
                        timeout)
            raise exception.ComputeCallTimeout(
                host=container.host, method=method,
                container=container.uuid, timeout=timeout)

    def container_logs(self, context, container, stdout, stderr, timestamps,
                       tail, since):
        return self._call(context, container, 'container_logs', stdout,
                          stderr, timestamps, tail, since)

    def container_top(self, context, container, ps_args):
        return self._call(context, container, 'container_top', ps_args)

    def container_stats(self, context, container):
        return self._call(context, container, 'container_stats')

    def container_exec_run(self, context, container, command):
        timeout = CONF.api.compute_call_timeout + CONF.docker.execute_timeout
        return self._call(context, container, 'container_exec_run', command,
                          timeout=timeout)

    # --- files and networks

    def container_get_archive(self, context, container, path, max_size):
        """Return ``{"data": <tar, base64>, "stat": {...}}`` of a path."""
        return self._call(context, container, 'container_get_archive', path,
                          max_size)

    def container_put_archive(self, context, container, path, data):
        """Extract a base64-encoded tar archive into a container's path."""
        self._call(context, container, 'container_put_archive', path, data)

    def network_attach(self, context, container, network, fixed_ip):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_NETWORK_ATTACH)
        self._call(context, container, 'network_attach', network, fixed_ip)

    def network_detach(self, context, container, network):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_NETWORK_DETACH)
        self._call(context, container, 'network_detach', network)

    def container_pause(self, context, container):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_PAUSE)
        self._call(context, container, 'container_pause')

    def container_unpause(self, context, container):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_UNPAUSE)
        self._call(context, container, 'container_unpause')

    def container_kill(self, context, container, signal):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_KILL)
        self._call(context, container, 'container_kill', signal)

    def container_reboot(self, context, container, timeout):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_REBOOT)
        self.rpcapi.container_reboot(context, container, timeout)

    def container_rebuild(self, context, container, image, run):
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_REBUILD)
        self.rpcapi.container_rebuild(context, container, image, run)

    def _check_memory(self, context, container, memory):
        """Check that the host has room for a raised memory limit.

        :raises HostCapacityExceeded: when the scheduler would not place
            the extra memory on the container's host.
        """
        current = container.memory or 0
        if memory is None or memory <= current:
            return
        states = self.scheduler.host_states(context, [container.host])
        free = states[0].free_memory if states else 0
        if memory - current > free:
            raise exception.HostCapacityExceeded(
                container=container.uuid, requested=memory,
                host=container.host, free=max(free, 0))

    def container_update(self, context, container, patch):
        """Change the CPU or memory of a container; return the container.

        :param patch: ``cpu`` and/or ``memory`` (MiB).
        """
        self._check_host_up(context, container)
        self._check_memory(context, container, patch.get('memory'))
        self._record(context, container, consts.ACTION_UPDATE)
        return self._call(context, container, 'container_update', patch)

    def resize_container(self, context, container, patch):
        self._check_host_up(context, container)
        self._check_memory(context, container, patch.get('memory'))
        self._record(context, container, consts.ACTION_UPDATE)
        self.rpcapi.resize_container(context, container, patch)

    def container_commit(self, context, container, repository, tag):
        """Commit a container to an image; return the image's engine ID."""
        self._check_host_up(context, container)
        self._record(context, container, consts.ACTION_COMMIT)
        return self._call(context, container, 'container_commit', repository,
                          tag, timeout=CONF.compute.commit_timeout)

    # --- attach, interactive exec and TTY resize

    def container_attach(self, context, container):
        """Return the base URL of the websocket proxy of the host."""
        return self._call(context, container, 'container_attach')

    def container_resize(self, context, container, height, width):
        return self._call(context, container, 'container_resize', height,
                          width)

    def container_exec_create(self, context, container, command,
                              interactive):
        return self._call(context, container, 'container_exec_create',
                          command, interactive)

    def container_exec_resize(self, context, container, exec_id, height,
                              width):
        return self._call(context, container, 'container_exec_resize',
                          exec_id, height, width)
