"""Options of the Docker container driver, in the [docker] group."""

from oslo_config import cfg

docker_group = cfg.OptGroup(
    name='docker',
    title='Options for the Docker container driver')

docker_opts = [
    cfg.StrOpt(
        'api_url',
        default='unix:///var/run/docker.sock',
        help="""
Address of the Docker engine API.

Possible values:

* ``unix:///path/to/docker.sock``
* ``tcp://host:port``
"""),
    cfg.StrOpt(
        'docker_remote_api_version',
        default='auto',
        help="""
Docker engine API version that the driver speaks.

``auto`` negotiates the highest version that both sides support.
"""),
    cfg.IntOpt(
        'default_timeout',
        default=60,
        min=1,
        help="""
Timeout, in seconds, of one request to the Docker engine.

Stopping a container waits for the container's own stop timeout on top of
this value.
"""),
    cfg.IntOpt(
        'execute_timeout',
        default=30,
        min=1,
        help="""
Time limit, in seconds, of a command that the execute API runs to completion
(``run=true``).

When a command runs longer, zun-compute kills it (on an engine reached through
a local unix socket) and the caller gets a 409 error. Until then the command
holds one zun-api thread and one zun-compute thread, so the limit keeps a few
slow commands from tying up the API. Zun's default is 5 seconds; 30 leaves room
for short package or file queries. Longer commands belong in an interactive
exec.

zun-api waits ``[api] compute_call_timeout`` seconds longer than this for the
answer, so set the same value for zun-api and zun-compute.
"""),
    cfg.StrOpt(
        'docker_data_root',
        default='/var/lib/docker',
        help="""
Data directory of the Docker engine.

zun-compute reports the size of the file system that holds it as the host's
disk.
"""),
]


def register_opts(conf):
    conf.register_group(docker_group)
    conf.register_opts(docker_opts, group=docker_group)


def list_opts():
    return {docker_group: docker_opts}
