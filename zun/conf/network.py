"""Options of container networking, in the [network] group."""

from oslo_config import cfg

network_group = cfg.OptGroup(
    name='network',
    title='Options for container networks')

network_opts = [
    cfg.StrOpt(
        'driver',
        default='docker',
        help="""
Network driver that zun-api and zun-compute load.

Possible values:

* ``docker``: networks of the Docker engine on each compute host, such as
  its default ``bridge`` network and networks made with
  ``docker network create``. Ports and security groups are not available;
  they need a Neutron network driver.
* The name of any other entry point in the ``zun.network.driver``
  namespace.

zun-api and every zun-compute of one deployment must use the same driver.
"""),
    cfg.StrOpt(
        'default_network',
        default='bridge',
        help="""
Engine network that a container joins when its create request has no
``nets``.

Possible values:

* The name or ID of a network of the engine on every compute host.

Related options:

* ``driver``: this option applies to the ``docker`` driver.
"""),
    cfg.IPOpt(
        'exposed_ports_host_ip',
        default='127.0.0.1',
        help="""
Host address on which the ``exposed_ports`` of a container are published.

The engine picks a free host port for each exposed port when the container
starts; the container's ``ports`` field shows it.

Possible values:

* An IPv4 or IPv6 address of the compute host. ``0.0.0.0`` publishes on
  every IPv4 interface, which makes the ports reachable from other
  machines.
"""),
]


def register_opts(conf):
    conf.register_group(network_group)
    conf.register_opts(network_opts, group=network_group)


def list_opts():
    return {network_group: network_opts}
