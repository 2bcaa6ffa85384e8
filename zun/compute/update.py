"""Flows of the compute manager that change a container in place.

container_update (PATCH) and container_commit are calls, whose caller
gets the result or the error. resize_container is a cast.
"""

from oslo_log import log as logging

from zun.common import consts
from zun.common import exception
from zun.compute import tasks

LOG = logging.getLogger(__name__)


class UpdateMixin:
    """Mixin of the compute Manager; needs ``self.driver``."""

    def _update_limits(self, context, container, patch):
        self.driver.update(context, container, cpu=patch.get('cpu'),
                           memory=patch.get('memory'))
        for name in ('cpu', 'memory'):
            if name in patch:
                setattr(container, name, patch[name])
        container.save(context)
        LOG.info('Changed %s of container %s', ', '.join(
            '%s to %s' % (name, patch[name]) for name in sorted(patch)),
            container.uuid)

    def container_update(self, context, container, patch):
        """Change the CPU or memory of a container; return the container.

        :param patch: ``cpu`` (number of CPUs) and/or ``memory`` (MiB).
        """
        LOG.debug('Updating container %s with %s', container.uuid, patch)
        with tasks.container_task(context, container,
                                  'compute_container_update',
                                  tasks.report_to_caller(self.driver,
                                                         'update'),
                                  reraise=True):
            self._update_limits(context, container, patch)
        return container

    def resize_container(self, context, container, patch):
        LOG.debug('Resizing container %s with %s', container.uuid, patch)
        with tasks.container_task(context, container,
                                  'compute_resize_container',
                                  tasks.keep_engine_status(self.driver)):
            self._update_limits(context, container, patch)
            container.status_reason = None
            container.save(context)

    def container_commit(self, context, container, repository, tag):
        """Commit a container to a new image; return the image's ID.

        A running container is paused during the commit, and its status
        shows that; afterwards it runs again.
        """
        LOG.debug('Committing container %s to %s:%s', container.uuid,
                  repository, tag)
        with tasks.container_task(context, container,
                                  'compute_container_commit',
                                  tasks.report_to_caller(self.driver,
                                                         'commit'),
                                  reraise=True) as task:
            image_id = self._commit(context, container, task, repository,
                                    tag)
        LOG.info('Committed container %s to image %s (%s:%s)',
                 container.uuid, image_id, repository, tag)
        return image_id

    def _commit(self, context, container, task, repository, tag):
        # The engine's state decides, not the stored status, which may be
        # stale.
        self.driver.show(context, container)
        container.save(context)
        if container.status not in consts.ALLOWED_STATUSES['commit']:
            raise exception.InvalidStateException(
                id=container.uuid, action='commit',
                actual_state=container.status)
        paused = False
        if container.status == consts.RUNNING:
            with task.step('compute_container_pause'):
                self.driver.pause(context, container)
                container.save(context)
            paused = True
        try:
            image_id = self.driver.commit(context, container, repository,
                                          tag)
        except Exception:
            if paused:
                # The commit's error matters more to the caller than a
                # failed unpause, which the status (Paused) still shows.
                try:
                    self._unpause(context, container, task)
                except Exception as exc:
                    LOG.error('Cannot unpause container %s after its '
                              'failed commit: %s', container.uuid,
                              tasks.log_message(exc))
            raise
        if paused:
            self._unpause(context, container, task)
        return image_id

    def _unpause(self, context, container, task):
        with task.step('compute_container_unpause'):
            self.driver.unpause(context, container)
            container.save(context)
