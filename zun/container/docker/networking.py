"""Network fields of a container from the Docker engine's data.

The engine has no Neutron ports or subnets, so the Zun-shaped
``addresses`` get stable stand-ins:

* the key is the engine's network ID;
* ``port`` is a UUID derived from the container UUID and the network ID,
  which stays the same across restarts, unlike the engine's endpoint ID;
* ``subnet_id`` is the CIDR of the address's subnet, such as
  ``172.18.0.0/16``;
* ``preserve_on_delete`` is always false.

A network without an address (the container is not running) maps to an
empty list. ``ports`` lists every port that the container exposes, as
``{"port", "protocol", "host_ip", "host_port"}``; the host fields are null
unless the port is published and the container runs.
"""

import ipaddress
import uuid

from docker import errors as docker_errors

# Namespace of the port IDs; changing it changes every port ID.
PORT_NAMESPACE = uuid.UUID('0b8e3f4e-5c1d-4f7a-9d2b-6a3c1e7f9b20')


def port_id(container_uuid, network_id):
    """Return the port ID of a container's endpoint on a network."""
    return str(uuid.uuid5(PORT_NAMESPACE,
                          '%s/%s' % (container_uuid, network_id)))


def network_id(client, name):
    """Return the ID of the engine network ``name``, or None if it is gone.

    :param client: a docker.APIClient.
    """
    try:
        return client.inspect_network(name)['Id']
    except docker_errors.NotFound:
        return None


def _subnet(address, prefix_length):
    if not prefix_length:
        return None
    return str(ipaddress.ip_interface(
        '%s/%s' % (address, prefix_length)).network)


def _address_entries(container_uuid, network_id, endpoint):
    port = port_id(container_uuid, network_id)
    entries = []
    for key, prefix_key, version in (
            ('IPAddress', 'IPPrefixLen', 4),
            ('GlobalIPv6Address', 'GlobalIPv6PrefixLen', 6)):
        address = endpoint.get(key)
        if address:
            entries.append({
                'addr': address,
                'version': version,
                'port': port,
                'subnet_id': _subnet(address, endpoint.get(prefix_key)),
                'preserve_on_delete': False,
            })
    return entries


def connected_networks(info):
    """Return {network name: endpoint} of an engine inspect of a container.

    :returns: None when the inspect has no network settings at all.
    """
    settings = info.get('NetworkSettings')
    if settings is None:
        return None
    return dict(settings.get('Networks') or {})


def addresses_from_inspect(container_uuid, info, network_id_of):
    """Return the ``addresses`` of a container from its engine inspect.

    :param network_id_of: callable(name) returning the ID of a network, or
        None when it is gone. The inspect of a container that never ran
        names its networks without their IDs.
    :returns: the addresses, or None when the inspect has no network
        settings.
    """
    networks = connected_networks(info)
    if networks is None:
        return None
    addresses = {}
    for name, endpoint in sorted(networks.items()):
        endpoint = endpoint or {}
        network_id = endpoint.get('NetworkID') or network_id_of(name)
        if network_id:
            addresses[network_id] = _address_entries(container_uuid,
                                                     network_id, endpoint)
    return addresses


def _split_port(spec):
    number, _, protocol = spec.partition('/')
    return int(number), protocol or 'tcp'


def exposed_port_list(exposed_ports):
    """Return the ``ports`` argument of the engine's container create.

    :param exposed_ports: the container's ``{"<port>/<protocol>": {}}``.
    """
    if not exposed_ports:
        return None
    return sorted(_split_port(spec) for spec in exposed_ports)


def port_bindings(exposed_ports, host_ip):
    """Return host config port bindings that publish every exposed port.

    Each port is published on ``host_ip`` at a host port that the engine
    picks when the container starts.
    """
    if not exposed_ports:
        return None
    return {'%d/%s' % _split_port(spec): (host_ip,)
            for spec in exposed_ports}


def ports_from_inspect(info):
    """Return the ``ports`` of a container from its engine inspect.

    :returns: the ports, or None when the inspect has no configuration.
    """
    config = info.get('Config')
    if config is None:
        return None
    published = (info.get('NetworkSettings') or {}).get('Ports') or {}
    ports = []
    for spec in sorted(config.get('ExposedPorts') or {}, key=_split_port):
        number, protocol = _split_port(spec)
        bindings = published.get(spec) or [{}]
        for binding in bindings:
            host_port = binding.get('HostPort')
            ports.append({
                'port': number,
                'protocol': protocol,
                'host_ip': binding.get('HostIp') or None,
                'host_port': int(host_port) if host_port else None,
            })
    return ports
