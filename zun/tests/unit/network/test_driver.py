"""Tests of the network driver interface and its loader."""

from stevedore import exception as stevedore_exception

from zun.network import driver
from zun.network.docker import driver as docker_driver
from zun.tests import base

# Methods that zun-api and zun-compute call on every network driver.
DRIVER_METHODS = (
    'check_requested_network', 'check_security_groups', 'find_port',
    'add_security_group', 'remove_security_group',
    'connect_requested_networks', 'attach_network', 'detach_network',
)


class TestNetworkDriverInterface(base.TestCase):

    def setUp(self):
        super().setUp()
        driver.reset()
        self.addCleanup(driver.reset)

    def test_methods_are_abstract(self):
        self.assertEqual(set(DRIVER_METHODS),
                         driver.NetworkDriver.__abstractmethods__)

    def test_docker_driver_complete(self):
        self.assertEqual(frozenset(),
                         docker_driver.DockerNetworkDriver.__abstractmethods__)

    def test_default_is_docker(self):
        self.assertIsInstance(driver.get_network_driver(),
                              docker_driver.DockerNetworkDriver)

    def test_driver_loaded_once(self):
        self.assertIs(driver.get_network_driver(),
                      driver.get_network_driver())

    def test_reset_loads_again(self):
        first = driver.get_network_driver()
        driver.reset()
        self.assertIsNot(first, driver.get_network_driver())

    def test_unknown_driver(self):
        self.conf.config(driver='no-such-driver', group='network')
        self.assertRaises(stevedore_exception.NoMatches,
                          driver.get_network_driver)
