"""Lifecycle flows of the compute manager: start and stop."""

from oslo_log import log as logging

from zun.common import consts
from zun.compute import tasks

LOG = logging.getLogger(__name__)


class LifecycleMixin:
    """Mixin of the compute Manager; needs ``self.driver``."""

    def _start(self, context, container):
        container.task_state = consts.CONTAINER_STARTING
        container.save(context)
        self.driver.start(context, container)
        container.status_reason = None
        container.save(context)
        LOG.info('Started container %s', container.uuid)

    def container_start(self, context, container):
        LOG.debug('Starting container %s', container.uuid)
        with tasks.container_task(context, container,
                                  'compute_container_start',
                                  tasks.fail_container) as task:
            if not container.container_id:
                # A create that failed before the engine made the
                # container (a pull error, say) is retried first.
                self._create(context, container, task)
            self._start(context, container)

    def container_stop(self, context, container, timeout):
        LOG.debug('Stopping container %s (timeout=%s)', container.uuid,
                  timeout)
        with tasks.container_task(context, container,
                                  'compute_container_stop',
                                  tasks.keep_engine_status(self.driver)):
            self.driver.stop(context, container, timeout)
            container.status_reason = None
            container.save(context)
            LOG.info('Stopped container %s', container.uuid)
