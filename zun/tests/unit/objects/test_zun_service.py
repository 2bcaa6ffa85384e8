"""Tests of the ZunService object: registration and liveness."""

import datetime

import fixtures
from oslo_utils import timeutils

from zun.common import exception
from zun.db import api as dbapi
from zun.objects import zun_service
from zun.tests import base

ZunService = zun_service.ZunService
BINARY = 'zun-compute'
NOW = datetime.datetime(2024, 6, 1, 12, 0, 0)


class FrozenTime(fixtures.Fixture):
    """Make timeutils.utcnow() return a fixed time."""

    def __init__(self, now):
        super().__init__()
        self.now = now

    def _setUp(self):
        self.useFixture(fixtures.MockPatchObject(
            timeutils, 'utcnow', autospec=True, return_value=self.now))


class TestServiceRegister(base.DbTestCase):

    def test_register_creates(self):
        service = ZunService.register(self.context, 'h1', BINARY, 'az1')
        self.assertEqual('h1', service.host)
        self.assertEqual('az1', service.availability_zone)
        self.assertFalse(service.disabled)
        self.assertFalse(service.forced_down)
        self.assertEqual(0, service.report_count)
        self.assertIsNotNone(service.last_seen_up)

    def test_register_again_keeps_row(self):
        first = ZunService.register(self.context, 'h1', BINARY, 'az1')
        second = ZunService.register(self.context, 'h1', BINARY, 'az1')
        self.assertEqual(first.id, second.id)
        self.assertEqual(1, len(dbapi.service_list(self.context, BINARY)))

    def test_register_again_updates_zone(self):
        ZunService.register(self.context, 'h1', BINARY, 'az1')
        ZunService.register(self.context, 'h1', BINARY, 'az2')
        service = ZunService.get(self.context, 'h1', BINARY)
        self.assertEqual('az2', service.availability_zone)

    def test_register_again_refreshes_time(self):
        dbapi.service_create(self.context, {
            'host': 'h1', 'binary': BINARY,
            'last_seen_up': NOW - datetime.timedelta(days=1)})
        service = ZunService.register(self.context, 'h1', BINARY, 'az1')
        self.assertGreater(timeutils.normalize_time(service.last_seen_up),
                           NOW)

    def test_register_again_keeps_disabled(self):
        ZunService.register(self.context, 'h1', BINARY, 'az1')
        dbapi.service_update(self.context, 'h1', BINARY,
                             {'disabled': True, 'disabled_reason': 'drain'})
        service = ZunService.register(self.context, 'h1', BINARY, 'az1')
        self.assertTrue(service.disabled)
        self.assertEqual('drain', service.disabled_reason)

    def test_register_again_keeps_count(self):
        ZunService.register(self.context, 'h1', BINARY, 'az1')
        dbapi.service_heartbeat(self.context, 'h1', BINARY)
        service = ZunService.register(self.context, 'h1', BINARY, 'az1')
        self.assertEqual(1, service.report_count)

    def test_get_missing(self):
        self.assertRaises(exception.ServiceNotFound, ZunService.get,
                          self.context, 'h9', BINARY)

    def test_list_by_binary(self):
        ZunService.register(self.context, 'h1', BINARY, 'az1')
        ZunService.register(self.context, 'h1', 'zun-wsproxy', 'az1')
        services = ZunService.list(self.context, BINARY)
        self.assertEqual([BINARY], [svc.binary for svc in services])


class TestServiceIsUp(base.TestCase):

    def setUp(self):
        super().setUp()
        self.conf.config(service_down_time=60)
        self.useFixture(FrozenTime(NOW))

    def _service(self, last_seen_up, forced_down=False):
        return ZunService(self.context, host='h1', binary=BINARY,
                          disabled=False, forced_down=forced_down,
                          last_seen_up=last_seen_up, report_count=1)

    def test_recent_naive_is_up(self):
        service = self._service(NOW - datetime.timedelta(seconds=10))
        self.assertTrue(service.is_up())

    def test_recent_aware_is_up(self):
        service = self._service(
            (NOW - datetime.timedelta(seconds=10)).replace(
                tzinfo=datetime.timezone.utc))
        self.assertTrue(service.is_up())

    def test_other_zone_is_up(self):
        zone = datetime.timezone(datetime.timedelta(hours=-5))
        local = (NOW - datetime.timedelta(seconds=10)).replace(
            tzinfo=datetime.timezone.utc).astimezone(zone)
        self.assertTrue(self._service(local).is_up())

    def test_stale_naive_is_down(self):
        service = self._service(NOW - datetime.timedelta(seconds=61))
        self.assertFalse(service.is_up())

    def test_stale_aware_is_down(self):
        service = self._service(
            (NOW - datetime.timedelta(seconds=61)).replace(
                tzinfo=datetime.timezone.utc))
        self.assertFalse(service.is_up())

    def test_down_time_boundary(self):
        service = self._service(NOW - datetime.timedelta(seconds=60))
        self.assertTrue(service.is_up())

    def test_down_time_from_config(self):
        self.conf.config(service_down_time=300)
        service = self._service(NOW - datetime.timedelta(seconds=200))
        self.assertTrue(service.is_up())

    def test_never_seen_is_down(self):
        self.assertFalse(self._service(None).is_up())

    def test_forced_down_is_down(self):
        service = self._service(NOW, forced_down=True)
        self.assertFalse(service.is_up())

    def test_future_heartbeat_is_up(self):
        # A heartbeat slightly ahead of this clock comes from a host whose
        # clock runs a little fast; it still counts as alive.
        service = self._service(NOW + datetime.timedelta(seconds=5))
        self.assertTrue(service.is_up())

    def test_far_future_is_down(self):
        service = self._service(NOW + datetime.timedelta(hours=1))
        self.assertFalse(service.is_up())


class TestServiceIsUpFromDatabase(base.DbTestCase):

    def test_loaded_service_is_up(self):
        ZunService.register(self.context, 'h1', BINARY, 'az1')
        service = ZunService.get(self.context, 'h1', BINARY)
        self.assertTrue(service.is_up())

    def test_loaded_stale_service_down(self):
        dbapi.service_create(self.context, {
            'host': 'h1', 'binary': BINARY,
            'last_seen_up': timeutils.utcnow() - datetime.timedelta(
                seconds=3600)})
        service = ZunService.get(self.context, 'h1', BINARY)
        self.assertFalse(service.is_up())
