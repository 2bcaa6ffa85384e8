"""Response view of network_list."""

# First microversion with one entry per port and a list of fixed IPs.
PORT_VIEW_VERSION = '1.18'


def _port_view(network_id, entries):
    """Return the entries of one network, one per port, as from 1.18."""
    if not entries:
        # The network has no address now, as when the container does not
        # run, so it has no port to show either.
        return [{'net_id': network_id, 'port_id': None, 'fixed_ips': []}]
    ports = {}
    for entry in entries:
        fixed_ips = ports.setdefault(entry.get('port'), [])
        fixed_ips.append({'ip_address': entry.get('addr'),
                          'version': entry.get('version'),
                          'subnet_id': entry.get('subnet_id')})
    return [{'net_id': network_id, 'port_id': port_id,
             'fixed_ips': fixed_ips}
            for port_id, fixed_ips in ports.items()]


def _address_view(network_id, entries):
    """Return the entries of one network, one per address, as before 1.18."""
    return [{'net_id': network_id,
             'port_id': entry.get('port'),
             'subnet_id': entry.get('subnet_id'),
             'version': entry.get('version'),
             'ip_address': entry.get('addr')}
            for entry in entries]


def format_network_list(addresses, version):
    """Return the network_list body for a container's ``addresses``."""
    view = _port_view if version >= PORT_VIEW_VERSION else _address_view
    networks = []
    for network_id, entries in sorted((addresses or {}).items()):
        networks.extend(view(network_id, entries or []))
    return {'networks': networks}
