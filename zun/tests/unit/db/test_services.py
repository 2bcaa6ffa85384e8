"""Tests of the service and compute node functions of the database API."""

from oslo_utils import timeutils

from zun.common import exception
from zun.db import api as dbapi
from zun.tests import base

BINARY = 'zun-compute'


class TestServices(base.DbTestCase):

    def _create(self, host='h1', binary=BINARY, **values):
        return dbapi.service_create(self.context, dict(
            values, host=host, binary=binary))

    def test_create_defaults(self):
        service = self._create()
        self.assertFalse(service.disabled)
        self.assertFalse(service.forced_down)
        self.assertEqual(0, service.report_count)

    def test_create_duplicate(self):
        self._create()
        error = self.assertRaises(exception.ServiceAlreadyExists,
                                  self._create)
        self.assertIn('h1', str(error))
        self.assertIn(BINARY, str(error))

    def test_same_host_other_binary(self):
        self._create()
        service = self._create(binary='zun-wsproxy')
        self.assertEqual('zun-wsproxy', service.binary)

    def test_get(self):
        created = self._create()
        found = dbapi.service_get(self.context, 'h1', BINARY)
        self.assertEqual(created.id, found.id)

    def test_get_missing(self):
        error = self.assertRaises(exception.ServiceNotFound,
                                  dbapi.service_get, self.context, 'h9',
                                  BINARY)
        self.assertIn('h9', str(error))

    def test_update(self):
        self._create()
        updated = dbapi.service_update(self.context, 'h1', BINARY,
                                       {'disabled': True,
                                        'disabled_reason': 'maintenance'})
        self.assertTrue(updated.disabled)
        self.assertEqual('maintenance', dbapi.service_get(
            self.context, 'h1', BINARY).disabled_reason)

    def test_update_missing(self):
        self.assertRaises(exception.ServiceNotFound, dbapi.service_update,
                          self.context, 'h9', BINARY, {'disabled': True})

    def test_heartbeat_counts(self):
        self._create()
        self.assertTrue(dbapi.service_heartbeat(self.context, 'h1', BINARY))
        self.assertTrue(dbapi.service_heartbeat(self.context, 'h1', BINARY))
        service = dbapi.service_get(self.context, 'h1', BINARY)
        self.assertEqual(2, service.report_count)

    def test_heartbeat_sets_last_seen(self):
        self._create()
        before = timeutils.utcnow()
        dbapi.service_heartbeat(self.context, 'h1', BINARY)
        service = dbapi.service_get(self.context, 'h1', BINARY)
        self.assertGreaterEqual(service.last_seen_up, before)

    def test_heartbeat_missing(self):
        self.assertFalse(dbapi.service_heartbeat(self.context, 'h1',
                                                 BINARY))

    def test_list_by_binary(self):
        self._create('h1')
        self._create('h2')
        self._create('h1', binary='zun-wsproxy')
        services = dbapi.service_list(self.context, BINARY)
        self.assertEqual(['h1', 'h2'], [svc.host for svc in services])

    def test_list_all(self):
        self._create('h1')
        self._create('h1', binary='zun-wsproxy')
        self.assertEqual(2, len(dbapi.service_list(self.context)))


class TestComputeNodes(base.DbTestCase):

    def test_upsert_creates(self):
        node = dbapi.compute_node_upsert(self.context, 'h1',
                                         {'mem_total': 4096, 'cpus': 4})
        self.assertEqual('h1', node.hostname)
        self.assertEqual(4096, node.mem_total)
        self.assertIsNotNone(node.uuid)

    def test_upsert_updates(self):
        first = dbapi.compute_node_upsert(self.context, 'h1',
                                          {'mem_total': 4096})
        second = dbapi.compute_node_upsert(self.context, 'h1',
                                           {'mem_total': 8192})
        self.assertEqual(first.uuid, second.uuid)
        self.assertEqual(8192, dbapi.compute_node_get(
            self.context, 'h1').mem_total)

    def test_upsert_keeps_other_values(self):
        dbapi.compute_node_upsert(self.context, 'h1',
                                  {'mem_total': 4096, 'cpus': 4})
        dbapi.compute_node_upsert(self.context, 'h1', {'cpus': 8})
        node = dbapi.compute_node_get(self.context, 'h1')
        self.assertEqual(4096, node.mem_total)

    def test_json_columns(self):
        dbapi.compute_node_upsert(self.context, 'h1', {
            'labels': {'zone': 'a'}, 'runtimes': ['runc']})
        node = dbapi.compute_node_get(self.context, 'h1')
        self.assertEqual({'zone': 'a'}, node.labels)
        self.assertEqual(['runc'], node.runtimes)

    def test_get_missing(self):
        error = self.assertRaises(exception.ComputeNodeNotFound,
                                  dbapi.compute_node_get, self.context, 'h9')
        self.assertIn('h9', str(error))

    def test_list(self):
        dbapi.compute_node_upsert(self.context, 'h1', {})
        dbapi.compute_node_upsert(self.context, 'h2', {})
        nodes = dbapi.compute_node_list(self.context)
        self.assertEqual(['h1', 'h2'], [node.hostname for node in nodes])
