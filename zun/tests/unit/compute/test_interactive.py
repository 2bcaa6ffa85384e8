"""Tests of the compute manager's attach, exec and resize flows."""

from unittest import mock

import oslo_messaging as messaging

from zun.common import consts
from zun.common import exception
from zun.compute import manager
from zun.compute import tasks
from zun.container import driver as container_driver
from zun.objects import container as container_obj
from zun.tests import base
from zun.tests.unit.db import utils

EXEC_ID = 'c' * 64


class InteractiveTestCase(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.driver = mock.create_autospec(container_driver.ContainerDriver,
                                           instance=True)
        self.manager = manager.Manager(driver=self.driver)
        row = utils.create_container(self.context, status=consts.RUNNING,
                                     interactive=True)
        self.container = container_obj.Container.get_by_uuid(self.context,
                                                             row.uuid)
        self.conf.config(base_url='ws://proxy.example:6784/',
                         group='websocket_proxy')


class TestAttach(InteractiveTestCase):

    def test_attach_returns_proxy_url(self):
        result = self.manager.container_attach(self.context, self.container)
        self.assertEqual('ws://proxy.example:6784/', result)

    def test_attach_checks_engine(self):
        self.manager.container_attach(self.context, self.container)
        self.driver.check_attachable.assert_called_once_with(
            self.context, self.container)

    def test_attach_conflict_expected(self):
        self.driver.check_attachable.side_effect = (
            exception.ContainerEngineConflict(detail='not running'))
        error = self.assertRaises(messaging.ExpectedException,
                                  self.manager.container_attach,
                                  self.context, self.container)
        self.assertIsInstance(error.exc_info[1],
                              exception.ContainerEngineConflict)


class TestResize(InteractiveTestCase):

    def test_resize_passes_size(self):
        self.manager.container_resize(self.context, self.container, 24, 80)
        self.driver.resize.assert_called_once_with(
            self.context, self.container, 24, 80)

    def test_exec_resize_passes_size(self):
        self.manager.container_exec_resize(self.context, self.container,
                                           EXEC_ID, 30, 100)
        self.driver.execute_resize.assert_called_once_with(
            self.context, self.container, EXEC_ID, 30, 100)

    def test_exec_resize_finished_expected(self):
        self.driver.execute_resize.side_effect = exception.ExecFinished(
            exec_id=EXEC_ID, container=self.container.uuid)
        error = self.assertRaises(messaging.ExpectedException,
                                  self.manager.container_exec_resize,
                                  self.context, self.container, EXEC_ID, 1,
                                  1)
        self.assertIsInstance(error.exc_info[1], exception.ExecFinished)

    def test_no_lock_taken(self):
        with tasks.container_lock(self.container.uuid):
            self.manager.container_resize(self.context, self.container, 1,
                                          1)
        self.driver.resize.assert_called_once()


class TestExecCreate(InteractiveTestCase):

    def test_returns_exec_and_proxy(self):
        self.driver.execute_create.return_value = EXEC_ID
        result = self.manager.container_exec_create(
            self.context, self.container, ['sh'], True)
        self.assertEqual({'exec_id': EXEC_ID,
                          'proxy_base_url': 'ws://proxy.example:6784/'},
                         result)

    def test_passes_interactive_flag(self):
        self.driver.execute_create.return_value = EXEC_ID
        self.manager.container_exec_create(self.context, self.container,
                                           ['ls', '-l'], False)
        self.driver.execute_create.assert_called_once_with(
            self.context, self.container, ['ls', '-l'], False)

    def test_no_state_change(self):
        self.driver.execute_create.return_value = EXEC_ID
        self.manager.container_exec_create(self.context, self.container,
                                           ['sh'], True)
        loaded = container_obj.Container.get_by_uuid(self.context,
                                                     self.container.uuid)
        self.assertIsNone(loaded.task_state)
