"""Tests of the compute manager's network and archive flows."""

import base64

import oslo_messaging as messaging

from zun.common import consts
from zun.common import exception
from zun.tests.unit.compute import test_manager

ManagerTestCase = test_manager.ManagerTestCase
NET_ID = 'n' * 64


def raised(call, *args):
    """Return the exception that an RPC method sends back to its caller.

    oslo.messaging wraps an expected exception of an endpoint method, and
    the client sees the exception inside.
    """
    try:
        call(*args)
    except messaging.ExpectedException as wrapper:
        return wrapper.exc_info[1]
    raise AssertionError('%s raised nothing' % call.__name__)


def _connect(context, container, requested_networks):
    container.addresses = {NET_ID: []}


class TestCreateConnects(ManagerTestCase):

    def test_connects_requested(self):
        nets = [{'network': 'private', 'v4-fixed-ip': '10.0.0.5'}]
        container = self._new_container(requested_networks=nets)
        self.network_driver.connect_requested_networks.side_effect = _connect
        self.manager.container_create(self.context, container, False)
        args = self.network_driver.connect_requested_networks.call_args.args
        self.assertEqual(nets, args[2])
        self.assertEqual({NET_ID: []}, self._load(container).addresses)

    def test_connects_before_start(self):
        container = self._new_container()
        order = []
        self.network_driver.connect_requested_networks.side_effect = (
            lambda *args: order.append('connect'))
        self.driver.start.side_effect = (
            lambda context, obj: order.append('start') or obj)
        self.manager.container_create(self.context, container, True)
        self.assertEqual(['connect', 'start'], order)

    def test_missing_network_sets_error(self):
        container = self._new_container()
        self.network_driver.connect_requested_networks.side_effect = (
            exception.NetworkNotFound(network='private', host='h1'))
        self.manager.container_create(self.context, container, True)
        loaded = self._load(container)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertIn('private', loaded.status_reason)
        self.assertIsNone(loaded.task_state)
        self.driver.start.assert_not_called()

    def test_failure_recorded_in_event(self):
        container = self._new_container()
        self.network_driver.connect_requested_networks.side_effect = (
            exception.NetworkNotFound(network='private', host='h1'))
        self.manager.container_create(self.context, container, True)
        events = {event.event: event.result
                  for event in self._events(container)}
        self.assertEqual(consts.EVENT_ERROR,
                         events['compute_network_connect'])


class NetworkActionTestCase(ManagerTestCase):

    def _claimed(self, action, task_state, **overrides):
        values = dict(status=consts.RUNNING, task_state=task_state)
        values.update(overrides)
        return self._container(action, **values)


class TestNetworkAttach(NetworkActionTestCase):

    def _attach(self, **overrides):
        container = self._claimed(consts.ACTION_NETWORK_ATTACH,
                                  consts.NETWORK_ATTACHING, **overrides)
        self.manager.network_attach(self.context, container, 'private',
                                    '10.0.0.5')
        return container

    def test_calls_driver(self):
        container = self._attach()
        self.network_driver.attach_network.assert_called_once_with(
            self.context, container, 'private', '10.0.0.5')

    def test_saves_addresses(self):
        self.network_driver.attach_network.side_effect = (
            lambda context, container, network, fixed_ip: setattr(
                container, 'addresses', {NET_ID: []}))
        container = self._attach()
        self.assertEqual({NET_ID: []}, self._load(container).addresses)

    def test_clears_task_state(self):
        container = self._attach()
        self.assertIsNone(self._load(container).task_state)

    def test_success_event(self):
        container = self._attach()
        events = {event.event: event.result
                  for event in self._events(container)}
        self.assertEqual({'compute_network_attach': consts.EVENT_SUCCESS},
                         events)

    def test_failure_raised_to_caller(self):
        self.network_driver.attach_network.side_effect = (
            exception.NetworkAlreadyAttached(container='c', network='n'))
        self.assertIsInstance(raised(self._attach),
                              exception.NetworkAlreadyAttached)

    def test_failure_keeps_status(self):
        self.network_driver.attach_network.side_effect = (
            exception.NetworkNotFound(network='n', host='h'))
        container = self._claimed(consts.ACTION_NETWORK_ATTACH,
                                  consts.NETWORK_ATTACHING,
                                  status=consts.STOPPED)
        raised(self.manager.network_attach, self.context, container, 'n',
               None)
        loaded = self._load(container)
        self.assertEqual(consts.STOPPED, loaded.status)
        self.assertIsNone(loaded.status_reason)
        self.assertIsNone(loaded.task_state)

    def test_failure_recorded(self):
        self.network_driver.attach_network.side_effect = (
            exception.NetworkNotFound(network='n', host='h'))
        container = self._claimed(consts.ACTION_NETWORK_ATTACH,
                                  consts.NETWORK_ATTACHING)
        error = raised(self.manager.network_attach, self.context, container,
                       'n', None)
        self.assertIsInstance(error, exception.NetworkNotFound)
        event, = self._events(container)
        self.assertEqual(consts.EVENT_ERROR, event.result)
        self.assertIn('NetworkNotFound', event.traceback)
        self.assertEqual('Error', self._action(container).message)


class TestNetworkDetach(NetworkActionTestCase):

    def _container_detaching(self):
        return self._claimed(consts.ACTION_NETWORK_DETACH,
                             consts.NETWORK_DETACHING,
                             addresses={NET_ID: []})

    def test_calls_driver(self):
        container = self._container_detaching()
        self.manager.network_detach(self.context, container, NET_ID)
        self.network_driver.detach_network.assert_called_once_with(
            self.context, container, NET_ID)
        self.assertIsNone(self._load(container).task_state)

    def test_failure_raised_and_cleared(self):
        self.network_driver.detach_network.side_effect = (
            exception.NetworkNotAttached(container='c', network='n'))
        container = self._container_detaching()
        error = raised(self.manager.network_detach, self.context,
                       container, 'n')
        self.assertIsInstance(error, exception.NetworkNotAttached)
        self.assertIsNone(self._load(container).task_state)
        event, = self._events(container)
        self.assertEqual('compute_network_detach', event.event)


class TestArchives(ManagerTestCase):

    def test_get_archive_base64(self):
        stat = {'name': 'a', 'size': 1}
        self.driver.get_archive.return_value = (b'\x00\xff', stat)
        container = self._container(consts.ACTION_CREATE)
        result = self.manager.container_get_archive(self.context, container,
                                                    '/a', 100)
        self.assertEqual({'data': 'AP8=', 'stat': stat}, result)
        self.driver.get_archive.assert_called_once_with(
            self.context, container, '/a', 100)

    def test_put_archive_decodes(self):
        container = self._container(consts.ACTION_CREATE)
        self.manager.container_put_archive(
            self.context, container, '/tmp',
            base64.b64encode(b'\x00tar').decode())
        self.driver.put_archive.assert_called_once_with(
            self.context, container, '/tmp', b'\x00tar')

    def test_archives_set_no_task_state(self):
        self.driver.get_archive.return_value = (b'', {})
        container = self._container(consts.ACTION_CREATE)
        self.manager.container_get_archive(self.context, container, '/', 9)
        self.assertIsNone(self._load(container).task_state)

    def test_errors_pass_through(self):
        self.driver.get_archive.side_effect = (
            exception.ContainerPathNotFound(path='/a', container='c'))
        container = self._container(consts.ACTION_CREATE)
        error = raised(self.manager.container_get_archive, self.context,
                       container, '/a', 9)
        self.assertIsInstance(error, exception.ContainerPathNotFound)
