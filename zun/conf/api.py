"""Options of the REST API service, in the [api] group."""

from oslo_config import cfg

api_group = cfg.OptGroup(
    name='api',
    title='Options for the zun-api service')

api_opts = [
    cfg.HostAddressOpt(
        'host_ip',
        default='127.0.0.1',
        help="""
IP address or host name on which zun-api listens.

Possible values:

* An IPv4 or IPv6 address, or a host name. ``0.0.0.0`` listens on every
  IPv4 interface.
"""),
    cfg.PortOpt(
        'port',
        default=9517,
        help='TCP port on which zun-api listens.'),
    cfg.IntOpt(
        'workers',
        min=1,
        help="""
Number of zun-api worker processes.

Possible values:

* Unset: one worker per CPU.
* A positive integer.

Each worker serves requests with ``max_threads`` threads.
"""),
    cfg.IntOpt(
        'compute_call_timeout',
        default=60,
        min=1,
        help="""
Time, in seconds, that zun-api waits for zun-compute to answer a synchronous
request on a container, such as logs, top or stats.

An execute request waits ``[docker] execute_timeout`` seconds longer. When the
time runs out, the caller gets a 503 error.
"""),
    cfg.IntOpt(
        'max_threads',
        default=16,
        min=1,
        help='Number of threads that serve requests in each API worker.'),
    cfg.IntOpt(
        'client_socket_timeout',
        default=30,
        min=1,
        help="""
Time, in seconds, that zun-api waits for a client to send the next part
of its request before it closes the connection.

Each request that is still arriving holds one of the ``max_threads``
threads of a worker, so a short timeout limits how long slow clients can
hold them. Behind a proxy that buffers requests, the value matters less.
"""),
    cfg.IntOpt(
        'backlog',
        default=128,
        min=1,
        help="""
Number of connections that the kernel queues for a worker before the
worker accepts them.

Connections beyond it are refused, which clients see as resets during a
burst of requests.
"""),
    cfg.IntOpt(
        'max_limit',
        default=1000,
        min=1,
        help="""
Maximum number of items that one list request returns.

A larger ``limit`` in a request is lowered to this value; a client pages
through longer lists with the ``next`` link.
"""),
    cfg.StrOpt(
        'api_paste_config',
        default='api-paste.ini',
        help="""
Paste deployment file that defines the zun-api middleware pipeline.

A relative path is looked up next to the configuration files and in
``etc/zun`` of the installed package.
"""),
    cfg.StrOpt(
        'auth_strategy',
        default='keystone',
        choices=[
            ('keystone', 'Validate tokens with keystonemiddleware auth_token; '
                         'configure it in [keystone_authtoken].'),
            ('noauth', 'Accept every request without a token, as an '
                       'administrator; for a single machine on loopback '
                       'only.'),
        ],
        help='How zun-api authenticates requests.'),
    cfg.IntOpt(
        'max_request_body_size',
        default=16 * 1024 * 1024,
        min=1024,
        help="""
Maximum size of a request body, in bytes.

A larger body gets 413 before the API parses it. Files injected with bind
mounts travel base64-encoded in the create request, which makes them about
a third larger than on disk.
"""),
    cfg.IntOpt(
        'max_archive_size',
        default=10 * 1024 * 1024,
        min=1024,
        help="""
Maximum size, in bytes, of a tar archive that put_archive accepts and
get_archive returns.

A larger upload gets 413 and a larger download 400, each with the limit in
the message. From microversion 1.25 the archive travels base64-encoded in a
JSON body, which makes it about a third larger, so the API uses the smaller
of this value and the largest archive whose encoded form fits in
``max_request_body_size``. Before 1.25 the archive travels as JSON text, in
which each NUL byte takes six bytes, so an upload may reach
``max_request_body_size`` first.

Related options:

* ``max_request_body_size``
"""),
]


def register_opts(conf):
    conf.register_group(api_group)
    conf.register_opts(api_opts, group=api_group)


def list_opts():
    return {api_group: api_opts}
