"""Network actions on one container, and its security groups.

network_attach (1.8), network_detach (1.6, ``port`` from 1.17) and
network_list (1.13, reshaped in 1.18) work with any network driver.
add_security_group and remove_security_group exist up to 1.14, as in Zun;
they need a network driver with security groups.
"""

import ipaddress

import pecan

from zun.api import validation
from zun.api.controllers import base
from zun.api.controllers.v1 import actions
from zun.api.controllers.v1 import lookup
from zun.api.schemas import containers as schema
from zun.api.views import networks as view
from zun.common import exception
from zun.network import driver as networks

# Maximum length of a network name or ID, or of a port ID, in a request.
MAX_IDENT_LENGTH = 255


def _invalid(field, detail):
    return exception.InvalidParameterValue(field=field, detail=detail)


def _ident(params, field):
    """Return a network or port name from the request, or None."""
    value = params.get(field)
    if value is None or value == '':
        return None
    if not isinstance(value, str):
        raise _invalid(field, 'must be a string')
    if len(value) > MAX_IDENT_LENGTH:
        raise _invalid(field, 'must be at most %d characters long'
                       % MAX_IDENT_LENGTH)
    return value


def _network_or_port(params):
    """Return (network, port) of a request that names exactly one."""
    network = _ident(params, 'network')
    port = _ident(params, 'port')
    if network and port:
        raise _invalid('port', 'cannot be combined with network; give one '
                               'of them')
    if not network and not port:
        raise _invalid('network', 'is required, unless port is given')
    return network, port


def _parse_attach(params):
    network, port = _network_or_port(params)
    fixed_ip = _ident(params, 'fixed_ip')
    if fixed_ip is not None:
        if not network:
            raise _invalid('fixed_ip', 'needs network: the network that '
                                       'the address belongs to')
        try:
            fixed_ip = str(ipaddress.ip_address(fixed_ip))
        except ValueError:
            raise _invalid('fixed_ip', "'%s' is not an IPv4 or IPv6 "
                                       "address" % fixed_ip)
    networks.get_network_driver().check_requested_network(
        {'network': network, 'port': port}, '')
    return {'network': network, 'fixed_ip': fixed_ip}


def _network_of_port(container, port):
    network = networks.get_network_driver().find_port(container, port)
    if network is None:
        raise exception.ContainerPortNotFound(container=container.uuid,
                                              port=port)
    return network


class NetworkActions:
    """Mixin of ContainersController with the network actions."""

    CUSTOM_ACTIONS = {
        'network_attach': ['POST'],
        'network_detach': ['POST'],
        'network_list': ['GET'],
        'add_security_group': ['POST'],
        'remove_security_group': ['POST'],
    }

    @pecan.expose('json')
    def network_attach(self, container_ident=None, **kwargs):
        base.require_version('network_attach', '1.8')

        def send(context, container, params):
            network = params['network']
            if network in (container.addresses or {}):
                raise exception.NetworkAlreadyAttached(
                    container=container.uuid, network=network)
            base.compute_api().network_attach(context, container, network,
                                              params['fixed_ip'])

        actions.run(container_ident, 'network_attach',
                    'container:network_attach', schema.NETWORK_ATTACH_QUERY,
                    send, parse=_parse_attach)
        # Zun returns 200 here, while its api-ref documents 202.
        pecan.response.status = 200

    @pecan.expose('json')
    def network_detach(self, container_ident=None, **kwargs):
        base.require_version('network_detach', '1.6')
        version = base.version()

        def parse(params):
            if _ident(params, 'port') and version < '1.17':
                raise exception.InvalidParamInVersion(
                    field='port', version=version, min_version='1.17')
            network, port = _network_or_port(params)
            return {'network': network, 'port': port}

        def send(context, container, params):
            network = (params['network']
                       or _network_of_port(container, params['port']))
            base.compute_api().network_detach(context, container, network)

        actions.run(container_ident, 'network_detach',
                    'container:network_detach', schema.NETWORK_DETACH_QUERY,
                    send, parse=parse)

    @pecan.expose('json')
    def network_list(self, container_ident=None, **kwargs):
        base.require_version('network_list', '1.13')
        if container_ident is None:
            pecan.abort(404)
        context = base.context()
        params = validation.query_params(pecan.request,
                                         schema.NETWORK_LIST_QUERY)
        container = lookup.get_container(context, container_ident, params,
                                         'container:get_one_all_projects')
        context.can('container:network_list',
                    lookup.policy_target(container))
        return view.format_network_list(container.addresses,
                                        base.version())

    @staticmethod
    def _security_group_request(ident, action):
        """Return (context, container, name) after the request's checks."""
        base.require_version(action, '1.1', '1.14')
        if ident is None:
            pecan.abort(404)
        context = base.context()
        params = actions.action_params(schema.SECURITY_GROUP_QUERY)
        name = _ident(params, 'name')
        if name is None:
            raise _invalid('name', 'is required: the security group')
        container = lookup.get_container(context, ident, params,
                                         'container:get_one_all_projects')
        context.can('container:%s' % action, lookup.policy_target(container))
        return context, container, name

    @pecan.expose('json')
    def add_security_group(self, container_ident=None, **kwargs):
        context, container, name = self._security_group_request(
            container_ident, 'add_security_group')
        networks.get_network_driver().add_security_group(context, container,
                                                         name)
        pecan.response.status = 202

    @pecan.expose('json')
    def remove_security_group(self, container_ident=None, **kwargs):
        context, container, name = self._security_group_request(
            container_ident, 'remove_security_group')
        networks.get_network_driver().remove_security_group(
            context, container, name)
        pecan.response.status = 202
