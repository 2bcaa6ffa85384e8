"""Tests of the compute manager with a mocked driver and a real database."""

import threading
import time
from unittest import mock

from zun.common import consts
from zun.common import exception
from zun.compute import manager
from zun.container import driver as container_driver
from zun.network import driver as network_driver
from zun.objects import container as container_obj
from zun.objects import container_action
from zun.tests import base
from zun.tests.unit.db import utils

Container = container_obj.Container
ContainerAction = container_action.ContainerAction
ContainerActionEvent = container_action.ContainerActionEvent
IMAGE_ID = 'sha256:' + 'f' * 64
ENGINE_ID = 'e' * 64


def _engine_create(context, container, image_id):
    container.container_id = ENGINE_ID
    container.status = consts.CREATED
    container.status_detail = 'Created'
    return container


def _engine_start(context, container):
    container.status = consts.RUNNING
    container.status_detail = 'Up Less than a second'
    return container


def _engine_stop(context, container, timeout):
    container.status = consts.STOPPED
    container.status_detail = 'Exited (0) Less than a second ago'
    return container


class ManagerTestCase(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.driver = mock.create_autospec(container_driver.ContainerDriver,
                                           instance=True)
        self.driver.pull_image.return_value = IMAGE_ID
        self.driver.create.side_effect = _engine_create
        self.driver.start.side_effect = _engine_start
        self.driver.stop.side_effect = _engine_stop
        self.network_driver = mock.create_autospec(
            network_driver.NetworkDriver, instance=True)
        self.manager = manager.Manager(driver=self.driver,
                                       network_driver=self.network_driver)

    def _container(self, action, **overrides):
        """Insert a container as the API leaves it, with its action."""
        row = utils.create_container(self.context, **overrides)
        ContainerAction.action_start(self.context, row.uuid, action)
        return Container.get_by_uuid(self.context, row.uuid)

    def _new_container(self, **overrides):
        values = dict(status=consts.CREATING,
                      task_state=consts.CONTAINER_CREATING,
                      container_id=None)
        values.update(overrides)
        return self._container(consts.ACTION_CREATE, **values)

    def _load(self, container):
        return Container.get_by_uuid(self.context, container.uuid)

    def _action(self, container):
        return ContainerAction.get_by_request_id(
            self.context, container.uuid, self.context.request_id)

    def _events(self, container):
        return ContainerActionEvent.get_by_action(
            self.context, self._action(container).id)


class TestContainerCreate(ManagerTestCase):

    def test_run_calls_driver(self):
        container = self._new_container(image='busybox:1.36',
                                        image_pull_policy='ifnotpresent')
        self.manager.container_create(self.context, container, True)
        self.driver.pull_image.assert_called_once_with(
            self.context, 'busybox:1.36', 'ifnotpresent')
        self.driver.create.assert_called_once_with(self.context, container,
                                                   IMAGE_ID)
        self.driver.start.assert_called_once_with(self.context, container)

    def test_run_ends_running(self):
        container = self._new_container()
        self.manager.container_create(self.context, container, True)
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIsNone(loaded.task_state)
        self.assertIsNone(loaded.status_reason)
        self.assertEqual(ENGINE_ID, loaded.container_id)

    def test_run_finishes_action(self):
        container = self._new_container()
        self.manager.container_create(self.context, container, True)
        action = self._action(container)
        self.assertIsNotNone(action.finish_time)
        self.assertIsNone(action.message)

    def test_run_records_success_event(self):
        container = self._new_container()
        self.manager.container_create(self.context, container, True)
        events = {event.event: event for event in self._events(container)}
        self.assertEqual({'compute_container_create', 'compute_image_pull',
                          'compute_network_connect',
                          'compute_container_start'}, set(events))
        for event in events.values():
            self.assertEqual(consts.EVENT_SUCCESS, event.result)
            self.assertIsNotNone(event.finish_time)

    def test_pull_failure_records_both_events(self):
        container = self._new_container()
        self.driver.pull_image.side_effect = exception.ImagePullFailed(
            image='busybox:latest', detail='timed out')
        self.manager.container_create(self.context, container, True)
        events = {event.event: event for event in self._events(container)}
        self.assertEqual({'compute_container_create', 'compute_image_pull'},
                         set(events))
        for event in events.values():
            self.assertEqual(consts.EVENT_ERROR, event.result)

    def test_create_without_run(self):
        container = self._new_container()
        self.manager.container_create(self.context, container, False)
        self.driver.start.assert_not_called()
        loaded = self._load(container)
        self.assertEqual(consts.CREATED, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_task_states_while_running(self):
        container = self._new_container()
        seen = []

        def record_pull(context, image, policy):
            seen.append(self._load(container).task_state)
            return IMAGE_ID

        def record_create(context, obj, image_id):
            seen.append(self._load(container).task_state)
            return _engine_create(context, obj, image_id)

        def record_start(context, obj):
            seen.append(self._load(container).task_state)
            return _engine_start(context, obj)

        self.driver.pull_image.side_effect = record_pull
        self.driver.create.side_effect = record_create
        self.driver.start.side_effect = record_start
        self.manager.container_create(self.context, container, True)
        self.assertEqual([consts.IMAGE_PULLING, consts.CONTAINER_CREATING,
                          consts.CONTAINER_STARTING], seen)

    def test_pull_failure_sets_error(self):
        container = self._new_container(image='registry:5000/app:1.0')
        self.driver.pull_image.side_effect = exception.ImagePullFailed(
            image='registry:5000/app:1.0', detail='connection refused')
        self.manager.container_create(self.context, container, True)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('registry:5000/app:1.0', loaded.status_reason)
        self.assertIn('connection refused', loaded.status_reason)
        self.assertIsNone(loaded.task_state)
        self.driver.create.assert_not_called()

    def test_image_not_found_sets_error(self):
        container = self._new_container(image='missing:1')
        self.driver.pull_image.side_effect = exception.ImageNotFound(
            image='missing:1', detail='the pull policy is never')
        self.manager.container_create(self.context, container, True)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('missing:1', loaded.status_reason)
        self.assertIsNone(loaded.task_state)

    def test_pull_failure_event_error(self):
        container = self._new_container()
        self.driver.pull_image.side_effect = exception.ImagePullFailed(
            image='busybox:latest', detail='timed out')
        self.manager.container_create(self.context, container, True)
        event = self._events(container)[0]
        self.assertEqual(consts.EVENT_ERROR, event.result)
        self.assertIn('Traceback', event.traceback)
        self.assertIn('pull_image', event.traceback)
        self.assertIn('timed out', event.details)

    def test_pull_failure_action_error(self):
        container = self._new_container()
        self.driver.pull_image.side_effect = exception.ImagePullFailed(
            image='busybox:latest', detail='timed out')
        self.manager.container_create(self.context, container, True)
        action = self._action(container)
        self.assertEqual('Error', action.message)
        self.assertIsNotNone(action.finish_time)

    def test_create_failure_sets_error(self):
        container = self._new_container()
        self.driver.create.side_effect = exception.DockerError(
            error_msg='invalid mount')
        self.manager.container_create(self.context, container, True)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('invalid mount', loaded.status_reason)
        self.assertIsNone(loaded.task_state)

    def test_start_failure_sets_error(self):
        container = self._new_container()
        self.driver.start.side_effect = exception.DockerError(
            error_msg='exec format error')
        self.manager.container_create(self.context, container, True)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('exec format error', loaded.status_reason)
        self.assertIsNone(loaded.task_state)
        self.assertEqual(ENGINE_ID, loaded.container_id)

    def test_unexpected_error_sets_error(self):
        container = self._new_container()
        self.driver.create.side_effect = KeyError('Id')
        self.manager.container_create(self.context, container, True)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('KeyError', loaded.status_reason)
        self.assertIsNone(loaded.task_state)

    def test_create_without_action(self):
        row = utils.create_container(self.context, status=consts.CREATING,
                                     task_state=consts.CONTAINER_CREATING)
        container = Container.get_by_uuid(self.context, row.uuid)
        self.manager.container_create(self.context, container, True)
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_deleted_while_creating(self):
        container = self._new_container()

        def delete_row(context, obj, image_id):
            Container.get_by_uuid(self.context, obj.uuid).destroy()
            return _engine_create(context, obj, image_id)

        self.driver.create.side_effect = delete_row
        self.manager.container_create(self.context, container, False)
        self.assertRaises(exception.ContainerNotFound, self._load,
                          container)


class TestContainerStart(ManagerTestCase):

    def _stopped(self):
        return self._container(consts.ACTION_START, status=consts.STOPPED,
                               task_state=consts.CONTAINER_STARTING)

    def test_start_sets_running(self):
        container = self._stopped()
        self.manager.container_start(self.context, container)
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_start_records_event(self):
        container = self._stopped()
        self.manager.container_start(self.context, container)
        events = self._events(container)
        self.assertEqual('compute_container_start', events[0].event)
        self.assertEqual(consts.EVENT_SUCCESS, events[0].result)

    def test_start_failure_sets_error(self):
        container = self._stopped()
        self.driver.start.side_effect = exception.ContainerEngineConflict(
            detail='container is marked for removal')
        self.manager.container_start(self.context, container)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('marked for removal', loaded.status_reason)
        self.assertIsNone(loaded.task_state)
        self.assertEqual('Error', self._action(container).message)


    def test_start_creates_missing_container(self):
        container = self._container(consts.ACTION_START, status=consts.ERROR,
                                    task_state=consts.CONTAINER_STARTING,
                                    container_id=None)
        self.manager.container_start(self.context, container)
        self.driver.pull_image.assert_called_once()
        self.driver.create.assert_called_once()
        self.assertEqual(consts.RUNNING, self._load(container).status)

    def test_start_existing_skips_create(self):
        container = self._stopped()
        self.manager.container_start(self.context, container)
        self.driver.create.assert_not_called()


class TestUnexpectedErrorReason(ManagerTestCase):

    def test_reason_hides_internal_text(self):
        container = self._new_container()
        self.driver.pull_image.side_effect = RuntimeError('SELECT secret')
        self.manager.container_create(self.context, container, True)
        reason = self._load(container).status_reason
        self.assertNotIn('SELECT', reason)
        self.assertIn('RuntimeError', reason)


class TestContainerStop(ManagerTestCase):

    def _running(self):
        return self._container(consts.ACTION_STOP, status=consts.RUNNING,
                               task_state=consts.CONTAINER_STOPPING)

    def test_stop_sets_stopped(self):
        container = self._running()
        self.manager.container_stop(self.context, container, 7)
        self.driver.stop.assert_called_once_with(self.context, container, 7)
        loaded = self._load(container)
        self.assertEqual(consts.STOPPED, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_stop_finishes_action(self):
        container = self._running()
        self.manager.container_stop(self.context, container, 7)
        action = self._action(container)
        self.assertIsNotNone(action.finish_time)
        self.assertIsNone(action.message)

    def test_stop_failure_reads_engine(self):
        container = self._running()
        self.driver.stop.side_effect = exception.DockerError(
            error_msg='timeout')

        def engine_state(context, obj):
            obj.status = consts.PAUSED
            obj.status_detail = 'Up 3 minutes (Paused)'
            return obj

        self.driver.show.side_effect = engine_state
        self.manager.container_stop(self.context, container, 7)
        loaded = self._load(container)
        self.assertEqual(consts.PAUSED, loaded.status)
        self.assertIn('timeout', loaded.status_reason)
        self.assertIsNone(loaded.task_state)

    def test_stop_failure_event_error(self):
        container = self._running()
        self.driver.stop.side_effect = exception.DockerError(
            error_msg='timeout')
        self.driver.show.side_effect = lambda context, obj: obj
        self.manager.container_stop(self.context, container, 7)
        self.assertEqual(consts.EVENT_ERROR,
                         self._events(container)[0].result)
        self.assertEqual('Error', self._action(container).message)

    def test_stop_and_show_fail(self):
        container = self._running()
        self.driver.stop.side_effect = exception.DockerError(
            error_msg='engine down')
        self.driver.show.side_effect = exception.DockerError(
            error_msg='engine down')
        self.manager.container_stop(self.context, container, 7)
        loaded = self._load(container)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIn('engine down', loaded.status_reason)
        self.assertIsNone(loaded.task_state)


class TestContainerDelete(ManagerTestCase):

    def _deleting(self, status=consts.DELETING, **overrides):
        return self._container(consts.ACTION_DELETE, status=status,
                               task_state=consts.CONTAINER_DELETING,
                               **overrides)

    def test_delete_removes_row(self):
        container = self._deleting()
        self.manager.container_delete(self.context, container, False, False)
        self.driver.delete.assert_called_once_with(self.context, container,
                                                   force=False)
        self.assertRaises(exception.ContainerNotFound, self._load,
                          container)

    def test_delete_removes_history(self):
        container = self._deleting()
        self.manager.container_delete(self.context, container, False, False)
        self.assertEqual([], ContainerAction.get_by_container_uuid(
            self.context, container.uuid))

    def test_delete_failure_sets_error(self):
        container = self._deleting()
        self.driver.delete.side_effect = exception.DockerError(
            error_msg='device busy')
        self.manager.container_delete(self.context, container, False, False)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('device busy', loaded.status_reason)
        self.assertIsNone(loaded.task_state)
        self.assertEqual('Error', self._action(container).message)

    def test_forced_delete_ignores_errors(self):
        container = self._deleting()
        self.driver.delete.side_effect = exception.DockerError(
            error_msg='device busy')
        self.manager.container_delete(self.context, container, True, False)
        self.driver.delete.assert_called_once_with(self.context, container,
                                                   force=True)
        self.assertRaises(exception.ContainerNotFound, self._load,
                          container)

    def test_forced_delete_engine_unreachable(self):
        container = self._deleting()
        self.driver.delete.side_effect = ConnectionError('socket missing')
        self.manager.container_delete(self.context, container, True, False)
        self.assertRaises(exception.ContainerNotFound, self._load,
                          container)

    def test_forced_delete_skips_stop(self):
        container = self._deleting()
        self.manager.container_delete(self.context, container, True, True)
        self.driver.stop.assert_not_called()

    def test_delete_with_stop(self):
        container = self._deleting()
        self.manager.container_delete(self.context, container, False, True)
        self.driver.stop.assert_called_once_with(
            self.context, container, manager.DELETE_STOP_TIMEOUT)
        self.driver.delete.assert_called_once_with(self.context, container,
                                                   force=True)
        self.assertRaises(exception.ContainerNotFound, self._load,
                          container)

    def test_stop_failure_before_delete(self):
        container = self._deleting()
        self.driver.stop.side_effect = exception.DockerError(
            error_msg='not running')
        self.manager.container_delete(self.context, container, False, True)
        self.driver.delete.assert_called_once_with(self.context, container,
                                                   force=True)
        self.assertRaises(exception.ContainerNotFound, self._load,
                          container)

    def test_delete_without_engine_container(self):
        container = self._deleting(container_id=None)
        self.manager.container_delete(self.context, container, False, True)
        self.driver.stop.assert_not_called()
        self.assertRaises(exception.ContainerNotFound, self._load,
                          container)

    def test_delete_of_deleted_row(self):
        container = self._deleting()
        Container.get_by_uuid(self.context, container.uuid).destroy()
        self.manager.container_delete(self.context, container, True, False)
        self.driver.delete.assert_called_once_with(self.context, container,
                                                   force=True)


class TestTaskStateCleared(ManagerTestCase):
    """Every outcome of every method leaves task_state empty."""

    def test_every_outcome(self):
        cases = [
            ('create', consts.CREATING, consts.CONTAINER_CREATING,
             lambda c: self.manager.container_create(self.context, c,
                                                     True), 'create'),
            ('start', consts.STOPPED, consts.CONTAINER_STARTING,
             lambda c: self.manager.container_start(self.context, c),
             'start'),
            ('stop', consts.RUNNING, consts.CONTAINER_STOPPING,
             lambda c: self.manager.container_stop(self.context, c, 1),
             'stop'),
            ('delete', consts.DELETING, consts.CONTAINER_DELETING,
             lambda c: self.manager.container_delete(self.context, c,
                                                     False, False),
             'delete'),
        ]
        for action, status, task_state, call, method in cases:
            for error in (None, exception.DockerError(error_msg='x'),
                          RuntimeError('y')):
                self.driver.reset_mock()
                self.driver.pull_image.return_value = IMAGE_ID
                self.driver.create.side_effect = _engine_create
                self.driver.start.side_effect = _engine_start
                self.driver.stop.side_effect = _engine_stop
                self.driver.show.side_effect = lambda context, obj: obj
                self.driver.delete.side_effect = None
                if error is not None:
                    getattr(self.driver, method).side_effect = error
                container = self._container(action, status=status,
                                            task_state=task_state)
                call(container)
                if action == 'delete' and error is None:
                    continue
                self.assertIsNone(self._load(container).task_state,
                                  '%s with %r' % (action, error))

    def test_event_record_failure(self):
        container = self._container(consts.ACTION_START,
                                    status=consts.STOPPED,
                                    task_state=consts.CONTAINER_STARTING)
        with mock.patch.object(ContainerActionEvent, 'event_start',
                               autospec=True,
                               side_effect=exception.DockerError(
                                   error_msg='db gone')):
            self.manager.container_start(self.context, container)
        self.assertIsNone(self._load(container).task_state)


class TestContainerLock(ManagerTestCase):

    def test_calls_on_one_container_serialize(self):
        container = self._container(consts.ACTION_START,
                                    status=consts.STOPPED,
                                    task_state=consts.CONTAINER_STARTING)
        copy = Container.get_by_uuid(self.context, container.uuid)
        inside = []
        overlaps = []
        entered = threading.Event()

        def slow(name):
            def run(context, obj, *args):
                if inside:
                    overlaps.append(name)
                inside.append(name)
                entered.set()
                time.sleep(0.2)
                inside.remove(name)
                return obj
            return run

        self.driver.start.side_effect = slow('start')
        self.driver.stop.side_effect = slow('stop')
        first = threading.Thread(target=self.manager.container_start,
                                 args=(self.context, container))
        first.start()
        self.assertTrue(entered.wait(10))
        second = threading.Thread(target=self.manager.container_stop,
                                  args=(self.context, copy, 1))
        second.start()
        first.join(10)
        second.join(10)
        self.assertEqual([], overlaps)
        self.assertEqual(1, self.driver.start.call_count)
        self.assertEqual(1, self.driver.stop.call_count)

    def test_other_containers_run_in_parallel(self):
        first = self._container(consts.ACTION_START, status=consts.STOPPED,
                              task_state=consts.CONTAINER_STARTING)
        second = self._container(consts.ACTION_START, status=consts.STOPPED,
                              task_state=consts.CONTAINER_STARTING)
        both_inside = threading.Barrier(2, timeout=10)

        def meet(context, obj):
            both_inside.wait()
            return _engine_start(context, obj)

        self.driver.start.side_effect = meet
        threads = [threading.Thread(target=self.manager.container_start,
                                    args=(self.context, container))
                   for container in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(15)
        self.assertFalse(both_inside.broken)
        self.assertEqual(consts.RUNNING, self._load(first).status)
        self.assertEqual(consts.RUNNING, self._load(second).status)
