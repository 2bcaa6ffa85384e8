"""API microversions: the history table and the request header.

A client asks for a version with ``OpenStack-API-Version: container X.Y``.
A request without the header gets the minimum version; ``latest`` gets the
maximum. Features beyond Zun's 1.40 go into new versions at the end of
``HISTORY``, each with an api-ref ``versionadded`` entry and a test.
"""

import re

from zun.common import exception

SERVICE_TYPE = 'container'
HEADER = 'OpenStack-API-Version'
MIN_HEADER = 'OpenStack-API-Minimum-Version'
MAX_HEADER = 'OpenStack-API-Maximum-Version'

HISTORY = (
    ('1.1', 'Initial version.'),
    ('1.2', 'Add nets to container create.'),
    ('1.3', 'Add auto_remove to container create.'),
    ('1.4', 'Add the hosts API.'),
    ('1.5', 'Add runtime to container create.'),
    ('1.6', 'Add network_detach.'),
    ('1.7', 'Make force delete an administrator-only action.'),
    ('1.8', 'Add network_attach.'),
    ('1.9', 'Add hostname to container create.'),
    ('1.10', 'Make container delete asynchronous.'),
    ('1.11', 'Add mounts to container create.'),
    ('1.12', 'Add stop to container delete.'),
    ('1.13', 'Add network_list.'),
    ('1.14', 'Remove the rename action; PATCH name renames.'),
    ('1.15', 'Remove add_security_group and remove_security_group.'),
    ('1.16', 'Add restart_policy to the capsule spec.'),
    ('1.17', 'Add port to network_detach.'),
    ('1.18', 'Change the network_list response.'),
    ('1.19', 'Add resize_container.'),
    ('1.20', 'Change command of container create to a list.'),
    ('1.21', 'Add privileged to container create.'),
    ('1.22', 'Add healthcheck to container create.'),
    ('1.23', 'Add type to mounts (bind mounts inject file contents).'),
    ('1.24', 'Add exposed_ports to container create.'),
    ('1.25', 'Encode archive data in base64.'),
    ('1.26', 'Add quotas.'),
    ('1.27', 'Add network delete.'),
    ('1.28', 'Add cpu_policy to container create.'),
    ('1.29', 'Add enable_cpu_pinning to hosts.'),
    ('1.30', 'Add registries.'),
    ('1.31', 'Add registry to container create.'),
    ('1.32', 'Make capsule delete asynchronous.'),
    ('1.33', 'Add finish_time to container actions.'),
    ('1.34', 'Add init_containers to capsules.'),
    ('1.35', 'Add ports to capsule containers.'),
    ('1.36', 'Add tty to container create, separate from interactive.'),
    ('1.37', 'Add tty and stdin to capsule containers.'),
    ('1.38', 'Add annotations to capsules.'),
    ('1.39', 'Add host to container create.'),
    ('1.40', 'Add entrypoint to container create.'),
)

_VERSION_RE = re.compile(r'^([1-9][0-9]*)\.(0|[1-9][0-9]*)$')


class Version:
    """A microversion such as 1.40, comparable with other versions."""

    __slots__ = ('major', 'minor')

    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    @classmethod
    def parse(cls, text):
        """Parse ``X.Y``.

        :raises ValueError: when the text is not a version.
        """
        match = _VERSION_RE.match(text.strip())
        if not match:
            raise ValueError('invalid version %r' % text)
        return cls(int(match.group(1)), int(match.group(2)))

    def _key(self):
        return (self.major, self.minor)

    def __eq__(self, other):
        if isinstance(other, str):
            other = Version.parse(other)
        return self._key() == other._key()

    def __lt__(self, other):
        if isinstance(other, str):
            other = Version.parse(other)
        return self._key() < other._key()

    def __le__(self, other):
        return self == other or self < other

    def __gt__(self, other):
        return not self <= other

    def __ge__(self, other):
        return not self < other

    def __hash__(self):
        return hash(self._key())

    def __str__(self):
        return '%d.%d' % (self.major, self.minor)

    __repr__ = __str__


MIN_VERSION = Version.parse(HISTORY[0][0])
MAX_VERSION = Version.parse(HISTORY[-1][0])


def _unsupported(detail):
    return exception.NotAcceptable(detail=detail)


def from_header(value):
    """Return the Version that a request header value asks for.

    :param value: the header value, or None when the header is missing.
    :raises NotAcceptable: for a malformed value, another service's
        version, or a version outside [MIN_VERSION, MAX_VERSION].
    """
    if value is None:
        return MIN_VERSION
    requested = None
    for item in value.split(','):
        parts = item.strip().split(None, 1)
        if len(parts) == 2 and parts[0].lower() == SERVICE_TYPE:
            requested = parts[1].strip()
    if requested is None:
        raise _unsupported(
            "the %s header must have the form '%s X.Y', not '%s'"
            % (HEADER, SERVICE_TYPE, value))
    if requested.lower() == 'latest':
        return MAX_VERSION
    try:
        version = Version.parse(requested)
    except ValueError:
        raise _unsupported("'%s' is not a version of the form X.Y"
                           % requested)
    if not MIN_VERSION <= version <= MAX_VERSION:
        raise _unsupported(
            'version %s is not supported; the supported range is %s to %s'
            % (version, MIN_VERSION, MAX_VERSION))
    return version


def response_headers(version):
    """Return the version headers that every response carries."""
    headers = [
        (MIN_HEADER, '%s %s' % (SERVICE_TYPE, MIN_VERSION)),
        (MAX_HEADER, '%s %s' % (SERVICE_TYPE, MAX_VERSION)),
        ('Vary', HEADER),
    ]
    if version is not None:
        headers.append((HEADER, '%s %s' % (SERVICE_TYPE, version)))
    return headers
