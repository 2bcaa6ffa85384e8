"""Tests of the zun-compute service: registration, heartbeat, tasks."""

from unittest import mock

import fixtures
import oslo_messaging as messaging

from zun.common import consts
from zun.common import rpc
from zun.compute import periodic as compute_periodic
from zun.compute import service as compute_service
from zun.container import driver as container_driver
from zun.db import api as dbapi
from zun.objects import compute_node
from zun.objects import zun_service
from zun.tests import base

HOST_INFO = {
    'cpus': 2, 'mem_total': 2048, 'disk_total': 10, 'disk_used': 1,
    'architecture': 'x86_64', 'os_type': 'linux', 'os': 'Debian',
    'kernel_version': '6.1', 'runtimes': ['runc'], 'labels': {},
}


class TestComputeService(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.driver = mock.create_autospec(container_driver.ContainerDriver,
                                           instance=True)
        self.driver.get_host_info.return_value = dict(HOST_INFO)
        self.driver.list.return_value = []
        self.server = mock.create_autospec(messaging.MessageHandlingServer,
                                           instance=True)
        self.get_server = self.useFixture(fixtures.MockPatchObject(
            rpc, 'get_server', autospec=True,
            return_value=self.server)).mock
        # Long intervals keep the periodic threads idle during the test.
        self.conf.config(report_interval=3600)
        self.conf.config(sync_container_state_interval=3600,
                         update_resources_interval=3600, group='compute')
        self.service = compute_service.ComputeService(host='h1',
                                                      driver=self.driver)

    def _start(self):
        self.service.start()
        self.addCleanup(self.service.stop)

    def test_start_registers(self):
        self._start()
        service = zun_service.ZunService.get(self.context, 'h1',
                                             consts.COMPUTE_BINARY)
        self.assertTrue(service.is_up())
        self.assertEqual('nova', service.availability_zone)

    def test_start_reports_resources(self):
        self._start()
        node = compute_node.ComputeNode.get_by_hostname(self.context, 'h1')
        self.assertEqual(2048, node.mem_total)

    def test_start_serves_host(self):
        self._start()
        target = self.get_server.call_args.args[0]
        self.assertEqual('h1', target.server)
        self.assertEqual('zun-compute', target.topic)
        self.assertEqual([self.service.manager],
                         self.get_server.call_args.args[1])
        self.server.start.assert_called_once_with()

    def test_stop_waits_for_server(self):
        self.service.start()
        self.service.stop()
        self.server.stop.assert_called_once_with()
        self.server.wait.assert_called_once_with()

    def _report_count(self):
        return zun_service.ZunService.get(
            self.context, 'h1', consts.COMPUTE_BINARY).report_count

    def test_heartbeat_counts(self):
        zun_service.ZunService.register(self.context, 'h1',
                                        consts.COMPUTE_BINARY, 'nova')
        before = self._report_count()
        self.service.heartbeat()
        self.assertEqual(before + 1, self._report_count())

    def test_heartbeat_registers_missing(self):
        self.service.heartbeat()
        service = zun_service.ZunService.get(self.context, 'h1',
                                             consts.COMPUTE_BINARY)
        self.assertEqual('h1', service.host)

    def test_restart_keeps_service(self):
        self._start()
        self.service.stop()
        self.service.start()
        services = dbapi.service_list(self.context, consts.COMPUTE_BINARY)
        self.assertEqual(1, len(services))

    def test_sync_uses_driver(self):
        with mock.patch.object(compute_periodic, 'sync_container_states',
                               autospec=True, return_value=0) as sync:
            self.service.sync_container_states()
        sync.assert_called_once_with(
            self.driver, 'h1', heal=self.service.manager.heal_container)
