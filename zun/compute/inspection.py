"""Compute flows that read a container or run a command in it.

These are RPC calls: zun-api waits for the answer. They change no state of
the container, so they take no container lock and record no action event,
and they run alongside a task on the same container.
"""

from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging as messaging

from zun.common import exception

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


class InspectionMixin:
    """Mixin of the compute Manager; needs ``self.driver``.

    A zun exception goes back to the caller without a traceback in this
    service's log, because it describes the request, not a fault here.
    """

    @messaging.expected_exceptions(exception.ZunException)
    def container_logs(self, context, container, stdout, stderr, timestamps,
                       tail, since):
        LOG.debug('Reading the logs of container %s (tail=%s, since=%s)',
                  container.uuid, tail, since)
        return self.driver.logs(context, container, stdout=stdout,
                                stderr=stderr, timestamps=timestamps,
                                tail=tail, since=since)

    @messaging.expected_exceptions(exception.ZunException)
    def container_top(self, context, container, ps_args):
        LOG.debug('Listing the processes of container %s (ps_args=%s)',
                  container.uuid, ps_args)
        return self.driver.top(context, container, ps_args)

    @messaging.expected_exceptions(exception.ZunException)
    def container_stats(self, context, container):
        LOG.debug('Reading the resource usage of container %s',
                  container.uuid)
        return self.driver.stats(context, container)

    @messaging.expected_exceptions(exception.ZunException)
    def container_exec_run(self, context, container, command):
        # Only the program name is logged: arguments may carry secrets.
        LOG.debug('Running %s in container %s', command[0], container.uuid)
        timeout = CONF.docker.execute_timeout
        try:
            result = self.driver.execute_run(context, container, command,
                                             timeout)
        except exception.ExecTimeout:
            LOG.warning('Command %s in container %s ran over the limit of '
                        '%d seconds', command[0], container.uuid, timeout)
            raise
        LOG.info('Ran %s in container %s; exit code %s', command[0],
                 container.uuid, result['exit_code'])
        return result
