"""Zun's stats of a container, computed from the engine's stats samples.

The keys and units are Zun's. CPU % is a percentage of one CPU, as in
``docker stats``: 100 means one CPU fully used. Memory usage leaves out the
inactive page cache, as the Docker CLI 20.10 does.
"""

import collections
import threading

from zun.common import rfc3339

MIB = 1024 * 1024

# Containers whose last CPU sample is kept; the oldest entry goes first.
MAX_CPU_SAMPLES = 4096

_Sample = collections.namedtuple('_Sample', 'started read_ns usage_ns')


def _cpu_usage_ns(sample):
    usage = (sample.get('cpu_stats') or {}).get('cpu_usage') or {}
    return int(usage.get('total_usage') or 0)


def cpu_percent_from_previous(sample):
    """Return CPU % from a sample that carries the engine's previous one.

    This is the Docker CLI's formula: the container's CPU time over the
    host's CPU time between the two samples, times the number of CPUs.
    """
    cpu = sample.get('cpu_stats') or {}
    previous = sample.get('precpu_stats') or {}
    cpu_delta = _cpu_usage_ns(sample) - _cpu_usage_ns(
        {'cpu_stats': previous})
    system_delta = (int(cpu.get('system_cpu_usage') or 0)
                    - int(previous.get('system_cpu_usage') or 0))
    cpus = cpu.get('online_cpus') or len(
        (cpu.get('cpu_usage') or {}).get('percpu_usage') or ()) or 1
    if cpu_delta <= 0 or system_delta <= 0:
        return 0.0
    return cpu_delta / system_delta * cpus * 100.0


class CpuSampleCache:
    """The last CPU sample of each container, to compute CPU % from.

    A one-shot sample of the engine has no previous sample in it. The CPU
    % is then the container's CPU time over the wall time since the last
    stats request for the same container to this zun-compute, or since the
    container started when there was none or the container restarted.
    """

    def __init__(self, max_entries=MAX_CPU_SAMPLES):
        self._max_entries = max_entries
        self._samples = collections.OrderedDict()
        self._lock = threading.Lock()

    def percent(self, sample, started_at):
        """Return the CPU % of a one-shot ``sample`` and remember it.

        :param started_at: the engine's ``State.StartedAt`` of the
            container, an RFC 3339 string.
        """
        key = sample.get('id') or sample.get('name')
        read_ns = rfc3339.parse_ns(sample['read'])
        usage_ns = _cpu_usage_ns(sample)
        current = _Sample(started_at, read_ns, usage_ns)
        with self._lock:
            previous = self._samples.pop(key, None)
            self._samples[key] = current
            while len(self._samples) > self._max_entries:
                self._samples.popitem(last=False)
        if (previous is not None and previous.started == started_at
                and read_ns > previous.read_ns
                and usage_ns >= previous.usage_ns):
            return ((usage_ns - previous.usage_ns)
                    / (read_ns - previous.read_ns) * 100.0)
        try:
            elapsed_ns = read_ns - rfc3339.parse_ns(started_at or '')
        except ValueError:
            return 0.0
        if elapsed_ns <= 0:
            return 0.0
        return usage_ns / elapsed_ns * 100.0


def memory_usage(memory_stats):
    """Return the memory usage in bytes without the inactive page cache.

    Docker CLI 20.10 subtracts ``total_inactive_file`` (cgroup v1) when it
    is below the usage, else ``inactive_file`` (cgroup v2) when that is.
    """
    usage = int(memory_stats.get('usage') or 0)
    details = memory_stats.get('stats') or {}
    cgroup_v1_inactive = details.get('total_inactive_file')
    if cgroup_v1_inactive is not None and int(cgroup_v1_inactive) < usage:
        return usage - int(cgroup_v1_inactive)
    inactive = int(details.get('inactive_file') or 0)
    if inactive < usage:
        return usage - inactive
    return usage


def block_io(blkio_stats):
    """Return the bytes read and written, summed over every device."""
    read = written = 0
    for entry in (blkio_stats or {}).get('io_service_bytes_recursive') or ():
        operation = (entry.get('op') or '').lower()
        if operation == 'read':
            read += int(entry.get('value') or 0)
        elif operation == 'write':
            written += int(entry.get('value') or 0)
    return read, written


def network_io(networks):
    """Return the bytes received and sent, summed over every interface."""
    received = sent = 0
    for interface in (networks or {}).values():
        received += int(interface.get('rx_bytes') or 0)
        sent += int(interface.get('tx_bytes') or 0)
    return received, sent


def zun_stats(name, sample, cpu_percent):
    """Return Zun's stats of the container ``name`` from an engine sample."""
    memory_stats = sample.get('memory_stats') or {}
    usage = memory_usage(memory_stats)
    limit = int(memory_stats.get('limit') or 0)
    return {
        'CONTAINER': name,
        'CPU %': cpu_percent,
        'MEM USAGE(MiB)': usage / MIB,
        'MEM LIMIT(MiB)': limit / MIB,
        'MEM %': usage / limit * 100.0 if limit else 0.0,
        'BLOCK I/O(B)': '%d/%d' % block_io(sample.get('blkio_stats')),
        'NET I/O(B)': '%d/%d' % network_io(sample.get('networks')),
    }
