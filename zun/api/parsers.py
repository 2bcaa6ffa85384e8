"""Parsers that turn request values into zun's stored form.

Each parser accepts what Zun accepts (and a little more where Docker users
expect it), converts first and checks bounds after, and raises
InvalidParameterValue naming the field and the rule.
"""

import base64
import binascii
import math
import re
import shlex
import signal as signal_module

from oslo_config import cfg

from zun.api import validation
from zun.api.schemas import parameter_types
from zun.common import consts
from zun.common import exception

CONF = cfg.CONF

MIB = 1024 * 1024

# Docker's memory units; a number without a unit means MiB, as in Zun.
_MEMORY_UNITS = {'b': 1, 'k': 1024, 'm': MIB, 'g': 1024 * MIB}
_MEMORY_RE = re.compile(r'([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*([bkmg]?)',
                        re.IGNORECASE)
# A decimal number in ASCII digits. Python's float() and int() also accept
# other Unicode digits and "_" separators, which this API rejects.
_DECIMAL_RE = re.compile(
    r'[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?')
_PORT_RE = re.compile(r'[0-9]{1,5}')
# A Docker volume name, which a named volume mount gives in ``source``.
_VOLUME_NAME_RE = re.compile(r'[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}')
# A repository of an image reference: an optional registry host (with a
# port) and lower-case path components separated by "/", as the Docker
# reference grammar has it.
_REPOSITORY_RE = re.compile(
    r'(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?'
    r'(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?'
    r'[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
    r'(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*')
_TAG_RE = re.compile(r'[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}')
# Linux has signals 1 to 64; SIGRTMAX is 64.
MAX_SIGNAL = 64
SIGNAL_NAMES = frozenset(
    name for name in signal_module.Signals.__members__
    if name.startswith('SIG') and not name.startswith('SIG_'))


def _invalid(field, detail):
    return exception.InvalidParameterValue(field=field, detail=detail)


def _number(value, field, unit_hint):
    """Return ``value`` as a finite float, from a JSON number or a string."""
    if isinstance(value, bool):
        raise _invalid(field, 'must be a number, not a boolean')
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        if not _DECIMAL_RE.fullmatch(value.strip()):
            raise _invalid(field, "'%s' is not a number%s"
                           % (value, unit_hint))
        number = float(value.strip())
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
        match = _MEMORY_RE.fullmatch(value.strip())
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
    count = validation.parse_int(count, field + '.MaximumRetryCount',
                                 minimum=0,
                                 maximum=parameter_types.MAX_ENGINE_INT)
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
            # The schema accepts 5.0 as an integer, so store it as 5.
            check[key] = int(value[key])
    return check


def parse_exposed_ports(value, field='exposed_ports'):
    """Check ``port[/protocol]`` keys; the values must be empty objects."""
    ports = {}
    for key in value:
        port, slash, protocol = key.partition('/')
        if not slash:
            protocol = 'tcp'
        if not _PORT_RE.fullmatch(port) or not 1 <= int(port) <= 65535:
            raise _invalid(field, "'%s' is not a port number from 1 to 65535"
                           % key)
        if protocol not in ('tcp', 'udp'):
            raise _invalid(field, "'%s' has protocol '%s'; use tcp or udp"
                           % (key, protocol))
        ports['%d/%s' % (int(port), protocol)] = {}
    return ports


def parse_nets(value, field='nets'):
    """Check each requested network on its own and drop empty values.

    An entry names a network or a port, not both, and a fixed IP needs the
    network that it belongs to. An empty fixed IP means none:
    python-zunclient sends one for ``v4-fixed-ip=`` without a value. The
    network driver checks later what it can provide.
    """
    requested = []
    networks = set()
    for index, entry in enumerate(value):
        where = '%s[%d]' % (field, index)
        request = {key: item for key, item in entry.items()
                   if item is not None and item != ''}
        network = request.get('network')
        if network and request.get('port'):
            raise _invalid(where, 'names both a network and a port; give '
                                  'one of them')
        if not network and not request.get('port'):
            raise _invalid(where, 'needs a network or a port')
        for key in ('v4-fixed-ip', 'v6-fixed-ip'):
            if key in request and not network:
                raise _invalid('%s.%s' % (where, key),
                               'needs the network of the address in '
                               'network')
        if network in networks:
            raise _invalid(where + '.network',
                           "repeats network '%s'" % network)
        if network:
            networks.add(network)
        requested.append(request)
    return requested


def _check_bind_source(mount, field):
    source = mount.get('source')
    if not source:
        raise _invalid(field + '.source',
                       'is required for a bind mount, because it carries '
                       'the contents of the file, base64-encoded')
    try:
        base64.b64decode(source, validate=True)
    except (binascii.Error, ValueError):
        raise _invalid(field + '.source',
                       'must be the contents of the file, base64-encoded')


def parse_mounts(value, field='mounts'):
    """Check each mount and store ``size`` as a whole number of GiB.

    A volume mount names an existing volume in ``source`` or requests a
    new volume of ``size`` GiB. A bind mount (from 1.23) injects a file
    whose contents ``source`` carries in base64. python-zunclient sends
    ``size`` as a string.
    """
    mounts = []
    for index, mount in enumerate(value):
        where = '%s[%d]' % (field, index)
        mount = dict(mount)
        if mount.get('type', 'volume') == 'bind':
            _check_bind_source(mount, where)
        elif not mount.get('source') and not mount.get('size'):
            raise _invalid(where, 'needs a source volume or a size for a '
                                  'new volume')
        elif mount.get('source') and not _VOLUME_NAME_RE.fullmatch(
                mount['source']):
            raise _invalid(where + '.source',
                           "'%s' is not a volume name; use 1 to 128 "
                           "letters, digits, '_', '.' or '-', starting with "
                           "a letter or digit" % mount['source'])
        if mount.get('size') not in (None, ''):
            mount['size'] = validation.parse_int(mount['size'],
                                                 where + '.size', minimum=1)
        mounts.append(mount)
    return mounts


def check_image_pull_policy(value, field='image_pull_policy'):
    if value not in consts.IMAGE_PULL_POLICIES:
        raise _invalid(field, 'must be one of %s'
                       % ', '.join(consts.IMAGE_PULL_POLICIES))
    return value


# An image reference as the Docker engine reads it:
# [registry[:port]/]name[/name...][:tag][@algorithm:hex].
_NAME_COMPONENT = r'[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
_HOST_LABEL = r'[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?'
_REGISTRY = r'%s(?:\.%s)*(?::[0-9]+)?' % (_HOST_LABEL, _HOST_LABEL)
_IMAGE_RE = re.compile(
    r'^(?:%(registry)s/)?%(name)s(?:/%(name)s)*'
    r'(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?'
    r'(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*'
    r':[0-9a-fA-F]{32,})?$' % {'registry': _REGISTRY,
                               'name': _NAME_COMPONENT})


def parse_image(value, field='image'):
    """Check that an image reference is one the engine can pull or run."""
    if not _IMAGE_RE.match(value):
        raise _invalid(field, "'%s' is not a valid image reference; use "
                              '[registry/]name[:tag][@digest] with a '
                              'lowercase name' % value)
    return value


def parse_signal(value, field='signal'):
    """Return the signal for the engine, or None for its default, SIGKILL.

    Accepts a name with or without the SIG prefix in any case (SIGKILL,
    KILL, kill, sigkill) or a number from 1 to 64, which is converted
    first and range-checked after. python-zunclient 5.5 sends the text
    "None" when the user gives no signal, so "None" means the default.
    :returns: the upper-case name, such as ``SIGKILL``, or the number as a
        string.
    """
    if value is None or value in ('', 'None'):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _invalid(field, 'must be a signal name or number')
    if isinstance(value, int) or value.strip().lstrip('+-').isdigit():
        number = validation.parse_int(value, field, minimum=1,
                                      maximum=MAX_SIGNAL)
        return str(number)
    name = value.strip().upper()
    if not name.startswith('SIG'):
        name = 'SIG' + name
    if name not in SIGNAL_NAMES:
        raise _invalid(field, "'%s' is not a signal; use a name such as "
                              "SIGKILL, KILL or SIGTERM, or a number from 1 "
                              "to %d" % (value, MAX_SIGNAL))
    return name


def parse_repository(value, field='repository'):
    """Check the repository of a commit, such as ``team/app``."""
    if not isinstance(value, str) or not value:
        raise _invalid(field, 'is required: the repository of the new image')
    if len(value) > 255 or not _REPOSITORY_RE.fullmatch(value):
        raise _invalid(field, "'%s' is not an image repository; use at most "
                              "255 characters of lower-case letters, digits "
                              "and the separators '.', '_', '-' and '/', "
                              "after an optional registry host" % value)
    return value


def parse_tag(value, field='tag'):
    """Check the tag of a commit; a missing tag means ``latest``."""
    if value is None or value == '':
        return 'latest'
    if not isinstance(value, str) or not _TAG_RE.fullmatch(value):
        raise _invalid(field, "'%s' is not an image tag; use 1 to 128 "
                              "letters, digits, '_', '.' or '-', starting "
                              "with a letter, digit or '_'" % (value,))
    return value
