"""Options of the websocket proxy, in the [websocket_proxy] group.

zun-wsproxy (or the proxy inside zun-all) relays attach and interactive
exec sessions between websocket clients and the container engine of its
own host.
"""

from oslo_config import cfg

websocket_proxy_group = cfg.OptGroup(
    name='websocket_proxy',
    title='Options for the zun-wsproxy websocket proxy')

websocket_proxy_opts = [
    cfg.HostAddressOpt(
        'wsproxy_host',
        default='127.0.0.1',
        help="""
IP address or host name on which the websocket proxy listens.

Possible values:

* An IPv4 or IPv6 address, or a host name. ``0.0.0.0`` listens on every
  IPv4 interface.
"""),
    cfg.PortOpt(
        'wsproxy_port',
        default=6784,
        help='TCP port on which the websocket proxy listens.'),
    cfg.URIOpt(
        'base_url',
        default='ws://$wsproxy_host:$wsproxy_port/',
        schemes=['ws', 'wss'],
        help="""
URL of this host's websocket proxy as clients reach it.

zun-compute returns it to zun-api, which adds the query parameters
``token``, ``uuid`` and, for an exec, ``exec_id`` and hands the result to
the client. Each compute host sets the URL of the proxy that runs next to
it, because a proxy only serves the containers of its own host.

Possible values:

* A ``ws://`` URL, or a ``wss://`` URL when the proxy (or a reverse proxy in
  front of it) serves TLS. The path is free; the proxy ignores it.

Related options:

* ``wsproxy_host``, ``wsproxy_port``: used in the default value.
* ``cert``, ``key``: TLS of the proxy itself.
"""),
    cfg.ListOpt(
        'allowed_origins',
        default=[],
        help="""
Host names that may appear in the ``Origin`` header of a websocket
handshake, besides the host name of the ``Host`` header.

Browsers send ``Origin``; a handshake whose origin is not allowed is
rejected, which stops other web sites from opening sessions with a token
that leaked to them. The origin's scheme must also match ``base_url``:
``http`` for ``ws://`` and ``https`` for ``wss://``. A handshake without
``Origin``, as command-line clients may send it, is accepted.

Possible values:

* A list of host names, such as ``dashboard.example.com``.
"""),
    cfg.IntOpt(
        'token_lifetime',
        default=120,
        min=1,
        help="""
Time, in seconds, during which the URL that attach or an interactive
execute returns can open a session.

Each URL carries a token that opens one session. After this time, or once
used, the token is rejected, and the client requests a new URL.
"""),
    cfg.StrOpt(
        'cert',
        help="""
Path of the TLS certificate (PEM) that the proxy serves.

When ``cert`` is set, the proxy accepts only TLS connections (``wss://``),
and ``base_url`` should use ``wss://``.

Related options:

* ``key``: the certificate's private key, when the certificate file does
  not contain it.
"""),
    cfg.StrOpt(
        'key',
        help="""
Path of the private key (PEM) of ``cert``.

Unset when ``cert`` contains the key as well.
"""),
]


def register_opts(conf):
    conf.register_group(websocket_proxy_group)
    conf.register_opts(websocket_proxy_opts, group=websocket_proxy_group)


def list_opts():
    return {websocket_proxy_group: websocket_proxy_opts}
