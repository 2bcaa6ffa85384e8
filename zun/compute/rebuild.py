"""Rebuild flow of the compute manager, and auto_heal.

A rebuild replaces the engine container with a new one from the image
(the same or another), keeping the container's UUID, name, settings and
volumes. The new container starts if the old one was running.
"""

from oslo_log import log as logging

from zun.common import consts
from zun.common import exception
from zun.compute import tasks
from zun.objects import container as container_obj
from zun.objects import container_action

LOG = logging.getLogger(__name__)


class RebuildMixin:
    """Mixin of the compute Manager; needs ``self.driver`` and ``_start``."""

    def container_rebuild(self, context, container, image, run):
        LOG.debug('Rebuilding container %s (image=%s, run=%s)',
                  container.uuid, image or container.image, run)
        removed = []

        def on_failure(task, exc):
            if removed:
                # The old engine container is gone: nothing runs any more.
                tasks.fail_container(task, exc)
            else:
                # The old container is untouched; show its real state.
                tasks.keep_engine_status(self.driver)(task, exc)
                if task.container.status in (consts.ERROR, consts.DELETED):
                    # The engine has no container at all. Without an
                    # engine ID the state sync leaves the row alone, so
                    # auto_heal does not retry a failing rebuild forever.
                    task.container.container_id = None

        with tasks.container_task(context, container,
                                  'compute_container_rebuild',
                                  on_failure) as task:
            self._rebuild(context, container, task, image, run, removed)

    def _rebuild(self, context, container, task, image, run, removed):
        image = image or container.image
        # Pull before the old container goes, so that a missing image leaves
        # the container as it was.
        with task.step('compute_image_pull'):
            image_id = self.driver.pull_image(context, image,
                                              container.image_pull_policy)
        if container.container_id:
            self.driver.delete(context, container, force=True)
        removed.append(True)
        container.container_id = None
        container.image = image
        container.save(context)
        self.driver.create(context, container, image_id)
        container.status_reason = None
        container.save(context)
        if run:
            with task.step('compute_container_start'):
                self._start(context, container)
        LOG.info('Rebuilt container %s from image %s', container.uuid, image)

    def heal_container(self, context, container):
        """Rebuild an auto_heal container that the engine lost.

        Runs in the state sync. The claim makes sure that no action runs on
        the container meanwhile; the rebuild is recorded as a ``rebuild``
        action of the service.
        :returns: True when the rebuild ran, whatever its outcome.
        """
        run = container.status == consts.RUNNING
        try:
            claimed = container_obj.Container.claim(
                context, container.uuid, 'heal',
                consts.ALLOWED_STATUSES['rebuild'],
                consts.CONTAINER_REBUILDING, status=consts.REBUILDING)
        except (exception.InvalidStateException, exception.ContainerBusy,
                exception.ContainerNotFound) as exc:
            LOG.info('Not healing container %s: %s', container.uuid,
                     exc.format_message())
            return False
        LOG.warning('Container %s is gone from the engine; rebuilding it '
                    'because it has auto_heal', container.uuid)
        container_action.ContainerAction.action_start(
            context, container.uuid, consts.ACTION_REBUILD)
        self.container_rebuild(context, claimed, None, run)
        return True
