"""Tests of the Docker driver's archives, published ports and addresses."""

from zun.common import exception
from zun.container.docker import networking
from zun.tests.unit.container.docker import test_driver as driver_tests

UUID = driver_tests.UUID
ENGINE_ID = driver_tests.ENGINE_ID
IMAGE_ID = driver_tests.IMAGE_ID
NET_ID = 'n' * 64


def running_info(**extra):
    info = driver_tests.inspect_info()
    info.update(extra)
    return info


class TestPublishedPorts(driver_tests.DriverTestCase):

    def test_exposed_ports_published(self):
        container = self.container(exposed_ports={'80/tcp': {},
                                                  '53/udp': {}})
        self.driver.create(self.context, container, IMAGE_ID)
        kwargs = self.client.create_container.call_args.kwargs
        self.assertEqual([(53, 'udp'), (80, 'tcp')], kwargs['ports'])
        bindings = kwargs['host_config']['PortBindings']
        self.assertEqual([{'HostIp': '127.0.0.1', 'HostPort': ''}],
                         bindings['80/tcp'])

    def test_configured_host_ip(self):
        self.conf.config(exposed_ports_host_ip='::1', group='network')
        container = self.container(exposed_ports={'80/tcp': {}})
        self.driver.create(self.context, container, IMAGE_ID)
        config = self.client.create_host_config.call_args.kwargs
        self.assertEqual({'80/tcp': ('::1',)}, config['port_bindings'])

    def test_nothing_published(self):
        self.driver.create(self.context, self.container(), IMAGE_ID)
        kwargs = self.client.create_container.call_args.kwargs
        self.assertIsNone(kwargs['ports'])
        self.assertNotIn('PortBindings', kwargs['host_config'])


class TestNetworkFields(driver_tests.DriverTestCase):

    def test_show_reads_addresses_and_ports(self):
        self.client.inspect_container.return_value = running_info(
            Config={'ExposedPorts': {'80/tcp': {}}},
            NetworkSettings={
                'Networks': {'private': {'NetworkID': NET_ID,
                                         'IPAddress': '10.0.0.2',
                                         'IPPrefixLen': 24}},
                'Ports': {'80/tcp': [{'HostIp': '127.0.0.1',
                                      'HostPort': '32768'}]}})
        container = self.driver.show(self.context, self.container())
        self.assertEqual('10.0.0.2', container.addresses[NET_ID][0]['addr'])
        self.assertEqual(32768, container.ports[0]['host_port'])

    def test_network_id_by_name(self):
        self.client.inspect_network.return_value = {'Id': NET_ID}
        self.client.inspect_container.return_value = running_info(
            NetworkSettings={'Networks': {'private': {'NetworkID': ''}}})
        container = self.driver.show(self.context, self.container())
        self.assertEqual({NET_ID: []}, container.addresses)
        self.client.inspect_network.assert_called_once_with('private')

    def test_gone_network_left_out(self):
        self.client.inspect_network.side_effect = driver_tests.not_found(
            'network private not found')
        self.client.inspect_container.return_value = running_info(
            NetworkSettings={'Networks': {'private': {'NetworkID': ''}}})
        container = self.driver.show(self.context, self.container())
        self.assertEqual({}, container.addresses)

    def test_no_settings_keep_fields(self):
        container = self.container(addresses={NET_ID: []}, ports=[])
        self.driver.show(self.context, container)
        self.assertEqual({NET_ID: []}, container.addresses)


class TestGetArchive(driver_tests.DriverTestCase):

    def setUp(self):
        super().setUp()
        self.stat = {'name': 'a', 'size': 1, 'mode': 420,
                     'mtime': '2024-01-01T00:00:00Z', 'linkTarget': ''}
        self.client.get_archive.return_value = (iter([b'ab', b'cd']),
                                                self.stat)
        self.container_obj = self.container(container_id=ENGINE_ID)

    def test_joins_chunks(self):
        data, stat = self.driver.get_archive(self.context,
                                             self.container_obj, '/a', 100)
        self.assertEqual(b'abcd', data)
        self.assertEqual(self.stat, stat)

    def test_reads_in_chunks(self):
        self.driver.get_archive(self.context, self.container_obj, '/a', 100)
        self.client.get_archive.assert_called_once_with(
            ENGINE_ID, '/a', chunk_size=64 * 1024)

    def test_limit_exact_size_passes(self):
        data, _ = self.driver.get_archive(self.context, self.container_obj,
                                          '/a', 4)
        self.assertEqual(b'abcd', data)

    def test_over_limit_drops_client(self):
        error = self.assertRaises(exception.ArchiveLimitExceeded,
                                  self.driver.get_archive, self.context,
                                  self.container_obj, '/a', 3)
        self.assertIn('3 bytes', str(error))
        self.client.close.assert_called_once_with()
        self.driver.show(self.context, self.container_obj)
        self.assertEqual(2, self.api_client.call_count)

    def test_missing_path(self):
        self.client.get_archive.side_effect = driver_tests.not_found(
            'Could not find the file /a in container x')
        error = self.assertRaises(exception.ContainerPathNotFound,
                                  self.driver.get_archive, self.context,
                                  self.container_obj, '/a', 100)
        self.assertIn(UUID, str(error))

    def test_missing_container(self):
        self.client.get_archive.side_effect = driver_tests.not_found(
            'No such container: x')
        self.assertRaises(exception.DockerError, self.driver.get_archive,
                          self.context, self.container_obj, '/a', 100)


class TestPutArchive(driver_tests.DriverTestCase):

    def setUp(self):
        super().setUp()
        self.container_obj = self.container(container_id=ENGINE_ID)

    def put(self):
        return self.driver.put_archive(self.context, self.container_obj,
                                       '/tmp', b'tar')

    def test_put(self):
        self.put()
        self.client.put_archive.assert_called_once_with(ENGINE_ID,
                                                        '/tmp', b'tar')

    def test_missing_directory(self):
        self.client.put_archive.side_effect = driver_tests.not_found(
            'Could not find the file /tmp in container x')
        self.assertRaises(exception.ContainerPathNotFound, self.put)

    def test_not_a_directory(self):
        self.client.put_archive.side_effect = driver_tests.api_error(
            500, 'extraction point is not a directory')
        error = self.assertRaises(exception.InvalidParameterValue, self.put)
        self.assertIn("'path'", str(error))

    def test_bad_tar(self):
        self.client.put_archive.side_effect = driver_tests.api_error(
            500, 'Error processing tar file(exit status 1): unexpected EOF')
        error = self.assertRaises(exception.InvalidParameterValue, self.put)
        self.assertIn('unexpected EOF', str(error))

    def test_read_only_root(self):
        self.client.put_archive.side_effect = driver_tests.api_error(
            403, 'container rootfs is marked read-only')
        self.assertRaises(exception.InvalidParameterValue, self.put)

    def test_other_engine_error(self):
        self.client.put_archive.side_effect = driver_tests.api_error(
            500, 'boom')
        self.assertRaises(exception.DockerError, self.put)


class TestPortIdsMatch(driver_tests.DriverTestCase):

    def test_same_as_network_driver(self):
        self.client.inspect_container.return_value = running_info(
            NetworkSettings={'Networks': {'p': {'NetworkID': NET_ID,
                                                'IPAddress': '10.0.0.2'}}})
        container = self.driver.show(self.context, self.container())
        self.assertEqual(networking.port_id(UUID, NET_ID),
                         container.addresses[NET_ID][0]['port'])
