"""Container defaults and limits, in the [DEFAULT] group."""

from oslo_config import cfg

container_opts = [
    cfg.StrOpt(
        'container_driver',
        default='docker',
        help="""
Container driver that zun-compute loads.

Possible values:

* ``docker``: run containers on the local Docker engine.
* The name of any other entry point in the ``zun.container.driver``
  namespace.
"""),
    cfg.IntOpt(
        'default_memory',
        default=512,
        min=1,
        help='Memory limit, in MiB, of a container created without one.'),
    cfg.IntOpt(
        'minimum_memory',
        default=6,
        min=1,
        help="""
Smallest memory limit, in MiB, that a container may request.

The Docker engine rejects limits below 6 MiB, so a lower value only moves the
error from the API to the container's status_reason.
"""),
    cfg.IntOpt(
        'maximum_memory',
        default=8192,
        min=1,
        help='Largest memory limit, in MiB, that a container may request.'),
    cfg.FloatOpt(
        'default_cpu',
        default=1.0,
        min=0.01,
        help='Number of CPUs that a container created without ``cpu`` gets.'),
    cfg.FloatOpt(
        'minimum_cpus',
        default=0.1,
        min=0.01,
        help='Smallest number of CPUs that a container may request.'),
    cfg.FloatOpt(
        'maximum_cpus',
        default=16.0,
        min=0.01,
        help='Largest number of CPUs that a container may request.'),
    cfg.IntOpt(
        'minimum_disk',
        default=1,
        min=1,
        help='Smallest disk size, in GiB, that a container may request.'),
    cfg.IntOpt(
        'maximum_disk',
        default=160,
        min=1,
        help='Largest disk size, in GiB, that a container may request.'),
    cfg.StrOpt(
        'default_image_driver',
        default='docker',
        choices=[('docker', 'Pull images from a Docker registry.')],
        help='Image driver of a container created without ``image_driver``.'),
]


def register_opts(conf):
    conf.register_opts(container_opts)


def list_opts():
    return {'DEFAULT': container_opts}
