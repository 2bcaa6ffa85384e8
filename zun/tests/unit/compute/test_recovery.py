"""Tests of the recovery of containers that a stopped zun-compute left."""

from unittest import mock

from zun.common import consts
from zun.common import exception
from zun.compute import recovery
from zun.container import driver as container_driver
from zun.db import api as dbapi
from zun.tests import base
from zun.tests.unit.db import utils

HOST = 'fake-host'


class TestRecoverInterrupted(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.driver = mock.create_autospec(container_driver.ContainerDriver,
                                           instance=True)
        self.driver.list.return_value = []

    def _create(self, **overrides):
        overrides.setdefault('host', HOST)
        return utils.create_container(self.context, **overrides)

    def _load(self, row):
        return dbapi.container_get_by_uuid(self.context, row.uuid)

    def _recover(self):
        return recovery.recover_interrupted(self.driver, HOST)

    def _engine_has(self, row, status, detail):
        self.driver.list.return_value = [container_driver.EngineContainer(
            container_id=row.container_id, uuid=row.uuid, status=status,
            status_detail=detail)]

    def test_nothing_stuck_no_engine_call(self):
        self._create(status=consts.RUNNING)
        self.assertEqual(0, self._recover())
        self.driver.list.assert_not_called()

    def test_interrupted_stop_takes_engine_state(self):
        row = self._create(status=consts.RUNNING,
                           task_state=consts.CONTAINER_STOPPING)
        self._engine_has(row, consts.STOPPED, 'Exited (0) 1 second ago')
        self.assertEqual(1, self._recover())
        loaded = self._load(row)
        self.assertEqual(consts.STOPPED, loaded.status)
        self.assertIsNone(loaded.task_state)
        self.assertIn('container_stopping', loaded.status_reason)

    def test_interrupted_create_without_engine(self):
        row = self._create(status=consts.CREATING, container_id=None,
                           task_state=consts.IMAGE_PULLING)
        self._recover()
        loaded = self._load(row)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIsNone(loaded.task_state)
        self.assertIn('start it to create it again', loaded.status_reason)

    def test_interrupted_create_in_engine(self):
        row = self._create(status=consts.CREATING,
                           task_state=consts.CONTAINER_CREATING)
        self._engine_has(row, consts.CREATED, 'Created')
        self._recover()
        self.assertEqual(consts.CREATED, self._load(row).status)

    def test_lost_container_is_error(self):
        row = self._create(status=consts.RUNNING,
                           task_state=consts.CONTAINER_STOPPING)
        self._recover()
        loaded = self._load(row)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertEqual('No such container', loaded.status_reason)

    def test_interrupted_delete_finishes(self):
        row = self._create(status=consts.DELETING,
                           task_state=consts.CONTAINER_DELETING)
        self._recover()
        self.assertRaises(exception.ContainerNotFound, self._load, row)
        self.driver.delete.assert_called_once_with(mock.ANY, mock.ANY,
                                                   force=True)

    def test_delete_despite_engine_error(self):
        row = self._create(status=consts.DELETING,
                           task_state=consts.CONTAINER_DELETING)
        self.driver.delete.side_effect = exception.DockerError(
            error_msg='engine down')
        self._recover()
        self.assertRaises(exception.ContainerNotFound, self._load, row)

    def test_unfinished_action_finished(self):
        row = self._create(status=consts.RUNNING,
                           task_state=consts.CONTAINER_STOPPING)
        dbapi.action_start(self.context, {
            'container_uuid': row.uuid, 'request_id': 'req-stop',
            'action': 'stop'})
        self._recover()
        action = dbapi.action_get_by_request_id(self.context, row.uuid,
                                                'req-stop')
        self.assertIsNotNone(action.finish_time)
        self.assertEqual(consts.EVENT_ERROR, action.message)

    def test_other_hosts_untouched(self):
        row = self._create(host='other-host', status=consts.RUNNING,
                           task_state=consts.CONTAINER_STOPPING)
        self._recover()
        self.assertEqual(consts.CONTAINER_STOPPING,
                         self._load(row).task_state)
