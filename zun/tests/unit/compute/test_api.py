"""Tests of the compute API that zun-api uses to send requests."""

from unittest import mock

import fixtures
import oslo_messaging as messaging

from zun.common import consts
from zun.common import exception
from zun.compute import api as compute_api
from zun.compute import rpcapi
from zun.db import api as dbapi
from zun.objects import container as container_obj
from zun.objects import container_action
from zun.objects import zun_service
from zun.scheduler import scheduler
from zun.tests import base
from zun.tests.unit.db import utils

BINARY = 'zun-compute'


class ComputeAPITestCase(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.rpc = mock.create_autospec(rpcapi.API, instance=True)
        self.scheduler = mock.create_autospec(scheduler.FilterScheduler,
                                              instance=True)
        self.useFixture(fixtures.MockPatchObject(
            rpcapi, 'API', autospec=True, return_value=self.rpc))
        self.useFixture(fixtures.MockPatchObject(
            scheduler, 'FilterScheduler', autospec=True,
            return_value=self.scheduler))
        self.api = compute_api.API()

    def _container(self, **overrides):
        row = utils.create_container(self.context, **overrides)
        return container_obj.Container.get_by_uuid(self.context, row.uuid)

    def _load(self, container):
        return container_obj.Container.get_by_uuid(self.context,
                                                   container.uuid)

    def _action(self, container):
        return container_action.ContainerAction.get_by_request_id(
            self.context, container.uuid, self.context.request_id)

    def _register(self, host='fake-host'):
        zun_service.ZunService.register(self.context, host, BINARY, 'nova')


class TestCreate(ComputeAPITestCase):

    def _creating(self):
        return self._container(status=consts.CREATING, host=None,
                               task_state=consts.CONTAINER_CREATING)

    def test_create_schedules_and_casts(self):
        container = self._creating()
        self.scheduler.select_host.return_value = 'h2'
        self.api.container_create(self.context, container, True, None)
        self.scheduler.select_host.assert_called_once_with(
            self.context, container, None)
        self.rpc.container_create.assert_called_once_with(
            self.context, 'h2', container, True)
        self.assertEqual('h2', self._load(container).host)

    def test_create_records_action(self):
        container = self._creating()
        self.scheduler.select_host.return_value = 'h2'
        self.api.container_create(self.context, container, False, None)
        self.assertEqual(consts.ACTION_CREATE,
                         self._action(container).action)

    def test_requested_host_passed(self):
        container = self._creating()
        self.scheduler.select_host.return_value = 'h3'
        self.api.container_create(self.context, container, False, 'h3')
        self.scheduler.select_host.assert_called_once_with(
            self.context, container, 'h3')

    def test_no_valid_host(self):
        container = self._creating()
        self.scheduler.select_host.side_effect = exception.NoValidHost(
            reason='no host has 512 MiB of memory free')
        self.api.container_create(self.context, container, True, None)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('512 MiB', loaded.status_reason)
        self.assertIsNone(loaded.task_state)
        self.assertEqual('Error', self._action(container).message)
        self.rpc.container_create.assert_not_called()

    def test_scheduler_crash(self):
        container = self._creating()
        self.scheduler.select_host.side_effect = RuntimeError('bug')
        self.assertRaises(RuntimeError, self.api.container_create,
                          self.context, container, True, None)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIsNone(loaded.task_state)

    def test_cast_failure(self):
        container = self._creating()
        self.scheduler.select_host.return_value = 'h2'
        self.rpc.container_create.side_effect = RuntimeError('no broker')
        self.assertRaises(RuntimeError, self.api.container_create,
                          self.context, container, True, None)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('h2', loaded.status_reason)
        self.assertIsNone(loaded.task_state)


class TestActions(ComputeAPITestCase):

    def test_start_casts(self):
        self._register()
        container = self._container(status=consts.STOPPED)
        self.api.container_start(self.context, container)
        self.rpc.container_start.assert_called_once_with(self.context,
                                                         container)
        self.assertEqual(consts.ACTION_START,
                         self._action(container).action)

    def test_stop_casts(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.api.container_stop(self.context, container, 5)
        self.rpc.container_stop.assert_called_once_with(self.context,
                                                        container, 5)

    def test_host_down(self):
        container = self._container(status=consts.STOPPED)
        error = self.assertRaises(exception.ContainerHostNotUp,
                                  self.api.container_start, self.context,
                                  container)
        self.assertIn('fake-host', str(error))
        self.rpc.container_start.assert_not_called()

    def test_host_forced_down(self):
        self._register()
        dbapi.service_update(self.context, 'fake-host', BINARY,
                             {'forced_down': True})
        container = self._container(status=consts.RUNNING)
        self.assertRaises(exception.ContainerHostNotUp,
                          self.api.container_stop, self.context, container,
                          5)

    def test_delete_without_host(self):
        container = self._container(host=None)
        self.api.container_delete(self.context, container, False, False,
                                  False)
        self.assertRaises(exception.ContainerNotFound, self._load, container)
        self.rpc.container_delete.assert_not_called()

    def test_delete_sends(self):
        self._register()
        container = self._container(status=consts.DELETING)
        self.api.container_delete(self.context, container, False, True,
                                  True)
        self.rpc.container_delete.assert_called_once_with(
            self.context, container, False, True, wait=True)
        self.assertEqual(consts.ACTION_DELETE,
                         self._action(container).action)

    def test_forced_delete_host_down(self):
        container = self._container(status=consts.DELETING)
        self.api.container_delete(self.context, container, True, False,
                                  False)
        self.rpc.container_delete.assert_called_once_with(
            self.context, container, True, False, wait=False)

    def test_delete_host_down(self):
        container = self._container(status=consts.DELETING)
        self.assertRaises(exception.ContainerHostNotUp,
                          self.api.container_delete, self.context,
                          container, False, False, False)


class TestInspection(ComputeAPITestCase):

    def test_logs_calls_host(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.rpc.container_logs.return_value = 'text'
        result = self.api.container_logs(self.context, container, True,
                                         True, False, 5, None)
        self.assertEqual('text', result)
        self.rpc.container_logs.assert_called_once_with(
            self.context, container, True, True, False, 5, None)

    def test_top_stats_exec_call_host(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.api.container_top(self.context, container, 'aux')
        self.api.container_stats(self.context, container)
        self.api.container_exec_run(self.context, container, ['ls'])
        self.rpc.container_top.assert_called_once_with(
            self.context, container, 'aux')
        self.rpc.container_stats.assert_called_once_with(
            self.context, container)
        self.rpc.container_exec_run.assert_called_once_with(
            self.context, container, ['ls'])

    def test_records_no_action(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.api.container_stats(self.context, container)
        self.assertIsNone(self._action(container))

    def test_host_down(self):
        container = self._container(status=consts.RUNNING)
        self.assertRaises(exception.ContainerHostNotUp,
                          self.api.container_stats, self.context, container)
        self.rpc.container_stats.assert_not_called()

    def test_no_host(self):
        container = self._container(status=consts.ERROR, host=None)
        self.assertRaises(exception.ContainerNotOnEngine,
                          self.api.container_logs, self.context, container,
                          True, True, False, None, None)
        self.rpc.container_logs.assert_not_called()

    def test_call_timeout(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.rpc.container_top.side_effect = messaging.MessagingTimeout()
        error = self.assertRaises(exception.ComputeCallTimeout,
                                  self.api.container_top, self.context,
                                  container, None)
        self.assertIn('within 60 seconds', str(error))

    def test_exec_timeout_includes_limit(self):
        self._register()
        self.conf.config(execute_timeout=30, group='docker')
        container = self._container(status=consts.RUNNING)
        self.rpc.container_exec_run.side_effect = (
            messaging.MessagingTimeout())
        error = self.assertRaises(exception.ComputeCallTimeout,
                                  self.api.container_exec_run, self.context,
                                  container, ['sleep', '1000'])
        self.assertIn('within 90 seconds', str(error))


class TestArchivesAndNetworks(ComputeAPITestCase):

    def test_get_archive_checks_host(self):
        container = self._container(status=consts.RUNNING)
        self.assertRaises(exception.ContainerHostNotUp,
                          self.api.container_get_archive, self.context,
                          container, '/a', 10)
        self.rpc.container_get_archive.assert_not_called()

    def test_get_archive_returns_result(self):
        self._register()
        self.rpc.container_get_archive.return_value = {'data': 'x'}
        container = self._container(status=consts.RUNNING)
        result = self.api.container_get_archive(self.context, container,
                                                '/a', 10)
        self.assertEqual({'data': 'x'}, result)

    def test_put_archive_records_nothing(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.api.container_put_archive(self.context, container, '/', 'eA==')
        self.rpc.container_put_archive.assert_called_once_with(
            self.context, container, '/', 'eA==')
        self.assertIsNone(self._action(container))

    def test_network_attach_records_action(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.api.network_attach(self.context, container, 'net1', None)
        self.assertEqual('network_attach', self._action(container).action)
        self.rpc.network_attach.assert_called_once_with(
            self.context, container, 'net1', None)

    def test_network_detach_records_action(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.api.network_detach(self.context, container, 'net1')
        self.assertEqual('network_detach', self._action(container).action)

    def test_network_attach_checks_host(self):
        container = self._container(status=consts.RUNNING)
        self.assertRaises(exception.ContainerHostNotUp,
                          self.api.network_attach, self.context, container,
                          'net1', None)
        self.assertIsNone(self._action(container))


class TestInteractive(ComputeAPITestCase):

    def test_attach_returns_proxy_url(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.rpc.container_attach.return_value = 'ws://proxy:6784/'
        self.assertEqual('ws://proxy:6784/',
                         self.api.container_attach(self.context, container))

    def test_exec_create_calls_host(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.api.container_exec_create(self.context, container, ['sh'], True)
        self.rpc.container_exec_create.assert_called_once_with(
            self.context, container, ['sh'], True)

    def test_resizes_call_host(self):
        self._register()
        container = self._container(status=consts.RUNNING)
        self.api.container_resize(self.context, container, 24, 80)
        self.api.container_exec_resize(self.context, container, 'abc', 30,
                                       100)
        self.rpc.container_resize.assert_called_once_with(
            self.context, container, 24, 80)
        self.rpc.container_exec_resize.assert_called_once_with(
            self.context, container, 'abc', 30, 100)

    def test_resize_host_down_503(self):
        container = self._container(status=consts.RUNNING)
        self.assertRaises(exception.ContainerHostNotUp,
                          self.api.container_resize, self.context, container,
                          24, 80)
        self.rpc.container_resize.assert_not_called()

    def test_attach_host_down(self):
        container = self._container(status=consts.RUNNING)
        self.assertRaises(exception.ContainerHostNotUp,
                          self.api.container_attach, self.context, container)
        self.rpc.container_attach.assert_not_called()
