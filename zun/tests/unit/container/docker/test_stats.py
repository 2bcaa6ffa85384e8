"""Tests of Zun's stats computed from engine samples."""

from zun.container.docker import stats
from zun.tests import base

MIB = 1024 * 1024
STARTED = '2024-06-01T12:00:00Z'


def _sample(read, usage, key='c1'):
    return {'id': key, 'read': read,
            'cpu_stats': {'cpu_usage': {'total_usage': usage}}}


class TestCpuPercentFromPrevious(base.TestCase):

    def test_docker_formula(self):
        sample = {
            'cpu_stats': {'cpu_usage': {'total_usage': 300},
                          'system_cpu_usage': 2000, 'online_cpus': 2},
            'precpu_stats': {'cpu_usage': {'total_usage': 100},
                             'system_cpu_usage': 1000},
        }
        self.assertEqual(40.0, stats.cpu_percent_from_previous(sample))

    def test_cpus_from_percpu_list(self):
        sample = {
            'cpu_stats': {'cpu_usage': {'total_usage': 200,
                                        'percpu_usage': [1, 1, 1, 1]},
                          'system_cpu_usage': 2000},
            'precpu_stats': {'cpu_usage': {'total_usage': 100},
                             'system_cpu_usage': 1000},
        }
        self.assertEqual(40.0, stats.cpu_percent_from_previous(sample))

    def test_no_previous_sample(self):
        sample = {'cpu_stats': {'cpu_usage': {'total_usage': 200},
                                'system_cpu_usage': 2000},
                  'precpu_stats': {}}
        self.assertEqual(200 / 2000 * 100.0,
                         stats.cpu_percent_from_previous(sample))

    def test_no_progress_is_zero(self):
        sample = {'cpu_stats': {'cpu_usage': {'total_usage': 100},
                                'system_cpu_usage': 1000},
                  'precpu_stats': {'cpu_usage': {'total_usage': 100},
                                   'system_cpu_usage': 1000}}
        self.assertEqual(0.0, stats.cpu_percent_from_previous(sample))


class TestCpuSampleCache(base.TestCase):

    def setUp(self):
        super().setUp()
        self.cache = stats.CpuSampleCache()

    def test_first_sample_since_start(self):
        # 2 s of CPU time in 10 s since the start: 20 % of one CPU.
        percent = self.cache.percent(
            _sample('2024-06-01T12:00:10Z', 2 * 10 ** 9), STARTED)
        self.assertEqual(20.0, percent)

    def test_second_sample_since_first(self):
        self.cache.percent(_sample('2024-06-01T12:00:10Z', 10 ** 9),
                           STARTED)
        percent = self.cache.percent(
            _sample('2024-06-01T12:00:10.5Z', 10 ** 9 + 5 * 10 ** 8),
            STARTED)
        self.assertEqual(100.0, percent)

    def test_restart_starts_over(self):
        self.cache.percent(_sample('2024-06-01T12:00:10Z', 9 * 10 ** 9),
                           STARTED)
        percent = self.cache.percent(
            _sample('2024-06-01T12:00:14Z', 10 ** 9),
            '2024-06-01T12:00:12Z')
        self.assertEqual(50.0, percent)

    def test_containers_kept_apart(self):
        self.cache.percent(_sample('2024-06-01T12:00:10Z', 0, 'a'), STARTED)
        percent = self.cache.percent(
            _sample('2024-06-01T12:00:10Z', 10 ** 9, 'b'), STARTED)
        self.assertEqual(10.0, percent)

    def test_unknown_start_is_zero(self):
        for started in (None, '', 'garbage'):
            percent = stats.CpuSampleCache().percent(
                _sample('2024-06-01T12:00:10Z', 10 ** 9), started)
            self.assertEqual(0.0, percent, started)

    def test_oldest_entry_evicted(self):
        cache = stats.CpuSampleCache(max_entries=2)
        for key in ('a', 'b', 'c'):
            cache.percent(_sample('2024-06-01T12:00:10Z', 0, key), STARTED)
        # "a" was dropped, so its next sample counts since the start.
        percent = cache.percent(
            _sample('2024-06-01T12:00:20Z', 2 * 10 ** 9, 'a'), STARTED)
        self.assertEqual(10.0, percent)


class TestMemoryUsage(base.TestCase):

    def test_cgroup_v1_inactive_file(self):
        self.assertEqual(70, stats.memory_usage(
            {'usage': 100, 'stats': {'total_inactive_file': 30,
                                     'inactive_file': 10}}))

    def test_cgroup_v2_inactive_file(self):
        self.assertEqual(90, stats.memory_usage(
            {'usage': 100, 'stats': {'inactive_file': 10}}))

    def test_v1_value_too_large_falls_back(self):
        self.assertEqual(90, stats.memory_usage(
            {'usage': 100, 'stats': {'total_inactive_file': 200,
                                     'inactive_file': 10}}))

    def test_no_details(self):
        self.assertEqual(100, stats.memory_usage({'usage': 100}))

    def test_empty(self):
        self.assertEqual(0, stats.memory_usage({}))


class TestIo(base.TestCase):

    def test_block_io_sums_devices(self):
        blkio = {'io_service_bytes_recursive': [
            {'major': 8, 'minor': 0, 'op': 'Read', 'value': 10},
            {'major': 8, 'minor': 0, 'op': 'Write', 'value': 20},
            {'major': 8, 'minor': 0, 'op': 'Total', 'value': 30},
            {'major': 8, 'minor': 16, 'op': 'read', 'value': 1},
            {'major': 8, 'minor': 16, 'op': 'write', 'value': 2}]}
        self.assertEqual((11, 22), stats.block_io(blkio))

    def test_block_io_empty(self):
        self.assertEqual((0, 0), stats.block_io(None))
        self.assertEqual((0, 0), stats.block_io(
            {'io_service_bytes_recursive': None}))

    def test_network_io_sums_interfaces(self):
        networks = {'eth0': {'rx_bytes': 5, 'tx_bytes': 6},
                    'eth1': {'rx_bytes': 1, 'tx_bytes': 2}}
        self.assertEqual((6, 8), stats.network_io(networks))

    def test_network_io_none(self):
        self.assertEqual((0, 0), stats.network_io(None))


class TestZunStats(base.TestCase):

    def test_keys_and_units(self):
        sample = {
            'memory_stats': {'usage': 48 * MIB, 'limit': 64 * MIB,
                             'stats': {'total_inactive_file': 16 * MIB}},
            'blkio_stats': {'io_service_bytes_recursive': [
                {'op': 'Read', 'value': 4096}]},
            'networks': {'eth0': {'rx_bytes': 100, 'tx_bytes': 50}},
        }
        self.assertEqual({
            'CONTAINER': 'web',
            'CPU %': 12.5,
            'MEM USAGE(MiB)': 32.0,
            'MEM LIMIT(MiB)': 64.0,
            'MEM %': 50.0,
            'BLOCK I/O(B)': '4096/0',
            'NET I/O(B)': '100/50',
        }, stats.zun_stats('web', sample, 12.5))

    def test_no_limit(self):
        result = stats.zun_stats('web', {'memory_stats': {'usage': MIB}}, 0)
        self.assertEqual(0.0, result['MEM %'])
