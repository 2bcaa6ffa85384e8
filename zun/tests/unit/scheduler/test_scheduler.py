"""Tests of the filter scheduler and its filters on a real database."""

import datetime

from oslo_utils import timeutils

from zun.common import exception
from zun.db import api as dbapi
from zun.objects import compute_node
from zun.objects import container as container_obj
from zun.objects import zun_service
from zun.scheduler import filters
from zun.scheduler import scheduler
from zun.tests import base
from zun.tests.unit.db import utils

BINARY = 'zun-compute'


class SchedulerTestCase(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.conf.config(reserved_host_memory_mb=0, ram_allocation_ratio=1.0,
                         group='compute')
        self.conf.config(service_down_time=60)

    def add_host(self, host, mem_total=4096, zone='nova', disabled=False,
                 forced_down=False, seen_ago=0, cpus=4):
        dbapi.service_create(self.context, {
            'host': host, 'binary': BINARY, 'availability_zone': zone,
            'disabled': disabled, 'forced_down': forced_down,
            'last_seen_up': timeutils.utcnow() - datetime.timedelta(
                seconds=seen_ago)})
        if mem_total is not None:
            dbapi.compute_node_upsert(self.context, host,
                                      {'mem_total': mem_total, 'cpus': cpus})

    def container(self, memory=512, zone=None):
        return container_obj.Container(
            self.context, uuid='5d0c7a4e-0000-4000-8000-000000000001',
            memory=memory, availability_zone=zone)

    def select(self, container=None, requested_host=None):
        return scheduler.FilterScheduler().select_host(
            self.context, container or self.container(), requested_host)

    def no_valid_host(self, container=None, requested_host=None):
        return self.assertRaises(exception.NoValidHost, self.select,
                                 container, requested_host)


class TestFilterScheduler(SchedulerTestCase):

    def test_single_host(self):
        self.add_host('h1')
        self.assertEqual('h1', self.select())

    def test_most_free_memory(self):
        self.add_host('h1', mem_total=4096)
        self.add_host('h2', mem_total=8192)
        self.add_host('h3', mem_total=2048)
        self.assertEqual('h2', self.select())

    def test_cpu_above_host_cpus(self):
        self.add_host('h1', cpus=2)
        container = self.container()
        container.cpu = 3.0
        error = self.no_valid_host(container)
        self.assertIn('3.0 CPUs', str(error))

    def test_cpu_picks_big_host(self):
        self.add_host('h1', cpus=2, mem_total=8192)
        self.add_host('h2', cpus=8, mem_total=4096)
        container = self.container()
        container.cpu = 4.0
        self.assertEqual('h2', self.select(container))

    def test_allocated_memory_counts(self):
        self.add_host('h1', mem_total=4096)
        self.add_host('h2', mem_total=8192)
        utils.create_container(self.context, host='h2', memory=6144)
        self.assertEqual('h1', self.select())

    def test_no_services(self):
        error = self.no_valid_host()
        self.assertIn('no zun-compute service is registered', str(error))

    def test_disabled_filtered(self):
        self.add_host('h1', mem_total=8192, disabled=True)
        self.add_host('h2', mem_total=2048)
        self.assertEqual('h2', self.select())

    def test_forced_down_filtered(self):
        self.add_host('h1', mem_total=8192, forced_down=True)
        self.add_host('h2', mem_total=2048)
        self.assertEqual('h2', self.select())

    def test_stale_filtered(self):
        self.add_host('h1', mem_total=8192, seen_ago=120)
        self.add_host('h2', mem_total=2048)
        self.assertEqual('h2', self.select())

    def test_all_down_reason(self):
        self.add_host('h1', disabled=True)
        self.add_host('h2', seen_ago=3600)
        error = self.no_valid_host()
        self.assertIn('no enabled zun-compute service is up', str(error))

    def test_availability_zone(self):
        self.add_host('h1', mem_total=8192, zone='az1')
        self.add_host('h2', mem_total=2048, zone='az2')
        self.assertEqual('h2', self.select(self.container(zone='az2')))

    def test_no_host_in_zone(self):
        self.add_host('h1', zone='az1')
        error = self.no_valid_host(self.container(zone='az9'))
        self.assertIn('availability zone az9', str(error))

    def test_not_enough_memory(self):
        self.add_host('h1', mem_total=1024)
        error = self.no_valid_host(self.container(memory=2048))
        self.assertIn('2048 MiB', str(error))

    def test_host_without_node(self):
        self.add_host('h1', mem_total=None)
        self.add_host('h2', mem_total=1024)
        self.assertEqual('h2', self.select())

    def test_requested_host(self):
        self.add_host('h1', mem_total=8192)
        self.add_host('h2', mem_total=2048)
        self.assertEqual('h2', self.select(requested_host='h2'))

    def test_requested_host_filtered(self):
        self.add_host('h1', mem_total=8192)
        self.add_host('h2', mem_total=2048, disabled=True)
        error = self.no_valid_host(requested_host='h2')
        self.assertIn('no enabled zun-compute service is up', str(error))

    def test_requested_host_unknown(self):
        self.add_host('h1')
        error = self.no_valid_host(requested_host='h9')
        self.assertIn('h9', str(error))

    def test_filter_order_from_config(self):
        self.conf.config(enabled_filters=['RamFilter'], group='scheduler')
        self.add_host('h1', mem_total=8192, disabled=True)
        self.assertEqual('h1', self.select())

    def test_unknown_filter(self):
        self.conf.config(enabled_filters=['RamFilter', 'MagicFilter'],
                         group='scheduler')
        error = self.assertRaises(ValueError, scheduler.FilterScheduler)
        self.assertIn('MagicFilter', str(error))

    def test_host_states_allocated(self):
        self.add_host('h1')
        utils.create_container(self.context, host='h1', memory=300)
        utils.create_container(self.context, host='h1', memory=200,
                               project_id='other-project')
        states = scheduler.FilterScheduler().host_states(self.context)
        self.assertEqual(500, states[0].allocated_memory)


class TestRamFilter(SchedulerTestCase):

    def _state(self, mem_total, allocated=0):
        self.add_host('h1', mem_total=mem_total)
        service = zun_service.ZunService.get(self.context, 'h1', BINARY)
        node = compute_node.ComputeNode.get_by_hostname(self.context, 'h1')
        return filters.HostState(service, node, allocated)

    def test_reserved_memory(self):
        self.conf.config(reserved_host_memory_mb=512, group='compute')
        state = self._state(2048)
        self.assertEqual(1536, state.free_memory)
        ram = filters.RamFilter()
        self.assertTrue(ram.host_passes(state, self.container(1536)))
        self.assertFalse(ram.host_passes(state, self.container(1537)))

    def test_allocation_ratio(self):
        self.conf.config(reserved_host_memory_mb=512,
                         ram_allocation_ratio=1.5, group='compute')
        state = self._state(2048, allocated=1000)
        self.assertEqual(1304, state.free_memory)

    def test_reserved_above_total(self):
        self.conf.config(reserved_host_memory_mb=8192, group='compute')
        self.assertEqual(0, self._state(2048).free_memory)

    def test_overcommitted_host(self):
        state = self._state(1024, allocated=2048)
        self.assertFalse(filters.RamFilter().host_passes(
            state, self.container(1)))

    def test_no_memory_request(self):
        state = self._state(1024, allocated=1024)
        self.assertTrue(filters.RamFilter().host_passes(
            state, self.container(None)))

    def test_default_ratio_overcommits(self):
        self.conf.conf.clear_override('ram_allocation_ratio',
                                      group='compute')
        self.conf.conf.clear_override('reserved_host_memory_mb',
                                      group='compute')
        self.assertEqual(int((4096 - 512) * 1.5),
                         self._state(4096).free_memory)


class TestSimpleFilters(SchedulerTestCase):

    def _state(self, **kwargs):
        self.add_host('h1', **kwargs)
        service = zun_service.ZunService.get(self.context, 'h1', BINARY)
        return filters.HostState(service, None, 0)

    def test_compute_filter_passes(self):
        self.assertTrue(filters.ComputeFilter().host_passes(
            self._state(), self.container()))

    def test_compute_filter_disabled(self):
        self.assertFalse(filters.ComputeFilter().host_passes(
            self._state(disabled=True), self.container()))

    def test_compute_filter_forced_down(self):
        self.assertFalse(filters.ComputeFilter().host_passes(
            self._state(forced_down=True), self.container()))

    def test_compute_filter_stale(self):
        self.assertFalse(filters.ComputeFilter().host_passes(
            self._state(seen_ago=61), self.container()))

    def test_zone_filter_without_zone(self):
        self.assertTrue(filters.AvailabilityZoneFilter().host_passes(
            self._state(zone='az1'), self.container(zone=None)))

    def test_zone_filter_other_zone(self):
        self.assertFalse(filters.AvailabilityZoneFilter().host_passes(
            self._state(zone='az1'), self.container(zone='az2')))

    def test_base_filter_abstract(self):
        self.assertRaises(NotImplementedError,
                          filters.BaseFilter().host_passes, None, None)
