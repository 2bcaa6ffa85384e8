"""The compute API, RPC client and state sync parts of the new actions."""

from unittest import mock

from oslo_messaging.rpc import client as rpc_client

from zun.common import consts
from zun.common import exception
from zun.common import rpc
from zun.compute import manager
from zun.compute import periodic
from zun.compute import rpcapi
from zun.container import driver as container_driver
from zun.db import api as dbapi
from zun.objects import container as container_obj
from zun.scheduler import filters
from zun.tests import base
from zun.tests.unit.compute import test_api
from zun.tests.unit.db import utils

HOST = 'fake-host'

# (method, arguments after the container, call or cast).
RPC_METHODS = (
    ('container_pause', {}, 'call'),
    ('container_unpause', {}, 'call'),
    ('container_kill', {'signal': 'SIGTERM'}, 'call'),
    ('container_reboot', {'timeout': 3}, 'cast'),
    ('container_rebuild', {'image': 'busybox', 'run': True}, 'cast'),
    ('container_update', {'patch': {'cpu': 1.0}}, 'call'),
    ('resize_container', {'patch': {'memory': 64}}, 'cast'),
)


class TestRPCMethods(base.TestCase):

    def setUp(self):
        super().setUp()
        self.client = mock.create_autospec(rpc_client.RPCClient,
                                           instance=True)
        self.prepared = mock.create_autospec(rpc_client._CallContext,
                                             instance=True)
        self.client.prepare.return_value = self.prepared
        patcher = mock.patch.object(rpc, 'get_client', autospec=True,
                                    return_value=self.client)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.api = rpcapi.API()
        self.container = container_obj.Container(
            self.context, uuid='2a6b5f0e-0000-4000-8000-000000000001',
            host='compute-1', name='web')

    def test_version_is_1_1(self):
        self.assertEqual('1.1', rpcapi.API.VERSION)
        self.assertEqual('1.1', manager.Manager.target.version)

    def test_methods_pin_1_1(self):
        for method, kwargs, kind in RPC_METHODS:
            self.client.reset_mock()
            self.prepared.reset_mock()
            getattr(self.api, method)(self.context, self.container,
                                      **kwargs)
            # Calls wait for [api] compute_call_timeout; casts do not wait.
            timeout = (self.conf.conf.api.compute_call_timeout
                       if kind == 'call' else None)
            self.client.prepare.assert_called_once_with(
                server='compute-1', version='1.1', timeout=timeout)
            getattr(self.prepared, kind).assert_called_once_with(
                self.context, method, container=self.container, **kwargs)

    def test_manager_has_every_method(self):
        methods = [method for method, _, _ in RPC_METHODS]
        for method in methods + ['container_commit']:
            self.assertTrue(callable(getattr(manager.Manager, method)),
                            method)

    def test_commit_waits_configured_time(self):
        self.conf.config(commit_timeout=42, group='compute')
        self.prepared.call.return_value = 'sha256:x'
        result = self.api.container_commit(self.context, self.container,
                                           'repo', 'v1')
        self.assertEqual('sha256:x', result)
        self.client.prepare.assert_called_once_with(
            server='compute-1', version='1.1', timeout=42)


class TestComputeAPIActions(test_api.ComputeAPITestCase):

    def test_actions_recorded(self):
        self._register()
        cases = (
            ('container_pause', (), consts.ACTION_PAUSE),
            ('container_unpause', (), consts.ACTION_UNPAUSE),
            ('container_kill', (None,), consts.ACTION_KILL),
            ('container_reboot', (10,), consts.ACTION_REBOOT),
            ('container_rebuild', (None, True), consts.ACTION_REBUILD),
            ('container_commit', ('r', 't'), consts.ACTION_COMMIT),
        )
        for method, args, action in cases:
            container = self._container(status=consts.RUNNING)
            getattr(self.api, method)(self.context, container, *args)
            getattr(self.rpc, method).assert_called_with(
                self.context, container, *args)
            self.assertEqual(action, self._action(container).action)

    def test_host_down_nothing_sent(self):
        container = self._container(status=consts.RUNNING)
        self.assertRaises(exception.ContainerHostNotUp,
                          self.api.container_pause, self.context, container)
        self.rpc.container_pause.assert_not_called()

    def _host_with_free(self, free):
        state = mock.create_autospec(filters.HostState, instance=True)
        state.free_memory = free
        self.scheduler.host_states.return_value = [state]

    def test_memory_raise_within_free(self):
        self._register()
        self._host_with_free(200)
        container = self._container(status=consts.RUNNING, memory=64)
        self.api.container_update(self.context, container, {'memory': 264})
        self.scheduler.host_states.assert_called_once_with(self.context,
                                                           [HOST])
        self.rpc.container_update.assert_called_once()

    def test_memory_raise_beyond_free_409(self):
        self._register()
        self._host_with_free(100)
        container = self._container(status=consts.RUNNING, memory=64)
        error = self.assertRaises(exception.HostCapacityExceeded,
                                  self.api.container_update, self.context,
                                  container, {'memory': 1024})
        self.assertIn('1024 MiB', error.format_message())
        self.rpc.container_update.assert_not_called()

    def test_memory_lowered_no_check(self):
        self._register()
        container = self._container(status=consts.RUNNING, memory=512)
        self.api.resize_container(self.context, container, {'memory': 64})
        self.scheduler.host_states.assert_not_called()
        self.rpc.resize_container.assert_called_once()


class TestSyncHealAndPurge(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.driver = mock.create_autospec(container_driver.ContainerDriver,
                                           instance=True)
        self.driver.list.return_value = []
        self.heal = mock.Mock(return_value=True)

    def _create(self, **overrides):
        overrides.setdefault('host', HOST)
        return utils.create_container(self.context, **overrides)

    def _sync(self):
        return periodic.sync_container_states(self.driver, HOST,
                                              heal=self.heal)

    def test_lost_auto_heal_healed(self):
        row = self._create(status=consts.RUNNING, auto_heal=True)
        self.assertEqual(1, self._sync())
        self.heal.assert_called_once()
        self.assertEqual(row.uuid, self.heal.call_args[0][1].uuid)

    def test_auto_remove_wins_over_heal(self):
        row = self._create(status=consts.STOPPED, auto_heal=True,
                           auto_remove=True)
        self._sync()
        self.heal.assert_not_called()
        self.assertRaises(exception.ContainerNotFound,
                          dbapi.container_get_by_uuid, self.context,
                          row.uuid)

    def test_paused_not_healed(self):
        row = self._create(status=consts.PAUSED, auto_heal=True)
        self._sync()
        self.heal.assert_not_called()
        loaded = dbapi.container_get_by_uuid(self.context, row.uuid)
        self.assertEqual(consts.ERROR, loaded.status)

    def test_without_auto_heal_error(self):
        row = self._create(status=consts.RUNNING, auto_heal=False)
        self._sync()
        self.heal.assert_not_called()
        loaded = dbapi.container_get_by_uuid(self.context, row.uuid)
        self.assertEqual('No such container', loaded.status_reason)

    def test_purge_removes_mounts(self):
        self._create(status=consts.STOPPED, auto_remove=True,
                     mounts=[{'size': 1, 'destination': '/d'}])
        self._sync()
        self.driver.remove_mounts.assert_called_once()

    def test_purge_survives_mount_failure(self):
        row = self._create(status=consts.STOPPED, auto_remove=True,
                           mounts=[{'size': 1, 'destination': '/d'}])
        self.driver.remove_mounts.side_effect = exception.DockerError(
            error_msg='busy')
        self._sync()
        self.assertRaises(exception.ContainerNotFound,
                          dbapi.container_get_by_uuid, self.context,
                          row.uuid)


class TestClaimWithValues(base.DbTestCase):

    def test_values_written_with_claim(self):
        row = utils.create_container(self.context, status=consts.RUNNING)
        claimed = dbapi.container_claim(
            self.context, row.uuid, 'update',
            consts.ALLOWED_STATUSES['update'], None,
            values={'name': 'renamed', 'auto_heal': True})
        self.assertEqual('renamed', claimed.name)
        self.assertTrue(claimed.auto_heal)
        self.assertIsNone(claimed.task_state)

    def test_taken_name_raises(self):
        utils.create_container(self.context, name='taken')
        row = utils.create_container(self.context, status=consts.RUNNING)
        error = self.assertRaises(
            exception.ContainerAlreadyExists, dbapi.container_claim,
            self.context, row.uuid, 'update',
            consts.ALLOWED_STATUSES['update'], consts.CONTAINER_UPDATING,
            values={'name': 'taken'})
        self.assertIn('taken', error.format_message())
        loaded = dbapi.container_get_by_uuid(self.context, row.uuid)
        self.assertIsNone(loaded.task_state)

    def test_wrong_status_writes_nothing(self):
        row = utils.create_container(self.context, status=consts.ERROR)
        self.assertRaises(exception.InvalidStateException,
                          dbapi.container_claim, self.context, row.uuid,
                          'update', consts.ALLOWED_STATUSES['update'], None,
                          values={'name': 'renamed'})
        loaded = dbapi.container_get_by_uuid(self.context, row.uuid)
        self.assertEqual(row.name, loaded.name)
