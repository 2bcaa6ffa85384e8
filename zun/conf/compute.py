"""Options of the compute service, in the [compute] group."""

from oslo_config import cfg

compute_group = cfg.OptGroup(
    name='compute',
    title='Options for the zun-compute service')

compute_opts = [
    cfg.StrOpt(
        'topic',
        default='zun-compute',
        help="""
oslo.messaging topic on which zun-compute listens for RPC requests.

Every zun-api and zun-compute of one deployment must use the same topic.
"""),
    cfg.IntOpt(
        'reserved_host_memory_mb',
        default=512,
        min=0,
        help="""
Memory of the host, in MiB, that containers never get.

The scheduler subtracts it from the host's total memory before it places
containers there.
"""),
    cfg.FloatOpt(
        'ram_allocation_ratio',
        default=1.5,
        min=0.1,
        help="""
Memory overcommit ratio of a compute host.

The scheduler lets the sum of the memory limits of the containers on a host
reach (total memory - reserved_host_memory_mb) times this ratio.
"""),
    cfg.IntOpt(
        'sync_container_state_interval',
        default=10,
        min=1,
        help="""
Interval, in seconds, between two passes that copy container states from the
engine into the database.

Each pass makes one list call to the engine, whatever the number of
containers.
"""),
    cfg.IntOpt(
        'update_resources_interval',
        default=60,
        min=1,
        help="""
Interval, in seconds, between two reports of the host's CPU, memory and disk
into its compute node record.
"""),
    cfg.IntOpt(
        'commit_timeout',
        default=300,
        min=1,
        help="""
Time limit, in seconds, for committing a container to an image.

zun-api waits this long for zun-compute to reply to a commit request,
which takes longer the more the container changed its file system. The
request fails after that time, although the commit may still finish on the
host.
"""),
    cfg.IntOpt(
        'rpc_workers',
        default=32,
        min=1,
        help="""
Number of threads that run RPC requests in zun-compute.

A long request, such as creating a container from an image that has to be
pulled, occupies one thread until it finishes.
"""),
]


def register_opts(conf):
    conf.register_group(compute_group)
    conf.register_opts(compute_opts, group=compute_group)


def list_opts():
    return {compute_group: compute_opts}
