"""Lifecycle flows of the compute manager.

start, stop and reboot are casts: a failure shows in the container's status
and reason. pause, unpause and kill are calls, so that the API can return
409 with the live status when the engine finds the stored status stale,
such as a container that exited on its own before a pause.
"""

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

    def container_reboot(self, context, container, timeout):
        LOG.debug('Rebooting container %s (timeout=%s)', container.uuid,
                  timeout)
        with tasks.container_task(context, container,
                                  'compute_container_reboot',
                                  tasks.keep_engine_status(self.driver)):
            self.driver.reboot(context, container, timeout)
            container.status_reason = None
            container.save(context)
            LOG.info('Rebooted container %s', container.uuid)

    def _call_action(self, context, container, action, run):
        """Run ``run()`` as the call-type ``action``; see the module doc."""
        with tasks.container_task(context, container,
                                  'compute_container_%s' % action,
                                  tasks.report_to_caller(self.driver, action),
                                  reraise=True):
            run()
            container.status_reason = None
            container.save(context)

    def container_pause(self, context, container):
        LOG.debug('Pausing container %s', container.uuid)
        self._call_action(context, container, 'pause',
                          lambda: self.driver.pause(context, container))
        LOG.info('Paused container %s', container.uuid)

    def container_unpause(self, context, container):
        LOG.debug('Unpausing container %s', container.uuid)
        self._call_action(context, container, 'unpause',
                          lambda: self.driver.unpause(context, container))
        LOG.info('Unpaused container %s', container.uuid)

    def container_kill(self, context, container, signal):
        LOG.debug('Sending signal %s to container %s', signal or 'SIGKILL',
                  container.uuid)
        self._call_action(context, container, 'kill',
                          lambda: self.driver.kill(context, container,
                                                   signal))
        LOG.info('Sent signal %s to container %s, which is now %s',
                 signal or 'SIGKILL', container.uuid, container.status)
