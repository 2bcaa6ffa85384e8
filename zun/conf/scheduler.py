"""Options of the scheduler that runs inside zun-api, in [scheduler]."""

from oslo_config import cfg

scheduler_group = cfg.OptGroup(
    name='scheduler',
    title='Options for choosing a compute host')

scheduler_opts = [
    cfg.ListOpt(
        'enabled_filters',
        default=['ComputeFilter', 'AvailabilityZoneFilter', 'RamFilter',
                 'CpuFilter'],
        help="""
Filters that a compute host must pass to receive a container, in order.

Possible values:

* ``ComputeFilter``: the zun-compute service is enabled and has reported
  within ``service_down_time``.
* ``AvailabilityZoneFilter``: the host is in the requested availability zone.
* ``RamFilter``: the host has enough unallocated memory, see
  ``[compute] ram_allocation_ratio``.
* ``CpuFilter``: the host has at least as many CPUs as the container
  requests.
"""),
]


def register_opts(conf):
    conf.register_group(scheduler_group)
    conf.register_opts(scheduler_opts, group=scheduler_group)


def list_opts():
    return {scheduler_group: scheduler_opts}
