"""Network flows of the compute manager: connect, attach and detach."""

import contextlib

from oslo_log import log as logging
import oslo_messaging as messaging

from zun.common import exception
from zun.compute import tasks

LOG = logging.getLogger(__name__)

# Exceptions that are normal outcomes of a request. The caller gets them,
# and this service logs no traceback for them.
_EXPECTED = (exception.NotFound, exception.Invalid, exception.Conflict)


@contextlib.contextmanager
def _call_task(context, container, event_name):
    """Run a task for an RPC call and raise its failure to the caller.

    The task records the failure in its action event and clears
    task_state. The container's status stays as it is, because a failed
    attach or detach leaves the container as it was.
    """
    failures = []

    def on_failure(task, exc):
        failures.append(exc)

    with tasks.container_task(context, container, event_name, on_failure):
        yield
    if failures:
        raise failures[0]


class NetworkMixin:
    """Mixin of the compute Manager; needs ``self.network_driver``."""

    def _connect_networks(self, context, container, task):
        """Connect a created container to its requested networks."""
        with task.step('compute_network_connect'):
            self.network_driver.connect_requested_networks(
                context, container, container.requested_networks)
        container.save(context)

    @messaging.expected_exceptions(*_EXPECTED)
    def network_attach(self, context, container, network, fixed_ip):
        LOG.debug('Attaching container %s to network %s', container.uuid,
                  network)
        with _call_task(context, container, 'compute_network_attach'):
            self.network_driver.attach_network(context, container, network,
                                               fixed_ip)

    @messaging.expected_exceptions(*_EXPECTED)
    def network_detach(self, context, container, network):
        LOG.debug('Detaching container %s from network %s', container.uuid,
                  network)
        with _call_task(context, container, 'compute_network_detach'):
            self.network_driver.detach_network(context, container, network)
