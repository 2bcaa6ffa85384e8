"""Checks of a websocket handshake before the proxy opens a session.

A handshake opens a session only when its Origin is allowed, its token is
valid for the container (and exec) in the URL, and the container runs on
this proxy's host. Each failed check raises a zun exception whose message
the client receives with the HTTP status of its family.
"""

from urllib import parse

from oslo_config import cfg

from zun.common import consts
from zun.common import exception
from zun.objects import container as container_obj
from zun.objects import exec_instance
from zun.websocket import tokens

CONF = cfg.CONF

# Query parameters of a proxy URL.
QUERY_PARAMS = ('token', 'uuid', 'exec_id')


class Target:
    """The session that a handshake opens: an attach or an exec.

    :ivar container: the Container.
    :ivar exec_id: the engine's ID of the exec, or None to attach.
    """

    def __init__(self, container, exec_id):
        self.container = container
        self.exec_id = exec_id

    def describe(self):
        if self.exec_id is None:
            return 'attach to container %s' % self.container.uuid
        return 'exec %s of container %s' % (self.exec_id,
                                            self.container.uuid)


def parse_query(path):
    """Return the proxy's query parameters of a request path.

    :raises InvalidParameterValue: for a parameter given more than once.
    """
    query = parse.urlsplit(path).query
    params = {}
    for name, value in parse.parse_qsl(query, keep_blank_values=True):
        if name not in QUERY_PARAMS:
            continue
        if name in params:
            raise exception.InvalidParameterValue(
                field=name, detail='is given more than once; give it once')
        params[name] = value
    return params


def _host_name(netloc):
    """Return the lowercase host name of ``host[:port]``, or None."""
    try:
        return parse.urlsplit('//' + netloc).hostname if netloc else None
    except ValueError:
        return None


def expected_origin_scheme(base_url):
    """Return the Origin scheme of pages that use ``base_url``."""
    return 'https' if base_url.lower().startswith('wss:') else 'http'


def check_origin(origin, host_header):
    """Reject an Origin that is not this proxy's host or an allowed one.

    Browsers send the origin of the page that opens the websocket. A
    handshake without Origin comes from a client that is not a browser,
    which a cross-site page cannot control, so it passes.
    :raises WebsocketOriginRejected: for a host name that is neither the
        Host header's nor in ``[websocket_proxy] allowed_origins``, or a
        scheme that does not match ``base_url``.
    """
    if origin is None:
        return
    scheme, _, netloc = origin.partition('://')
    hostname = _host_name(netloc)
    allowed = {_host_name(host_header)}
    allowed.update(name.strip().lower()
                   for name in CONF.websocket_proxy.allowed_origins)
    allowed.discard(None)
    if not hostname or hostname not in allowed:
        raise exception.WebsocketOriginRejected(
            origin=origin,
            reason='its host is neither the proxy host of the Host header '
                   'nor one of [websocket_proxy] allowed_origins')
    expected_scheme = expected_origin_scheme(CONF.websocket_proxy.base_url)
    if scheme.lower() != expected_scheme:
        raise exception.WebsocketOriginRejected(
            origin=origin,
            reason='the proxy serves %s pages only, as its base_url shows'
            % expected_scheme)


def _check_container(container, exec_id):
    if container.host != CONF.host:
        raise exception.ContainerNotOnThisHost(
            container=container.uuid, container_host=container.host,
            proxy_host=CONF.host)
    if exec_id is None and not container.interactive:
        raise exception.NoInteractiveFlag(container=container.uuid)
    if container.status != consts.RUNNING:
        action = 'attach to' if exec_id is None else 'start an exec in'
        raise exception.InvalidStateException(
            action=action, id=container.uuid,
            actual_state=container.status)


def authorize(context, params):
    """Use up the token of a handshake and return the session's Target.

    :param context: an admin context. The token is the caller's
        permission, which the API checked when it issued the token.
    :param params: the result of parse_query.
    :raises WebsocketTokenRejected: for a bad token.
    :raises ContainerNotFound, ExecInstanceNotFound: when the container
        or the exec is gone.
    :raises ContainerNotOnThisHost, NoInteractiveFlag,
        InvalidStateException: when the session cannot open here.
    """
    container_uuid = params.get('uuid')
    if not container_uuid:
        raise exception.InvalidParameterValue(
            field='uuid', detail='is required; use the URL that the API '
                                 'returned unchanged')
    exec_id = params.get('exec_id') or None
    tokens.consume(context, params.get('token'), container_uuid, exec_id)
    container = container_obj.Container.get_by_uuid(context, container_uuid)
    if exec_id is not None:
        exec_instance.ExecInstance.get(context, container_uuid, exec_id)
    _check_container(container, exec_id)
    return Target(container, exec_id)
