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
