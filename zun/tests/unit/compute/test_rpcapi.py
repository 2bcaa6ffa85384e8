"""Tests of the compute RPC client and the RPC serializer."""

import inspect
from unittest import mock

import oslo_messaging as messaging
from oslo_messaging.rpc import client as rpc_client

from zun.common import context as zun_context
from zun.common import rpc
from zun.compute import manager
from zun.compute import rpcapi
from zun.container import driver as container_driver
from zun.objects import container as container_obj
from zun.tests import base


class RPCClientTestCase(base.TestCase):
    """Builds the RPC client on an autospec mock of oslo.messaging's."""

    def setUp(self):
        super().setUp()
        self.client = mock.create_autospec(rpc_client.RPCClient,
                                           instance=True)
        self.prepared = mock.create_autospec(rpc_client._CallContext,
                                             instance=True)
        self.client.prepare.return_value = self.prepared
        patcher = mock.patch.object(rpc, 'get_client', autospec=True,
                                    return_value=self.client)
        self.get_client = patcher.start()
        self.addCleanup(patcher.stop)
        self.api = rpcapi.API()
        self.container = container_obj.Container(
            self.context, uuid='2a6b5f0e-0000-4000-8000-000000000001',
            host='compute-1', name='web')


class TestComputeRPCAPI(RPCClientTestCase):

    def test_client_target(self):
        target = self.get_client.call_args.args[0]
        self.assertEqual('zun-compute', target.topic)
        self.assertEqual(rpcapi.API.VERSION, target.version)

    def test_client_version_cap(self):
        self.assertEqual(rpcapi.API.VERSION,
                         self.get_client.call_args.kwargs['version_cap'])

    def test_topic_from_config(self):
        self.conf.config(topic='other-topic', group='compute')
        rpcapi.API()
        target = self.get_client.call_args.args[0]
        self.assertEqual('other-topic', target.topic)

    def _assert_prepared(self, host):
        self.client.prepare.assert_called_once_with(
            server=host, version='1.0', timeout=None)

    def test_container_create(self):
        self.api.container_create(self.context, 'compute-2', self.container,
                                  True)
        self._assert_prepared('compute-2')
        self.prepared.cast.assert_called_once_with(
            self.context, 'container_create', container=self.container,
            run=True)

    def test_container_start(self):
        self.api.container_start(self.context, self.container)
        self._assert_prepared('compute-1')
        self.prepared.cast.assert_called_once_with(
            self.context, 'container_start', container=self.container)

    def test_container_stop(self):
        self.api.container_stop(self.context, self.container, 15)
        self._assert_prepared('compute-1')
        self.prepared.cast.assert_called_once_with(
            self.context, 'container_stop', container=self.container,
            timeout=15)

    def test_container_delete_casts(self):
        self.api.container_delete(self.context, self.container, False, True)
        self._assert_prepared('compute-1')
        self.prepared.cast.assert_called_once_with(
            self.context, 'container_delete', container=self.container,
            force=False, stop=True)
        self.prepared.call.assert_not_called()

    def test_container_delete_wait_calls(self):
        self.api.container_delete(self.context, self.container, True, False,
                                  wait=True)
        self._assert_prepared('compute-1')
        self.prepared.call.assert_called_once_with(
            self.context, 'container_delete', container=self.container,
            force=True, stop=False)
        self.prepared.cast.assert_not_called()

    def test_every_method_pins_version(self):
        calls = (
            lambda: self.api.container_create(self.context, 'h',
                                              self.container, False),
            lambda: self.api.container_start(self.context, self.container),
            lambda: self.api.container_stop(self.context, self.container, 1),
            lambda: self.api.container_delete(self.context, self.container,
                                              False, False),
        )
        for call in calls:
            self.client.prepare.reset_mock()
            call()
            self.assertEqual(
                '1.0', self.client.prepare.call_args.kwargs['version'])


class TestInspectionCalls(RPCClientTestCase):
    """The synchronous reads of 1.1, each a call with a timeout."""

    def _assert_call(self, timeout, method, **kwargs):
        self.client.prepare.assert_called_once_with(
            server='compute-1', version='1.1', timeout=timeout)
        self.prepared.call.assert_called_once_with(
            self.context, method, container=self.container, **kwargs)
        self.prepared.cast.assert_not_called()

    def test_container_logs(self):
        self.prepared.call.return_value = 'text'
        result = self.api.container_logs(self.context, self.container, True,
                                         False, True, 10, 1700000000.5)
        self.assertEqual('text', result)
        self._assert_call(60, 'container_logs', stdout=True, stderr=False,
                          timestamps=True, tail=10, since=1700000000.5)

    def test_container_top(self):
        self.api.container_top(self.context, self.container, 'aux')
        self._assert_call(60, 'container_top', ps_args='aux')

    def test_container_stats(self):
        self.api.container_stats(self.context, self.container)
        self._assert_call(60, 'container_stats')

    def test_exec_waits_for_time_limit(self):
        self.conf.config(execute_timeout=30, group='docker')
        self.api.container_exec_run(self.context, self.container, ['ls'])
        self._assert_call(90, 'container_exec_run', command=['ls'])

    def test_timeout_from_config(self):
        self.conf.config(compute_call_timeout=15, group='api')
        self.api.container_stats(self.context, self.container)
        self._assert_call(15, 'container_stats')


class TestInteractiveCalls(RPCClientTestCase):
    """attach, exec create and the resizes of 1.1, each a call."""

    _assert_call = TestInspectionCalls._assert_call

    def test_container_attach(self):
        self.prepared.call.return_value = 'ws://proxy:6784/'
        result = self.api.container_attach(self.context, self.container)
        self.assertEqual('ws://proxy:6784/', result)
        self._assert_call(60, 'container_attach')

    def test_container_resize(self):
        self.api.container_resize(self.context, self.container, 24, 80)
        self._assert_call(60, 'container_resize', height=24, width=80)

    def test_container_exec_create(self):
        self.api.container_exec_create(self.context, self.container, ['sh'],
                                       True)
        self._assert_call(60, 'container_exec_create', command=['sh'],
                          interactive=True)

    def test_container_exec_resize(self):
        self.api.container_exec_resize(self.context, self.container, 'abc',
                                       30, 100)
        self._assert_call(60, 'container_exec_resize', exec_id='abc',
                          height=30, width=100)


class TestVersions(base.TestCase):

    def test_manager_target_matches_client(self):
        driver = mock.create_autospec(container_driver.ContainerDriver,
                                      instance=True)
        compute = manager.Manager(driver=driver)
        self.assertEqual(rpcapi.API.VERSION, compute.target.version)

    def test_manager_accepts_client_arguments(self):
        client = mock.create_autospec(rpc_client.RPCClient, instance=True)
        prepared = client.prepare.return_value
        container = container_obj.Container(self.context, host='h1')
        with mock.patch.object(rpc, 'get_client', autospec=True,
                               return_value=client):
            api = rpcapi.API()
        api.container_create(self.context, 'h1', container, True)
        api.container_start(self.context, container)
        api.container_stop(self.context, container, 10)
        api.container_delete(self.context, container, False, False)
        api.container_delete(self.context, container, True, True, wait=True)
        sent = prepared.cast.call_args_list + prepared.call.call_args_list
        self.assertEqual(5, len(sent))
        for call in sent:
            context, method = call.args
            endpoint = getattr(manager.Manager, method)
            # Raises TypeError when the manager lacks an argument name.
            inspect.signature(endpoint).bind(None, context, **call.kwargs)


    def test_manager_accepts_inspection_arguments(self):
        client = mock.create_autospec(rpc_client.RPCClient, instance=True)
        prepared = client.prepare.return_value
        container = container_obj.Container(self.context, host='h1')
        with mock.patch.object(rpc, 'get_client', autospec=True,
                               return_value=client):
            api = rpcapi.API()
        api.container_logs(self.context, container, True, True, False, None,
                           None)
        api.container_top(self.context, container, None)
        api.container_stats(self.context, container)
        api.container_exec_run(self.context, container, ['ls'])
        api.container_attach(self.context, container)
        api.container_resize(self.context, container, 1, 1)
        api.container_exec_create(self.context, container, ['sh'], True)
        api.container_exec_resize(self.context, container, 'abc', 1, 1)
        self.assertEqual(8, len(prepared.call.call_args_list))
        for call in prepared.call.call_args_list:
            context, method = call.args
            endpoint = getattr(manager.Manager, method)
            inspect.signature(endpoint).bind(None, context, **call.kwargs)


class TestRequestContextSerializer(base.TestCase):

    def setUp(self):
        super().setUp()
        self.serializer = rpc.RequestContextSerializer()

    def test_context_round_trip(self):
        context = self.make_context(roles=['admin'], all_projects=True)
        wire = self.serializer.serialize_context(context)
        copy = self.serializer.deserialize_context(wire)
        self.assertIsInstance(copy, zun_context.RequestContext)
        self.assertEqual(context.user_id, copy.user_id)
        self.assertEqual(context.project_id, copy.project_id)
        self.assertEqual(context.request_id, copy.request_id)
        self.assertTrue(copy.is_admin)
        self.assertTrue(copy.all_projects)

    def test_context_is_json(self):
        wire = self.serializer.serialize_context(self.context)
        self.assertIsInstance(wire, dict)
        self.assertEqual('fake-project', wire['project_id'])

    def test_container_round_trip(self):
        container = container_obj.Container(
            self.context, uuid='2a6b5f0e-0000-4000-8000-000000000001',
            name='web', memory=256, command=['sleep', '1'],
            labels={'a': 'b'}, status='Creating')
        wire = self.serializer.serialize_entity(self.context, container)
        self.assertIsInstance(wire, dict)
        copy = self.serializer.deserialize_entity(self.context, wire)
        self.assertIsInstance(copy, container_obj.Container)
        self.assertEqual(container.uuid, copy.uuid)
        self.assertEqual(['sleep', '1'], copy.command)
        self.assertEqual({'a': 'b'}, copy.labels)
        self.assertEqual(256, copy.memory)

    def test_container_keeps_changes(self):
        container = container_obj.Container(self.context, name='web')
        container.obj_reset_changes()
        container.status = 'Running'
        wire = self.serializer.serialize_entity(self.context, container)
        copy = self.serializer.deserialize_entity(self.context, wire)
        self.assertEqual({'status'}, copy.obj_what_changed())

    def test_plain_values_pass(self):
        wire = self.serializer.serialize_entity(self.context, {'a': [1]})
        self.assertEqual({'a': [1]}, wire)

    def test_exceptions_allowed(self):
        self.assertIn('zun.common.exception', rpc.ALLOWED_EXMODS)

    def test_get_transport_needs_init(self):
        rpc.cleanup()
        self.assertRaises(RuntimeError, rpc.get_transport)

    def test_fake_transport_client(self):
        self.conf.config(transport_url='fake:/')
        rpc.cleanup()
        self.addCleanup(rpc.cleanup)
        rpc.init(self.conf.conf)
        client = rpc.get_client(messaging.Target(topic='t'),
                                version_cap='1.0')
        self.assertIsInstance(client, rpc_client.RPCClient)


class TestVersion11Methods(TestComputeRPCAPI):
    """The archive and network calls of RPC version 1.1."""

    def _assert_call(self, method, **kwargs):
        self.client.prepare.assert_called_once_with(
            server='compute-1', version='1.1',
            timeout=self.conf.conf.api.compute_call_timeout)
        self.prepared.call.assert_called_once_with(
            self.context, method, container=self.container, **kwargs)
        self.prepared.cast.assert_not_called()

    def test_get_archive_returns_result(self):
        self.prepared.call.return_value = {'data': '', 'stat': {}}
        result = self.api.container_get_archive(self.context, self.container,
                                                '/a', 1024)
        self._assert_call('container_get_archive', path='/a', max_size=1024)
        self.assertEqual({'data': '', 'stat': {}}, result)

    def test_put_archive(self):
        self.api.container_put_archive(self.context, self.container, '/tmp',
                                       'dGFy')
        self._assert_call('container_put_archive', path='/tmp', data='dGFy')

    def test_network_attach(self):
        self.api.network_attach(self.context, self.container, 'net1',
                                '10.0.0.5')
        self._assert_call('network_attach', network='net1',
                          fixed_ip='10.0.0.5')

    def test_network_detach(self):
        self.api.network_detach(self.context, self.container, 'net1')
        self._assert_call('network_detach', network='net1')

    def test_manager_accepts_arguments(self):
        calls = (
            lambda: self.api.container_get_archive(self.context,
                                                   self.container, '/', 1),
            lambda: self.api.container_put_archive(self.context,
                                                   self.container, '/', ''),
            lambda: self.api.network_attach(self.context, self.container,
                                            'n', None),
            lambda: self.api.network_detach(self.context, self.container,
                                            'n'),
        )
        for call in calls:
            self.prepared.call.reset_mock()
            call()
            context, method = self.prepared.call.call_args.args
            endpoint = getattr(manager.Manager, method)
            inspect.signature(endpoint).bind(
                None, context, **self.prepared.call.call_args.kwargs)
