"""Tests of the network fields read from the engine's inspect data."""

from zun.container.docker import networking
from zun.tests import base

UUID = '6f1c2b9e-1d2a-4c3b-9a8e-0123456789ab'
NET_ID = 'n' * 64


def endpoint(network_id=NET_ID, address='172.18.0.2', prefix=16,
             v6_address='', v6_prefix=0):
    return {'NetworkID': network_id, 'IPAddress': address,
            'IPPrefixLen': prefix, 'GlobalIPv6Address': v6_address,
            'GlobalIPv6PrefixLen': v6_prefix}


def inspect(networks=None, exposed=None, published=None):
    return {'Config': {'ExposedPorts': exposed},
            'NetworkSettings': {'Networks': networks, 'Ports': published}}


class TestPortId(base.TestCase):

    def test_stable(self):
        self.assertEqual(networking.port_id(UUID, NET_ID),
                         networking.port_id(UUID, NET_ID))

    def test_differs_per_network(self):
        self.assertNotEqual(networking.port_id(UUID, NET_ID),
                            networking.port_id(UUID, 'm' * 64))

    def test_is_uuid(self):
        port = networking.port_id(UUID, NET_ID)
        self.assertRegex(port, '^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-')


class TestAddresses(base.TestCase):

    def addresses(self, info, names=None):
        names = names or {}
        return networking.addresses_from_inspect(UUID, info, names.get)

    def test_running_v4(self):
        result = self.addresses(inspect({'net': endpoint()}))
        self.assertEqual({NET_ID: [{
            'addr': '172.18.0.2', 'version': 4,
            'port': networking.port_id(UUID, NET_ID),
            'subnet_id': '172.18.0.0/16', 'preserve_on_delete': False}]},
            result)

    def test_dual_stack(self):
        result = self.addresses(inspect({'net': endpoint(
            v6_address='fd00:1::5', v6_prefix=64)}))
        entries = result[NET_ID]
        self.assertEqual([4, 6], [entry['version'] for entry in entries])
        self.assertEqual('fd00:1::/64', entries[1]['subnet_id'])
        self.assertEqual(entries[0]['port'], entries[1]['port'])

    def test_stopped_network_empty(self):
        result = self.addresses(inspect({'net': endpoint(address='',
                                                         prefix=0)}))
        self.assertEqual({NET_ID: []}, result)

    def test_never_started_by_name(self):
        result = self.addresses(
            inspect({'net': endpoint(network_id='', address='')}),
            {'net': NET_ID})
        self.assertEqual({NET_ID: []}, result)

    def test_gone_network_left_out(self):
        result = self.addresses(
            inspect({'net': endpoint(network_id='', address='')}))
        self.assertEqual({}, result)

    def test_no_networks(self):
        self.assertEqual({}, self.addresses(inspect({})))

    def test_no_settings_none(self):
        self.assertIsNone(self.addresses({'Config': {}}))

    def test_no_prefix_no_subnet(self):
        result = self.addresses(inspect({'net': endpoint(prefix=0)}))
        self.assertIsNone(result[NET_ID][0]['subnet_id'])


class TestPorts(base.TestCase):

    def test_published_port(self):
        info = inspect(exposed={'80/tcp': {}}, published={
            '80/tcp': [{'HostIp': '127.0.0.1', 'HostPort': '49153'}]})
        self.assertEqual([{'port': 80, 'protocol': 'tcp',
                           'host_ip': '127.0.0.1', 'host_port': 49153}],
                         networking.ports_from_inspect(info))

    def test_unpublished_port(self):
        info = inspect(exposed={'53/udp': {}}, published={'53/udp': None})
        self.assertEqual([{'port': 53, 'protocol': 'udp', 'host_ip': None,
                           'host_port': None}],
                         networking.ports_from_inspect(info))

    def test_sorted_by_number(self):
        info = inspect(exposed={'8080/tcp': {}, '443/tcp': {}, '53/udp': {}})
        ports = networking.ports_from_inspect(info)
        self.assertEqual([53, 443, 8080], [port['port'] for port in ports])

    def test_two_bindings(self):
        info = inspect(exposed={'80/tcp': {}}, published={'80/tcp': [
            {'HostIp': '0.0.0.0', 'HostPort': '8080'},
            {'HostIp': '::', 'HostPort': '8080'}]})
        ports = networking.ports_from_inspect(info)
        self.assertEqual(['0.0.0.0', '::'],
                         [port['host_ip'] for port in ports])

    def test_no_exposed_ports(self):
        self.assertEqual([], networking.ports_from_inspect(inspect()))

    def test_no_config_none(self):
        self.assertIsNone(networking.ports_from_inspect({}))


class TestPublishing(base.TestCase):

    def test_port_list(self):
        self.assertEqual([(53, 'udp'), (80, 'tcp')],
                         networking.exposed_port_list({'80/tcp': {},
                                                       '53/udp': {}}))

    def test_bindings_on_host_ip(self):
        self.assertEqual({'80/tcp': ('127.0.0.1',)},
                         networking.port_bindings({'80/tcp': {}},
                                                  '127.0.0.1'))

    def test_nothing_exposed(self):
        self.assertIsNone(networking.exposed_port_list(None))
        self.assertIsNone(networking.port_bindings({}, '127.0.0.1'))
