"""Tests of the container driver interface and its loader."""

from stevedore import exception as stevedore_exception

from zun.container import driver
from zun.container.docker import driver as docker_driver
from zun.tests import base

# Methods that zun.compute and the websocket proxy call on every driver.
MANAGER_METHODS = ('pull_image', 'create', 'start', 'stop', 'delete', 'show',
                   'list', 'get_host_info', 'logs', 'top', 'stats',
                   'execute_run', 'get_archive', 'put_archive',
                   'remove_mounts', 'pause', 'unpause', 'kill', 'reboot',
                   'update', 'commit', 'check_attachable', 'resize',
                   'execute_create', 'execute_resize', 'open_attach_stream',
                   'open_exec_stream', 'execute_kill')


class TestDriverInterface(base.TestCase):

    def test_methods_are_abstract(self):
        self.assertEqual(set(MANAGER_METHODS),
                         driver.ContainerDriver.__abstractmethods__)

    def test_docker_driver_complete(self):
        self.assertEqual(frozenset(),
                         docker_driver.DockerDriver.__abstractmethods__)

    def test_load_docker_driver(self):
        self.conf.config(container_driver='docker')
        loaded = driver.load_container_driver()
        self.assertIsInstance(loaded, docker_driver.DockerDriver)

    def test_load_unknown_driver(self):
        self.assertRaises(stevedore_exception.NoMatches,
                          driver.load_container_driver, 'no-such-driver')

    def test_engine_container_repr(self):
        entry = driver.EngineContainer('abc', 'uuid-1', 'Running', 'Up 1s')
        self.assertIn('uuid-1', repr(entry))
        self.assertIn('Running', repr(entry))
