"""Tests of the compute manager's inspection flows with a mocked driver."""

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


class InspectionTestCase(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.driver = mock.create_autospec(container_driver.ContainerDriver,
                                           instance=True)
        self.manager = manager.Manager(driver=self.driver)
        row = utils.create_container(self.context, status=consts.RUNNING)
        self.container = container_obj.Container.get_by_uuid(self.context,
                                                             row.uuid)


class TestInspection(InspectionTestCase):

    def test_logs_passes_options(self):
        self.driver.logs.return_value = 'a\n'
        result = self.manager.container_logs(self.context, self.container,
                                             True, False, True, 3, 12.5)
        self.assertEqual('a\n', result)
        self.driver.logs.assert_called_once_with(
            self.context, self.container, stdout=True, stderr=False,
            timestamps=True, tail=3, since=12.5)

    def test_top_passes_ps_args(self):
        self.manager.container_top(self.context, self.container, 'aux')
        self.driver.top.assert_called_once_with(self.context,
                                                self.container, 'aux')

    def test_stats_returns_driver_result(self):
        self.driver.stats.return_value = {'CPU %': 1.0}
        self.assertEqual({'CPU %': 1.0}, self.manager.container_stats(
            self.context, self.container))

    def test_exec_uses_configured_limit(self):
        self.conf.config(execute_timeout=12, group='docker')
        self.driver.execute_run.return_value = {'output': '', 'exit_code': 0}
        self.manager.container_exec_run(self.context, self.container,
                                        ['true'])
        self.driver.execute_run.assert_called_once_with(
            self.context, self.container, ['true'], 12)

    def test_exec_timeout_raised(self):
        self.driver.execute_run.side_effect = exception.ExecTimeout(
            container=self.container.uuid, timeout=30,
            outcome=exception.ExecTimeout.KILLED)
        # The dispatcher of oslo.messaging unwraps the expected exception.
        error = self.assertRaises(messaging.ExpectedException,
                                  self.manager.container_exec_run,
                                  self.context, self.container, ['sleep'])
        self.assertIsInstance(error.exc_info[1], exception.ExecTimeout)

    def test_unexpected_error_not_wrapped(self):
        self.driver.stats.side_effect = RuntimeError('bug')
        self.assertRaises(RuntimeError, self.manager.container_stats,
                          self.context, self.container)

    def test_no_lock_taken(self):
        # A read runs while a task holds the container's lock.
        with tasks.container_lock(self.container.uuid):
            self.manager.container_stats(self.context, self.container)
        self.driver.stats.assert_called_once()

    def test_no_state_change(self):
        self.driver.logs.return_value = ''
        self.manager.container_logs(self.context, self.container, True,
                                    True, False, None, None)
        loaded = container_obj.Container.get_by_uuid(self.context,
                                                     self.container.uuid)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertIsNone(loaded.task_state)
