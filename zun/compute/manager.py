"""The compute manager: the RPC endpoint of zun-compute."""

from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging as messaging

from zun.common import consts
from zun.common import exception
from zun.compute import archive
from zun.compute import inspection
from zun.compute import interactive
from zun.compute import lifecycle
from zun.compute import network
from zun.compute import rebuild
from zun.compute import tasks
from zun.compute import update
from zun.container import driver as container_driver
from zun.network import driver as networks

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

# Seconds that a delete with ``stop`` waits before it kills the container.
DELETE_STOP_TIMEOUT = 10


class Manager(lifecycle.LifecycleMixin, rebuild.RebuildMixin,
              update.UpdateMixin, inspection.InspectionMixin,
              archive.ArchiveMixin, network.NetworkMixin,
              interactive.InteractiveMixin):
    """Runs container requests on this host's engine.

    Each public method is an RPC method of ``zun.compute.rpcapi.API``. The
    API has already claimed the container (set its task_state); the manager
    runs the work under the container's lock and clears task_state at the
    end, in every outcome. The methods of each flow other than create and
    delete live in a mixin module of their own, such as ``lifecycle``.
    The synchronous requests in ``inspection`` and ``interactive`` are the
    exception: the API claims nothing for them, and they take no lock. The
    RPC version history is in ``zun.compute.rpcapi.API``.
    """

    target = messaging.Target(version='1.1')

    def __init__(self, driver=None, network_driver=None):
        self.driver = driver or container_driver.load_container_driver()
        self.network_driver = (network_driver
                               or networks.get_network_driver())

    # --- create

    def container_create(self, context, container, run):
        LOG.debug('Creating container %s (run=%s)', container.uuid, run)
        with tasks.container_task(context, container,
                                  'compute_container_create',
                                  tasks.fail_container) as task:
            self._create(context, container, task)
            if run:
                with task.step('compute_container_start'):
                    self._start(context, container)

    def _create(self, context, container, task):
        container.task_state = consts.IMAGE_PULLING
        container.save(context)
        with task.step('compute_image_pull'):
            image_id = self.driver.pull_image(context, container.image,
                                              container.image_pull_policy)
        container.task_state = consts.CONTAINER_CREATING
        container.save(context)
        self.driver.create(context, container, image_id)
        self._connect_networks(context, container, task)
        container.status_reason = None
        container.save(context)
        LOG.info('Created container %s', container.uuid)

    # --- delete

    def container_delete(self, context, container, force, stop):
        LOG.debug('Deleting container %s (force=%s, stop=%s)',
                  container.uuid, force, stop)
        with tasks.container_task(context, container,
                                  'compute_container_delete',
                                  tasks.fail_container) as task:
            self._delete(context, container, force, stop)
            self._remove_mounts(context, container)
            container.destroy(context)
            task.destroyed = True
            LOG.info('Deleted container %s', container.uuid)

    def _delete(self, context, container, force, stop):
        if stop and not force and container.container_id:
            try:
                self.driver.stop(context, container, DELETE_STOP_TIMEOUT)
            except exception.ZunException as exc:
                LOG.warning('Stopping container %s before its delete '
                            'failed: %s', container.uuid,
                            tasks.log_message(exc))
        try:
            self.driver.delete(context, container, force=force or stop)
        except Exception as exc:
            # A forced delete removes the record whatever error the engine
            # returns, and also when the engine cannot be reached at all.
            if not force:
                raise
            LOG.warning('Ignoring the engine error on the forced delete '
                        'of container %s: %s', container.uuid,
                        tasks.log_message(exc))

    def _remove_mounts(self, context, container):
        """Remove the volumes and files of a deleted container.

        The container is gone from the engine already, so a failure here
        only leaves a volume or file behind; it is logged, and the delete
        goes on.
        """
        if not container.mounts:
            return
        try:
            self.driver.remove_mounts(context, container)
        except Exception as exc:
            LOG.warning('Cannot remove the volumes and files of deleted '
                        'container %s: %s', container.uuid,
                        tasks.log_message(exc))
