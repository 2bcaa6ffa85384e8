"""Compute manager flows: pause, unpause, kill, reboot, rebuild, update,
resize, commit and auto_heal, with a mocked driver and a real database."""

from unittest import mock

from zun.common import consts
from zun.common import exception
from zun.tests.unit.compute import test_manager

ManagerTestCase = test_manager.ManagerTestCase
IMAGE_ID = test_manager.IMAGE_ID
ENGINE_ID = test_manager.ENGINE_ID
NEW_IMAGE_ID = 'sha256:' + 'b' * 64


def _set_status(status):
    """Return a driver side effect that leaves the container in status."""
    def effect(context, container, *args, **kwargs):
        container.status = status
        return container
    return effect


def _engine_missing(context, container):
    container.status = consts.ERROR
    container.status_reason = 'No such container'
    return container


class ActionTestCase(ManagerTestCase):

    def _claimed(self, action, status, task_state=None, **overrides):
        return self._container(
            action, status=status,
            task_state=task_state or consts.ACTION_TASK_STATES[action],
            **overrides)

    def _event(self, container, name):
        events = {event.event: event for event in self._events(container)}
        return events[name]


class TestPauseUnpauseKill(ActionTestCase):

    def test_pause_sets_paused(self):
        container = self._claimed('pause', consts.RUNNING)
        self.driver.pause.side_effect = _set_status(consts.PAUSED)
        self.manager.container_pause(self.context, container)
        loaded = self._load(container)
        self.assertEqual(consts.PAUSED, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_unpause_sets_running(self):
        container = self._claimed('unpause', consts.PAUSED)
        self.driver.unpause.side_effect = _set_status(consts.RUNNING)
        self.manager.container_unpause(self.context, container)
        self.assertEqual(consts.RUNNING, self._load(container).status)

    def test_kill_passes_signal(self):
        container = self._claimed('kill', consts.RUNNING)
        self.driver.kill.side_effect = _set_status(consts.STOPPED)
        self.manager.container_kill(self.context, container, 'SIGTERM')
        self.driver.kill.assert_called_once_with(self.context, container,
                                                 'SIGTERM')
        self.assertEqual(consts.STOPPED, self._load(container).status)

    def test_stale_status_raises_live(self):
        container = self._claimed('pause', consts.RUNNING)
        self.driver.pause.side_effect = exception.ContainerEngineConflict(
            detail='Container x is not running')
        self.driver.show.side_effect = _set_status(consts.STOPPED)
        error = self.assertRaises(exception.InvalidStateException,
                                  self.manager.container_pause,
                                  self.context, container)
        self.assertEqual('Cannot pause container %s in Stopped state.'
                         % container.uuid, error.format_message())

    def test_stale_status_saved(self):
        container = self._claimed('kill', consts.RUNNING)
        self.driver.kill.side_effect = exception.ContainerEngineConflict(
            detail='Container x is not running')
        self.driver.show.side_effect = _set_status(consts.STOPPED)
        self.assertRaises(exception.InvalidStateException,
                          self.manager.container_kill, self.context,
                          container, None)
        loaded = self._load(container)
        self.assertEqual(consts.STOPPED, loaded.status)
        self.assertIsNone(loaded.task_state)
        self.assertIsNone(loaded.status_reason)

    def test_stale_status_event_message(self):
        container = self._claimed('unpause', consts.PAUSED)
        self.driver.unpause.side_effect = exception.ContainerEngineConflict(
            detail='Container x is not paused')
        self.driver.show.side_effect = _set_status(consts.RUNNING)
        self.assertRaises(exception.InvalidStateException,
                          self.manager.container_unpause, self.context,
                          container)
        event = self._event(container, 'compute_container_unpause')
        self.assertEqual(consts.EVENT_ERROR, event.result)
        self.assertEqual('Cannot unpause container %s in Running state.'
                         % container.uuid, event.details)
        self.assertEqual('Error', self._action(container).message)

    def test_vanished_container_raises_live(self):
        container = self._claimed('pause', consts.RUNNING)
        self.driver.pause.side_effect = exception.DockerError(
            error_msg='No such container')
        self.driver.show.side_effect = _engine_missing
        error = self.assertRaises(exception.InvalidStateException,
                                  self.manager.container_pause,
                                  self.context, container)
        self.assertIn('in Error state', error.format_message())

    def test_engine_error_passes_through(self):
        container = self._claimed('pause', consts.RUNNING)
        self.driver.pause.side_effect = exception.DockerError(
            error_msg='engine timed out')
        self.driver.show.side_effect = _set_status(consts.RUNNING)
        self.assertRaises(exception.DockerError, self.manager.container_pause,
                          self.context, container)
        self.assertIsNone(self._load(container).task_state)


class TestReboot(ActionTestCase):

    def test_reboot_sets_running(self):
        container = self._claimed('reboot', consts.RESTARTING)
        self.driver.reboot.side_effect = _set_status(consts.RUNNING)
        self.manager.container_reboot(self.context, container, 3)
        self.driver.reboot.assert_called_once_with(self.context, container,
                                                   3)
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_reboot_failure_reads_engine(self):
        container = self._claimed('reboot', consts.RESTARTING)
        self.driver.reboot.side_effect = exception.DockerError(
            error_msg='cannot restart')
        self.driver.show.side_effect = _set_status(consts.STOPPED)
        self.manager.container_reboot(self.context, container, 3)
        loaded = self._load(container)
        self.assertEqual(consts.STOPPED, loaded.status)
        self.assertIn('cannot restart', loaded.status_reason)
        self.assertIsNone(loaded.task_state)


class TestRebuild(ActionTestCase):

    def setUp(self):
        super().setUp()
        self.driver.pull_image.return_value = NEW_IMAGE_ID

    def _rebuilding(self, **overrides):
        return self._claimed('rebuild', consts.REBUILDING, **overrides)

    def test_running_rebuilt_and_started(self):
        container = self._rebuilding(container_id=ENGINE_ID)
        self.manager.container_rebuild(self.context, container, None, True)
        self.driver.delete.assert_called_once_with(self.context, container,
                                                   force=True)
        self.driver.create.assert_called_once_with(self.context, container,
                                                   NEW_IMAGE_ID)
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_keeps_uuid_and_name(self):
        container = self._rebuilding(name='keep-me')
        self.manager.container_rebuild(self.context, container, None, True)
        loaded = self._load(container)
        self.assertEqual('keep-me', loaded.name)
        self.assertEqual(container.uuid, loaded.uuid)

    def test_not_running_stays_created(self):
        container = self._rebuilding()
        self.manager.container_rebuild(self.context, container, None, False)
        self.driver.start.assert_not_called()
        self.assertEqual(consts.CREATED, self._load(container).status)

    def test_new_image_stored(self):
        container = self._rebuilding(image='busybox:1.35')
        self.manager.container_rebuild(self.context, container,
                                       'busybox:1.36', False)
        self.driver.pull_image.assert_called_once_with(
            self.context, 'busybox:1.36', None)
        self.assertEqual('busybox:1.36', self._load(container).image)

    def test_pull_failure_keeps_container(self):
        container = self._rebuilding(image='busybox:1.35')
        self.driver.pull_image.side_effect = exception.ImageNotFound(
            image='missing:1', detail='not on the host')
        self.driver.show.side_effect = _set_status(consts.RUNNING)
        self.manager.container_rebuild(self.context, container, 'missing:1',
                                       True)
        self.driver.delete.assert_not_called()
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertEqual('busybox:1.35', loaded.image)
        self.assertIn('missing:1', loaded.status_reason)
        self.assertIsNone(loaded.task_state)

    def test_pull_failure_without_engine_container(self):
        container = self._rebuilding()
        self.driver.pull_image.side_effect = exception.ImageNotFound(
            image='missing:1', detail='not on the host')
        self.driver.show.side_effect = _engine_missing
        self.manager.container_rebuild(self.context, container, None, True)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIsNone(loaded.container_id)

    def test_create_failure_sets_error(self):
        container = self._rebuilding()
        self.driver.create.side_effect = exception.DockerError(
            error_msg='no space left')
        self.manager.container_rebuild(self.context, container, None, True)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('no space left', loaded.status_reason)
        self.assertIsNone(loaded.task_state)
        self.driver.show.assert_not_called()


class TestHeal(ActionTestCase):

    def _lost(self, status=consts.RUNNING):
        return self._container(consts.ACTION_CREATE, status=status,
                               auto_heal=True)

    def test_heal_rebuilds_running(self):
        container = self._lost()
        self.assertTrue(self.manager.heal_container(self.context,
                                                    container))
        self.driver.start.assert_called_once()
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_heal_records_rebuild_action(self):
        container = self._lost()
        self.manager.heal_container(self.context, container)
        self.assertEqual(consts.ACTION_REBUILD,
                         self._action(container).action)

    def test_heal_stopped_not_started(self):
        container = self._lost(consts.STOPPED)
        self.manager.heal_container(self.context, container)
        self.driver.start.assert_not_called()
        self.assertEqual(consts.CREATED, self._load(container).status)

    def test_busy_container_not_healed(self):
        container = self._container(consts.ACTION_CREATE,
                                    status=consts.RUNNING,
                                    task_state=consts.CONTAINER_STOPPING)
        self.assertFalse(self.manager.heal_container(self.context,
                                                     container))
        self.driver.create.assert_not_called()

    def test_paused_container_not_healed(self):
        container = self._lost(consts.PAUSED)
        self.assertFalse(self.manager.heal_container(self.context,
                                                     container))


class TestUpdate(ActionTestCase):

    def test_update_changes_engine_and_row(self):
        container = self._claimed('update', consts.RUNNING, memory=64)
        result = self.manager.container_update(
            self.context, container, {'cpu': 0.5, 'memory': 256})
        self.driver.update.assert_called_once_with(
            self.context, container, cpu=0.5, memory=256)
        loaded = self._load(container)
        self.assertEqual(256, loaded.memory)
        self.assertEqual(0.5, loaded.cpu)
        self.assertIsNone(loaded.task_state)
        self.assertEqual(256, result.memory)

    def test_only_memory_keeps_cpu(self):
        container = self._claimed('update', consts.RUNNING, cpu=2.0)
        self.manager.container_update(self.context, container,
                                      {'memory': 128})
        self.driver.update.assert_called_once_with(
            self.context, container, cpu=None, memory=128)
        self.assertEqual(2.0, self._load(container).cpu)

    def test_engine_rejection_raised(self):
        container = self._claimed('update', consts.RUNNING, memory=64)
        self.driver.update.side_effect = exception.ContainerEngineInvalid(
            detail='Minimum memory limit allowed is 6MB')
        self.driver.show.side_effect = _set_status(consts.RUNNING)
        self.assertRaises(exception.ContainerEngineInvalid,
                          self.manager.container_update, self.context,
                          container, {'memory': 4})
        loaded = self._load(container)
        self.assertEqual(64, loaded.memory)
        self.assertIsNone(loaded.task_state)
        self.assertIsNone(loaded.status_reason)

    def test_resize_failure_sets_reason(self):
        container = self._claimed('resize_container', consts.RUNNING,
                                  memory=64)
        self.driver.update.side_effect = exception.ContainerEngineInvalid(
            detail='Minimum memory limit allowed is 6MB')
        self.driver.show.side_effect = _set_status(consts.RUNNING)
        self.manager.resize_container(self.context, container,
                                      {'memory': 4})
        loaded = self._load(container)
        self.assertEqual(64, loaded.memory)
        self.assertIn('Minimum memory', loaded.status_reason)
        self.assertIsNone(loaded.task_state)

    def test_resize_changes_row(self):
        container = self._claimed('resize_container', consts.STOPPED)
        self.manager.resize_container(self.context, container,
                                      {'cpu': 0.25})
        self.assertEqual(0.25, self._load(container).cpu)


class TestCommit(ActionTestCase):

    def setUp(self):
        super().setUp()
        self.driver.commit.return_value = NEW_IMAGE_ID
        self.driver.pause.side_effect = _set_status(consts.PAUSED)
        self.driver.unpause.side_effect = _set_status(consts.RUNNING)

    def _commit(self, container):
        return self.manager.container_commit(self.context, container,
                                             'repo', 'v1')

    def test_running_paused_during_commit(self):
        container = self._claimed('commit', consts.RUNNING)
        self.driver.show.side_effect = _set_status(consts.RUNNING)
        seen = []

        def commit(context, obj, repository, tag):
            seen.append(self._load(container).status)
            return NEW_IMAGE_ID

        self.driver.commit.side_effect = commit
        self.assertEqual(NEW_IMAGE_ID, self._commit(container))
        self.assertEqual([consts.PAUSED], seen)
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_stopped_not_paused(self):
        container = self._claimed('commit', consts.STOPPED)
        self.driver.show.side_effect = _set_status(consts.STOPPED)
        self._commit(container)
        self.driver.pause.assert_not_called()
        self.driver.commit.assert_called_once_with(self.context, container,
                                                   'repo', 'v1')
        self.assertEqual(consts.STOPPED, self._load(container).status)

    def test_paused_stays_paused(self):
        container = self._claimed('commit', consts.PAUSED)
        self.driver.show.side_effect = _set_status(consts.PAUSED)
        self._commit(container)
        self.driver.unpause.assert_not_called()
        self.assertEqual(consts.PAUSED, self._load(container).status)

    def test_failed_commit_unpauses(self):
        container = self._claimed('commit', consts.RUNNING)
        self.driver.show.side_effect = _set_status(consts.RUNNING)
        self.driver.commit.side_effect = exception.ContainerEngineInvalid(
            detail='invalid reference format')
        self.assertRaises(exception.ContainerEngineInvalid, self._commit,
                          container)
        self.driver.unpause.assert_called_once()
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_failed_unpause_keeps_commit_error(self):
        container = self._claimed('commit', consts.RUNNING)
        self.driver.show.side_effect = _set_status(consts.RUNNING)
        self.driver.commit.side_effect = exception.DockerError(
            error_msg='disk full')
        self.driver.unpause.side_effect = exception.DockerError(
            error_msg='unpause failed')
        error = self.assertRaises(exception.DockerError, self._commit,
                                  container)
        self.assertIn('disk full', error.format_message())

    def test_vanished_container_409(self):
        container = self._claimed('commit', consts.RUNNING)
        self.driver.show.side_effect = _engine_missing
        error = self.assertRaises(exception.InvalidStateException,
                                  self._commit, container)
        self.assertIn('in Error state', error.format_message())
        self.driver.commit.assert_not_called()

    def test_commit_events(self):
        container = self._claimed('commit', consts.RUNNING)
        self.driver.show.side_effect = _set_status(consts.RUNNING)
        self._commit(container)
        names = {event.event for event in self._events(container)}
        self.assertEqual({'compute_container_commit',
                          'compute_container_pause',
                          'compute_container_unpause'}, names)


class TestDeleteRemovesMounts(ActionTestCase):

    def test_mounts_removed_after_delete(self):
        container = self._container(
            consts.ACTION_DELETE, status=consts.DELETING,
            task_state=consts.CONTAINER_DELETING,
            mounts=[{'source': 'data', 'destination': '/data'}])
        self.manager.container_delete(self.context, container, False, False)
        self.driver.remove_mounts.assert_called_once_with(self.context,
                                                          mock.ANY)

    def test_mount_failure_still_deletes(self):
        container = self._container(
            consts.ACTION_DELETE, status=consts.DELETING,
            task_state=consts.CONTAINER_DELETING,
            mounts=[{'size': 1, 'destination': '/data'}])
        self.driver.remove_mounts.side_effect = exception.DockerError(
            error_msg='volume busy')
        self.manager.container_delete(self.context, container, False, False)
        self.assertRaises(exception.ContainerNotFound, self._load,
                          container)

    def test_no_mounts_no_call(self):
        container = self._container(
            consts.ACTION_DELETE, status=consts.DELETING,
            task_state=consts.CONTAINER_DELETING, mounts=None)
        self.manager.container_delete(self.context, container, False, False)
        self.driver.remove_mounts.assert_not_called()
