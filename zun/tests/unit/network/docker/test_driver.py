"""Tests of the docker network driver with a mock of docker.APIClient."""

from unittest import mock

import docker
import fixtures
import requests

from zun.common import exception
from zun.container.docker import networking
from zun.network.docker import driver as docker_driver
from zun.objects import container as container_obj
from zun.tests import base
from zun.tests.unit.container.docker import test_driver as driver_tests

UUID = '6f1c2b9e-1d2a-4c3b-9a8e-0123456789ab'
ENGINE_ID = 'c' * 64
BRIDGE_ID = 'b' * 64
NET_ID = 'n' * 64


def network(name, network_id, driver='bridge'):
    return {'Name': name, 'Id': network_id, 'Driver': driver}


NETWORKS = {
    'bridge': network('bridge', BRIDGE_ID),
    BRIDGE_ID: network('bridge', BRIDGE_ID),
    'private': network('private', NET_ID),
    NET_ID: network('private', NET_ID),
    'host': network('host', 'h' * 64, driver='host'),
    'none': network('none', '0' * 64, driver='null'),
}


def inspect_network(ident):
    if ident not in NETWORKS:
        raise driver_tests.not_found('network %s not found' % ident)
    return NETWORKS[ident]


def container_inspect(networks):
    return {'Id': ENGINE_ID, 'NetworkSettings': {'Networks': networks}}


class NetworkDriverTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.api_client = mock.create_autospec(docker.APIClient)
        self.client = self.api_client.return_value
        self.client.inspect_network.side_effect = inspect_network
        self.connected = {'bridge': {'NetworkID': BRIDGE_ID,
                                     'IPAddress': '172.17.0.2',
                                     'IPPrefixLen': 16}}
        self.client.inspect_container.side_effect = (
            lambda target: container_inspect(self.connected))
        self.useFixture(fixtures.MockPatchObject(docker, 'APIClient',
                                                 self.api_client))
        self.driver = docker_driver.DockerNetworkDriver()
        self.container = container_obj.Container(
            self.context, uuid=UUID, container_id=ENGINE_ID, addresses={})

    def connect_calls(self):
        return [call.args + (call.kwargs,) for call in
                self.client.connect_container_to_network.call_args_list]


class TestApiChecks(NetworkDriverTestCase):

    def test_port_rejected(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  self.driver.check_requested_network,
                                  {'port': 'p1'}, 'nets[2].')
        self.assertIn("'nets[2].port'", str(error))
        self.assertIn('Neutron network driver', str(error))

    def test_network_accepted(self):
        self.driver.check_requested_network({'network': 'private'}, '')

    def test_security_groups_rejected(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  self.driver.check_security_groups,
                                  ['default'], 'security_groups')
        self.assertIn("'docker' network driver", str(error))

    def test_no_security_groups_accepted(self):
        self.driver.check_security_groups([], 'security_groups')

    def test_add_security_group_rejected(self):
        self.assertRaises(exception.InvalidParameterValue,
                          self.driver.add_security_group, self.context,
                          self.container, 'web')

    def test_remove_security_group_rejected(self):
        self.assertRaises(exception.InvalidParameterValue,
                          self.driver.remove_security_group, self.context,
                          self.container, 'web')

    def test_find_port(self):
        self.container.addresses = {NET_ID: [], BRIDGE_ID: []}
        port = networking.port_id(UUID, NET_ID)
        self.assertEqual(NET_ID, self.driver.find_port(self.container, port))

    def test_find_unknown_port(self):
        self.container.addresses = {NET_ID: []}
        self.assertIsNone(self.driver.find_port(self.container, 'p'))

    def test_checks_need_no_engine(self):
        self.driver.check_requested_network({'network': 'a'}, '')
        self.api_client.assert_not_called()


class TestConnectRequested(NetworkDriverTestCase):

    def test_default_network_kept(self):
        # The engine connected the new container to its default network
        # already, so the driver neither disconnects nor connects it.
        self.driver.connect_requested_networks(self.context, self.container,
                                               None)
        self.assertEqual([], self.connect_calls())
        self.client.disconnect_container_from_network.assert_not_called()
        self.client.inspect_container.assert_called_once_with(ENGINE_ID)

    def test_default_network_fixed_ip_reconnected(self):
        self.driver.connect_requested_networks(
            self.context, self.container,
            [{'network': 'bridge', 'v4-fixed-ip': '172.17.0.9'}])
        self.client.disconnect_container_from_network.assert_called_once_with(
            ENGINE_ID, 'bridge')
        self.assertEqual([(ENGINE_ID, BRIDGE_ID,
                           {'ipv4_address': '172.17.0.9'})],
                         self.connect_calls())

    def test_second_network_after_kept_first(self):
        self.driver.connect_requested_networks(
            self.context, self.container,
            [{'network': 'bridge'}, {'network': 'private'}])
        self.client.disconnect_container_from_network.assert_not_called()
        self.assertEqual([(ENGINE_ID, NET_ID, {})], self.connect_calls())

    def test_configured_default(self):
        self.conf.config(default_network='private', group='network')
        self.driver.connect_requested_networks(self.context, self.container,
                                               [])
        self.assertEqual([(ENGINE_ID, NET_ID, {})], self.connect_calls())

    def test_engine_default_disconnected(self):
        self.driver.connect_requested_networks(
            self.context, self.container, [{'network': 'private'}])
        self.client.disconnect_container_from_network.assert_called_once_with(
            ENGINE_ID, 'bridge')

    def test_fixed_ips(self):
        self.driver.connect_requested_networks(
            self.context, self.container,
            [{'network': 'private', 'v4-fixed-ip': '10.0.0.5',
              'v6-fixed-ip': 'fd00::5'}])
        self.assertEqual([(ENGINE_ID, NET_ID,
                           {'ipv4_address': '10.0.0.5',
                            'ipv6_address': 'fd00::5'})],
                         self.connect_calls())

    def test_two_networks_in_order(self):
        self.driver.connect_requested_networks(
            self.context, self.container,
            [{'network': 'private'}, {'network': BRIDGE_ID}])
        self.assertEqual([NET_ID, BRIDGE_ID],
                         [call[1] for call in self.connect_calls()])

    def test_addresses_set(self):
        self.driver.connect_requested_networks(self.context, self.container,
                                               None)
        entry, = self.container.addresses[BRIDGE_ID]
        self.assertEqual('172.17.0.2', entry['addr'])

    def test_missing_network(self):
        error = self.assertRaises(
            exception.NetworkNotFound,
            self.driver.connect_requested_networks, self.context,
            self.container, [{'network': 'nope'}])
        self.assertIn('nope', str(error))
        self.client.disconnect_container_from_network.assert_not_called()

    def test_same_network_twice(self):
        error = self.assertRaises(
            exception.InvalidParameterValue,
            self.driver.connect_requested_networks, self.context,
            self.container, [{'network': 'private'}, {'network': NET_ID}])
        self.assertIn('nets[1].network', str(error))

    def test_host_network_rejected(self):
        for name in ('host', 'none'):
            error = self.assertRaises(
                exception.InvalidParameterValue,
                self.driver.connect_requested_networks, self.context,
                self.container, [{'network': name}])
            self.assertIn('bridge network', str(error))
        self.client.connect_container_to_network.assert_not_called()

    def test_engine_rejects_address(self):
        self.client.connect_container_to_network.side_effect = (
            driver_tests.api_error(400, 'user specified IP address is '
                                        'supported only when connecting to '
                                        'networks with user configured '
                                        'subnets'))
        error = self.assertRaises(
            exception.Invalid, self.driver.connect_requested_networks,
            self.context, self.container,
            [{'network': 'bridge', 'v4-fixed-ip': '172.17.0.9'}])
        self.assertIn('configured subnets', str(error))

    def test_engine_unreachable(self):
        self.client.inspect_network.side_effect = (
            requests.exceptions.ConnectionError('refused'))
        self.assertRaises(exception.DockerError,
                          self.driver.connect_requested_networks,
                          self.context, self.container, None)


class TestAttach(NetworkDriverTestCase):

    def test_attach(self):
        self.driver.attach_network(self.context, self.container, 'private',
                                   None)
        self.assertEqual([(ENGINE_ID, NET_ID, {})], self.connect_calls())

    def test_attach_v6_fixed_ip(self):
        self.driver.attach_network(self.context, self.container, 'private',
                                   'fd00::7')
        self.assertEqual({'ipv6_address': 'fd00::7'},
                         self.connect_calls()[0][2])

    def test_attach_refreshes_addresses(self):
        def connect(target, network_id, **kwargs):
            self.connected['private'] = {'NetworkID': NET_ID,
                                         'IPAddress': '10.0.0.3',
                                         'IPPrefixLen': 24}
        self.client.connect_container_to_network.side_effect = connect
        self.driver.attach_network(self.context, self.container, 'private',
                                   None)
        self.assertEqual({BRIDGE_ID, NET_ID},
                         set(self.container.addresses))

    def test_already_attached_by_name(self):
        error = self.assertRaises(exception.NetworkAlreadyAttached,
                                  self.driver.attach_network, self.context,
                                  self.container, BRIDGE_ID, None)
        self.assertIn(BRIDGE_ID, str(error))
        self.client.connect_container_to_network.assert_not_called()

    def test_already_attached_never_started(self):
        self.connected = {'private': {'NetworkID': ''}}
        self.assertRaises(exception.NetworkAlreadyAttached,
                          self.driver.attach_network, self.context,
                          self.container, NET_ID, None)

    def test_missing_network(self):
        self.assertRaises(exception.NetworkNotFound,
                          self.driver.attach_network, self.context,
                          self.container, 'nope', None)

    def test_engine_conflict(self):
        self.client.connect_container_to_network.side_effect = (
            driver_tests.api_error(409, 'conflict'))
        self.assertRaises(exception.ContainerEngineConflict,
                          self.driver.attach_network, self.context,
                          self.container, 'private', None)


class TestDetach(NetworkDriverTestCase):

    def test_detach(self):
        self.driver.detach_network(self.context, self.container, 'bridge')
        self.client.disconnect_container_from_network.assert_called_once_with(
            ENGINE_ID, BRIDGE_ID)

    def test_detach_refreshes_addresses(self):
        def disconnect(target, network_id):
            self.connected.clear()
        self.client.disconnect_container_from_network.side_effect = (
            disconnect)
        self.driver.detach_network(self.context, self.container, 'bridge')
        self.assertEqual({}, self.container.addresses)

    def test_not_attached(self):
        error = self.assertRaises(exception.NetworkNotAttached,
                                  self.driver.detach_network, self.context,
                                  self.container, 'private')
        self.assertIn('private', str(error))
        self.client.disconnect_container_from_network.assert_not_called()

    def test_missing_network(self):
        self.assertRaises(exception.NetworkNotFound,
                          self.driver.detach_network, self.context,
                          self.container, 'nope')

    def test_engine_404(self):
        self.client.disconnect_container_from_network.side_effect = (
            driver_tests.not_found('No such container'))
        self.assertRaises(exception.NotFound, self.driver.detach_network,
                          self.context, self.container, 'bridge')
