"""Parsers that turn request values into zun's stored form.

Each parser accepts what Zun accepts (and a little more where Docker users
expect it), converts first and checks bounds after, and raises
InvalidParameterValue naming the field and the rule.
"""

import math
import re
import shlex

from oslo_config import cfg

from zun.common import consts
from zun.common import exception

CONF = cfg.CONF

MIB = 1024 * 1024

# Docker's memory units; a number without a unit means MiB, as in Zun.
_MEMORY_UNITS = {'b': 1, 'k': 1024, 'm': MIB, 'g': 1024 * MIB}
_MEMORY_RE = re.compile(r'^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*([bkmg]?)$',
                        re.IGNORECASE)


def _invalid(field, detail):
    return exception.InvalidParameterValue(field=field, detail=detail)


def _number(value, field, unit_hint):
    """Return ``value`` as a finite float, from a JSON number or a string."""
    if isinstance(value, bool):
        raise _invalid(field, 'must be a number, not a boolean')
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise _invalid(field, "'%s' is not a number%s"
                           % (value, unit_hint))
    else:
        raise _invalid(field, 'must be a number or a string')
    if not math.isfinite(number):
        raise _invalid(field, "'%s' is not a finite number" % (value,))
    return number


def parse_cpu(value, field='cpu'):
    """Parse a number of CPUs and check it against the configured range."""
    cpu = _number(value, field, '')
    if not CONF.minimum_cpus <= cpu <= CONF.maximum_cpus:
        raise _invalid(field, 'must be between %s and %s CPUs, not %s'
                       % (CONF.minimum_cpus, CONF.maximum_cpus, cpu))
    return cpu


def memory_to_mib(value, field='memory'):
    """Convert a memory size to MiB without checking the range.

    Integers and plain numeric strings are MiB, as in Zun; strings may
    carry a Docker unit (b, k, m, g in any case), such as ``512m`` or
    ``1.5g``. The result must be a whole number of MiB.
    """
    if isinstance(value, bool):
        raise _invalid(field, 'must be a number or a size string, not a '
                              'boolean')
    if isinstance(value, (int, float)):
        size = _number(value, field, '') * MIB
    elif isinstance(value, str):
        match = _MEMORY_RE.match(value.strip())
        if not match:
            raise _invalid(
                field, "'%s' is not a memory size; use MiB as a number, or "
                       "a number with a unit b, k, m or g, such as 512m or "
                       "1.5g" % value)
        unit = match.group(2).lower() or 'm'
        size = float(match.group(1)) * _MEMORY_UNITS[unit]
    else:
        raise _invalid(field, 'must be a number or a size string')
    mib = size / MIB
    if not mib.is_integer():
        raise _invalid(field, "'%s' is not a whole number of MiB" % (value,))
    return int(mib)


def parse_memory(value, field='memory'):
    """Parse a memory size into MiB and check the configured range."""
    mib = memory_to_mib(value, field)
    if not CONF.minimum_memory <= mib <= CONF.maximum_memory:
        raise _invalid(field, 'must be between %d and %d MiB, not %d MiB'
                       % (CONF.minimum_memory, CONF.maximum_memory, mib))
    return mib


def parse_disk(value, field='disk'):
    """Parse a disk size in GiB and check the configured range."""
    disk = _number(value, field, ' of GiB')
    if not disk.is_integer():
        raise _invalid(field, "'%s' is not a whole number of GiB" % (value,))
    disk = int(disk)
    if not CONF.minimum_disk <= disk <= CONF.maximum_disk:
        raise _invalid(field, 'must be between %d and %d GiB, not %d GiB'
                       % (CONF.minimum_disk, CONF.maximum_disk, disk))
    return disk


def parse_command_string(value, field='command'):
    """Split a shell-style command string into a list, as Zun <1.20 does."""
    try:
        return shlex.split(value)
    except ValueError as exc:
        raise _invalid(field, 'cannot be split into arguments: %s' % exc)


def parse_restart_policy(value, field='restart_policy'):
    """Normalize a restart policy to Zun's stored form.

    The schema has checked the shape. MaximumRetryCount may be an integer
    or a string of digits; missing or null means 0, and only on-failure may
    have a non-zero count. The count is stored as a string, which is how
    Zun returns it.
    """
    name = value['Name']
    count = value.get('MaximumRetryCount')
    if count is None or count == '':
        count = 0
    elif isinstance(count, bool) or not (
            isinstance(count, int) or str(count).strip().isdigit()):
        raise _invalid(field + '.MaximumRetryCount',
                       "'%s' is not a non-negative integer" % (count,))
    count = int(str(count).strip())
    if count < 0:
        raise _invalid(field + '.MaximumRetryCount',
                       'must be a non-negative integer')
    if count and name != 'on-failure':
        raise _invalid(field + '.MaximumRetryCount',
                       "is only allowed with the 'on-failure' policy, not "
                       "with '%s'" % name)
    return {'Name': name, 'MaximumRetryCount': str(count)}


def parse_healthcheck(value, field='healthcheck'):
    """Convert a request healthcheck into Zun's stored form.

    The request has ``cmd``; the stored and returned form calls it
    ``test``, as Zun does. Times are in seconds.
    """
    check = {'test': value.get('cmd')}
    for key in ('interval', 'retries', 'timeout'):
        if key in value:
            check[key] = value[key]
    return check


def parse_exposed_ports(value, field='exposed_ports'):
    """Check ``port[/protocol]`` keys; the values must be empty objects."""
    ports = {}
    for key in value:
        port, _, protocol = key.partition('/')
        protocol = protocol or 'tcp'
        if not port.isdigit() or not 1 <= int(port) <= 65535:
            raise _invalid(field, "'%s' is not a port number from 1 to 65535"
                           % key)
        if protocol not in ('tcp', 'udp'):
            raise _invalid(field, "'%s' has protocol '%s'; use tcp or udp"
                           % (key, protocol))
        ports['%d/%s' % (int(port), protocol)] = {}
    return ports


def check_image_pull_policy(value, field='image_pull_policy'):
    if value not in consts.IMAGE_PULL_POLICIES:
        raise _invalid(field, 'must be one of %s'
                       % ', '.join(consts.IMAGE_PULL_POLICIES))
    return value
