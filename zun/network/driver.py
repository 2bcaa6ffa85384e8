"""The network driver interface, and the loader of the configured driver.

A network driver connects containers to networks. Part of it runs in
zun-api, where it checks a request before anything is recorded, and part
in zun-compute, next to the container engine of the container's host.
"""

import abc
import threading

from oslo_config import cfg
from oslo_log import log as logging
from stevedore import driver as stevedore_driver

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

NAMESPACE = 'zun.network.driver'

_DRIVER = None
_LOCK = threading.Lock()


def load_network_driver(name=None):
    """Load the driver named by ``[network] driver`` (or ``name``)."""
    name = name or CONF.network.driver
    LOG.info('Loading network driver %s', name)
    manager = stevedore_driver.DriverManager(NAMESPACE, name,
                                             invoke_on_load=True)
    return manager.driver


def get_network_driver():
    """Return the process's network driver, loading it on first use."""
    global _DRIVER
    with _LOCK:
        if _DRIVER is None:
            _DRIVER = load_network_driver()
        return _DRIVER


def reset():
    """Forget the loaded driver, so that the next use loads it again."""
    global _DRIVER
    with _LOCK:
        _DRIVER = None


class NetworkDriver(abc.ABC):
    """Interface of a network driver.

    The ``addresses`` of a container map a network ID to a list of
    ``{"addr", "version", "port", "subnet_id", "preserve_on_delete"}``
    entries, one per IP address, as in Zun.
    """

    #: Name of the driver in messages, such as ``docker``.
    name = None

    # --- checks in zun-api

    @abc.abstractmethod
    def check_requested_network(self, request, field_prefix):
        """Reject one requested network that this driver cannot provide.

        :param request: a dict with ``network`` or ``port``, and optionally
            ``v4-fixed-ip`` and ``v6-fixed-ip``, as in a ``nets`` entry.
        :param field_prefix: prefix of the field names in messages, such
            as ``nets[0].``.
        :raises InvalidParameterValue: naming the field and the reason.
        """

    @abc.abstractmethod
    def check_security_groups(self, names, field):
        """Reject security groups that this driver cannot apply.

        :param names: the requested security group names; may be empty.
        :param field: the field name in messages.
        :raises InvalidParameterValue: naming the field and the reason.
        """

    @abc.abstractmethod
    def find_port(self, container, port):
        """Return the ID of the network of ``container`` that has ``port``.

        :param port: a port ID, as the ``port`` of an address shows it.
        :returns: the network ID, or None when the container has no such
            port.
        """

    @abc.abstractmethod
    def add_security_group(self, context, container, name):
        """Add the security group ``name`` to ``container``.

        Runs in zun-api after the policy check.
        :raises InvalidParameterValue: when the driver has no security
            groups.
        """

    @abc.abstractmethod
    def remove_security_group(self, context, container, name):
        """Remove the security group ``name`` from ``container``.

        Runs in zun-api after the policy check.
        :raises InvalidParameterValue: when the driver has no security
            groups.
        """

    # --- work in zun-compute, on the container's host

    @abc.abstractmethod
    def connect_requested_networks(self, context, container,
                                   requested_networks):
        """Connect a newly created container to the networks it requested.

        The container exists on the engine and has not started. Any
        network that the engine connected it to by default and that it did
        not request is disconnected. The driver sets the container's
        ``addresses``; the caller saves them.

        :param requested_networks: a list of dicts with ``network`` and
            optionally ``v4-fixed-ip`` and ``v6-fixed-ip``. An empty list
            or None means the driver's default network.
        :raises NetworkNotFound: when a requested network does not exist.
        :raises Invalid: when the engine rejects a network or an address.
        """

    @abc.abstractmethod
    def attach_network(self, context, container, network, fixed_ip):
        """Connect ``container`` to one more network.

        :param network: name or ID of the network.
        :param fixed_ip: an IPv4 or IPv6 address for the container on
            that network, or None for one the network assigns.
        :raises NetworkNotFound: when the network does not exist.
        :raises NetworkAlreadyAttached: when the container is already
            connected to it.
        :raises Invalid: when the engine rejects the network or address.
        """

    @abc.abstractmethod
    def detach_network(self, context, container, network):
        """Disconnect ``container`` from a network.

        :param network: name or ID of the network.
        :raises NetworkNotFound: when the network does not exist.
        :raises NetworkNotAttached: when the container is not connected
            to it.
        """
