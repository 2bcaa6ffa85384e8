"""Resident memory of the service processes, read from /proc."""

import os

KIB = 1024
MIB = 1024 * 1024


def _status_field(pid, name):
    with open('/proc/%d/status' % pid) as status:
        for line in status:
            if line.startswith(name + ':'):
                return line.split(':', 1)[1].strip()
    return None


def rss_mib(pid):
    """Return the resident set size of process ``pid`` in MiB."""
    value = _status_field(pid, 'VmRSS')
    if value is None:
        raise RuntimeError('process %d has no VmRSS' % pid)
    kib = int(value.split()[0])
    return round(kib * KIB / MIB, 1)


def children(pid):
    """Return the PIDs whose parent is ``pid``."""
    found = []
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % entry) as stat:
                fields = stat.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        # After the command name: state, then the parent's PID.
        if int(fields[1]) == pid:
            found.append(int(entry))
    return sorted(found)


def tree_rss(pid):
    """Return {'main': MiB, 'children': [MiB, ...]} for a process."""
    return {'main': rss_mib(pid),
            'children': [rss_mib(child) for child in children(pid)]}
