"""Network driver on the networks of the local Docker engine.

Containers join engine networks: the default ``bridge`` network and the
networks made with ``docker network create``, found by name or ID. The
networks belong to the engine of one compute host and are shared by every
project. There are no ports or security groups; requests for them get 400
with the reason.
"""

import functools
import ipaddress

from docker import errors as docker_errors
from oslo_config import cfg
from oslo_log import log as logging
import requests

from zun.common import exception
from zun.container.docker import client_pool
from zun.container.docker import networking
from zun.network import driver

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

# Engine network drivers whose networks a container may not join: ``host``
# shares the host's network stack and ``null`` has no network at all.
REJECTED_NETWORK_DRIVERS = ('host', 'null')

_NEEDS_NEUTRON = ('%s need the Neutron network driver, and this deployment '
                  "uses the '%s' network driver")


def _explanation(exc):
    return (getattr(exc, 'explanation', None) or str(exc)).strip()


def translate_errors(func):
    """Turn docker SDK errors into zun's domain exceptions.

    The engine returns 400 or 403 for a network or address it cannot use,
    such as a fixed IP on a network without a configured subnet.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except docker_errors.APIError as exc:
            if exc.status_code in (400, 403):
                raise exception.Invalid(detail=_explanation(exc))
            if exc.status_code == 404:
                raise exception.NotFound(_explanation(exc))
            if exc.status_code == 409:
                raise exception.ContainerEngineConflict(
                    detail=_explanation(exc))
            raise exception.DockerError(error_msg=_explanation(exc))
        except docker_errors.DockerException as exc:
            raise exception.DockerError(error_msg=str(exc))
        except requests.exceptions.RequestException as exc:
            raise exception.DockerError(
                error_msg='cannot reach the Docker engine at %s: %s'
                % (CONF.docker.api_url, exc))
    return wrapper


def _fixed_ip_arguments(fixed_ip, field):
    """Return the engine's connect arguments for one fixed IP address."""
    if not fixed_ip:
        return {}
    try:
        address = ipaddress.ip_address(fixed_ip)
    except ValueError:
        raise exception.InvalidParameterValue(
            field=field, detail="'%s' is not an IP address" % fixed_ip)
    if address.version == 4:
        return {'ipv4_address': str(address)}
    return {'ipv6_address': str(address)}


def _keep_connected(connected, resolved):
    """Return the names of connected networks that need no reconnection.

    Only the first requested network qualifies, when the container is on
    it already and no fixed address is requested, so that the container
    still joins the networks in the requested order.
    :param connected: {name: endpoint} of the container's inspect.
    :param resolved: [(network inspect, request)] of the requested networks.
    """
    if not resolved:
        return set()
    network, request = resolved[0]
    fixed = request.get('v4-fixed-ip') or request.get('v6-fixed-ip')
    if network['Name'] in connected and not fixed:
        return {network['Name']}
    return set()


class DockerNetworkDriver(driver.NetworkDriver):
    """Connects containers to networks of the local Docker engine."""

    name = 'docker'

    def __init__(self):
        self._pool = client_pool.ClientPool(client_pool.new_client)

    def _client(self):
        return self._pool.client()

    # --- checks in zun-api

    def check_requested_network(self, request, field_prefix):
        if request.get('port'):
            raise exception.InvalidParameterValue(
                field=field_prefix + 'port',
                detail=(_NEEDS_NEUTRON % ('ports', self.name))
                + '; request a network instead')

    def check_security_groups(self, names, field):
        if names:
            raise exception.InvalidParameterValue(
                field=field,
                detail=_NEEDS_NEUTRON % ('security groups', self.name))

    def find_port(self, container, port):
        for network_id in container.addresses or {}:
            if networking.port_id(container.uuid, network_id) == port:
                return network_id
        return None

    def add_security_group(self, context, container, name):
        self.check_security_groups([name], 'name')

    def remove_security_group(self, context, container, name):
        self.check_security_groups([name], 'name')

    # --- work in zun-compute

    @staticmethod
    def _find(client, ident):
        """Return the engine's inspect of the network named ``ident``."""
        try:
            network = client.inspect_network(ident)
        except docker_errors.NotFound:
            raise exception.NetworkNotFound(network=ident, host=CONF.host)
        if network.get('Driver') in REJECTED_NETWORK_DRIVERS:
            raise exception.InvalidParameterValue(
                field='network',
                detail="network '%s' uses the engine's %s driver, which "
                       "containers of this service may not join; use a "
                       "bridge network" % (ident, network['Driver']))
        return network

    def _update_addresses(self, client, container):
        info = client.inspect_container(container.container_id)
        self._set_addresses(client, container, info)

    @staticmethod
    def _set_addresses(client, container, info):
        addresses = networking.addresses_from_inspect(
            container.uuid, info,
            lambda name: networking.network_id(client, name))
        container.addresses = addresses or {}

    @staticmethod
    def _is_connected(client, container, network):
        info = client.inspect_container(container.container_id)
        for name, endpoint in (networking.connected_networks(info)
                               or {}).items():
            if name == network['Name'] or (
                    (endpoint or {}).get('NetworkID') == network['Id']):
                return True
        return False

    def _resolve(self, client, requested_networks):
        """Return [(network inspect, request)], rejecting a repeat."""
        requested = requested_networks or [
            {'network': CONF.network.default_network}]
        resolved = []
        for index, request in enumerate(requested):
            network = self._find(client, request['network'])
            if any(seen['Id'] == network['Id'] for seen, _ in resolved):
                raise exception.InvalidParameterValue(
                    field='nets[%d].network' % index,
                    detail="network '%s' is requested more than once"
                    % request['network'])
            resolved.append((network, request))
        return resolved

    @translate_errors
    def connect_requested_networks(self, context, container,
                                   requested_networks):
        with self._client() as client:
            resolved = self._resolve(client, requested_networks)
            target = container.container_id
            info = client.inspect_container(target)
            # The engine put the new container on its default network. A
            # requested network that it is on already, with no fixed
            # address requested, stays as it is. The others are removed.
            connected = networking.connected_networks(info) or {}
            unchanged = _keep_connected(connected, resolved)
            for name in connected:
                if name not in unchanged:
                    client.disconnect_container_from_network(target, name)
            for index, (network, request) in enumerate(resolved):
                if network['Name'] in unchanged:
                    continue
                arguments = {}
                for key in ('v4-fixed-ip', 'v6-fixed-ip'):
                    arguments.update(_fixed_ip_arguments(
                        request.get(key), 'nets[%d].%s' % (index, key)))
                client.connect_container_to_network(target, network['Id'],
                                                    **arguments)
                LOG.info('Connected container %s to network %s (%s)',
                         container.uuid, network['Name'], network['Id'])
            if unchanged == set(connected) == {
                    network['Name'] for network, _ in resolved}:
                self._set_addresses(client, container, info)
            else:
                self._update_addresses(client, container)

    @translate_errors
    def attach_network(self, context, container, network, fixed_ip):
        with self._client() as client:
            found = self._find(client, network)
            if self._is_connected(client, container, found):
                raise exception.NetworkAlreadyAttached(
                    container=container.uuid, network=network)
            client.connect_container_to_network(
                container.container_id, found['Id'],
                **_fixed_ip_arguments(fixed_ip, 'fixed_ip'))
            LOG.info('Attached container %s to network %s (%s)',
                     container.uuid, found['Name'], found['Id'])
            self._update_addresses(client, container)

    @translate_errors
    def detach_network(self, context, container, network):
        with self._client() as client:
            found = self._find(client, network)
            if not self._is_connected(client, container, found):
                raise exception.NetworkNotAttached(
                    container=container.uuid, network=network)
            client.disconnect_container_from_network(
                container.container_id, found['Id'])
            LOG.info('Detached container %s from network %s (%s)',
                     container.uuid, found['Name'], found['Id'])
            self._update_addresses(client, container)
