"""Host filters of the scheduler.

Each filter gets a HostState and the container and returns whether the
host may receive the container.
"""

from oslo_config import cfg

CONF = cfg.CONF


class HostState:
    """What the scheduler knows of one compute host."""

    def __init__(self, service, node, allocated_memory):
        self.service = service
        self.node = node
        self.host = service.host
        # MiB of memory promised to the containers already on the host.
        self.allocated_memory = allocated_memory

    @property
    def free_memory(self):
        """MiB of memory that new containers may still get."""
        if self.node is None:
            return 0
        usable = max(self.node.mem_total
                     - CONF.compute.reserved_host_memory_mb, 0)
        return int(usable * CONF.compute.ram_allocation_ratio
                   - self.allocated_memory)


class BaseFilter:
    """A host filter; subclasses implement host_passes."""

    def host_passes(self, host_state, container):
        raise NotImplementedError()

    def reason(self, container):
        """Return why no host passed this filter."""
        raise NotImplementedError()


class ComputeFilter(BaseFilter):
    """Pass hosts whose zun-compute is enabled and alive."""

    def host_passes(self, host_state, container):
        service = host_state.service
        return not service.disabled and service.is_up()

    def reason(self, container):
        return 'no enabled zun-compute service is up'


class AvailabilityZoneFilter(BaseFilter):
    """Pass hosts in the container's availability zone, if it has one."""

    def host_passes(self, host_state, container):
        zone = container.availability_zone
        return not zone or host_state.service.availability_zone == zone

    def reason(self, container):
        return 'no host is in availability zone %s' % (
            container.availability_zone)


class RamFilter(BaseFilter):
    """Pass hosts with enough unallocated memory for the container."""

    def host_passes(self, host_state, container):
        return host_state.free_memory >= (container.memory or 0)

    def reason(self, container):
        return 'no host has %s MiB of memory free' % container.memory


class CpuFilter(BaseFilter):
    """Pass hosts with at least as many CPUs as the container asks for.

    The engine's CPU quota caps a container at the host's CPUs, so a
    larger request could never be met.
    """

    def host_passes(self, host_state, container):
        if host_state.node is None:
            return False
        cpu = container.cpu if container.obj_attr_is_set('cpu') else None
        return (cpu or 0) <= host_state.node.cpus

    def reason(self, container):
        return 'no host has %s CPUs' % container.cpu
