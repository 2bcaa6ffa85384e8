"""Periodic work of zun-compute: state sync and resource reports."""

from oslo_config import cfg
from oslo_log import log as logging

from zun.common import consts
from zun.common import context as zun_context
from zun.common import exception
from zun.objects import compute_node
from zun.objects import container as container_obj

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

# Statuses that belong to a step in progress, which the sync leaves alone.
_TRANSIENT = (consts.CREATING, consts.DELETING, consts.REBUILDING)


def _engine_values(container, engine_entry):
    """Return the status fields that the engine's view gives a container."""
    if engine_entry is None:
        if container.auto_remove:
            # The engine removed the container itself after it exited.
            return {'status': consts.DELETED, 'status_reason': None,
                    'status_detail': None}
        return {'status': consts.ERROR, 'status_reason': 'No such container',
                'status_detail': None}
    if (engine_entry.status == consts.CREATED
            and container.status not in (consts.CREATING, consts.CREATED)):
        # A container that failed to start stays "created" on the engine;
        # its Error and the reason are what the user needs to see.
        return {}
    values = {'status': engine_entry.status,
              'status_detail': engine_entry.status_detail}
    if engine_entry.status != container.status:
        values['status_reason'] = None
    return values


def _sync_one(context, container, engine_entry):
    """Copy the engine's state of one container into its row.

    :returns: True when the row changed.
    """
    old_status = container.status
    for name, value in _engine_values(container, engine_entry).items():
        if getattr(container, name) != value:
            setattr(container, name, value)
    if not container.obj_what_changed():
        return False
    # Write only when no task has claimed the container since it was read,
    # so a sync never overwrites the result of a running action.
    written = container.save_if({'task_state': None, 'status': old_status},
                                context)
    if written and container.status != old_status:
        LOG.info('Container %s changed from %s to %s on the engine',
                 container.uuid, old_status, container.status)
    return written


def sync_container_states(driver, host, heal=None):
    """Copy the engine's container states into the database.

    One list call to the engine serves every container of the host. The
    engine applies restart policies itself; the sync shows their effect,
    and the health of a container with a healthcheck, in status and
    status_detail. A container that the engine lost is deleted when it has
    auto_remove (the engine removed it after it exited), rebuilt through
    ``heal(context, container)`` when it has auto_heal, and put in Error
    otherwise.
    :returns: the number of containers whose row changed.
    """
    context = zun_context.get_admin_context()
    # Rows first, engine second: an action that changes the engine after
    # the rows were read also changes its row, so the conditional write
    # below skips it. In the other order, an action that finished between
    # the two reads would be overwritten with the engine's older state.
    containers = container_obj.Container.list_by_host(context, host)
    engine = {entry.uuid: entry for entry in driver.list(context)}
    changed = 0
    for container in containers:
        if (container.task_state is not None
                or container.status in _TRANSIENT
                or not container.container_id):
            continue
        entry = engine.get(container.uuid)
        if entry is None and container.auto_remove:
            if _purge_removed(driver, context, container):
                changed += 1
        elif (entry is None and container.auto_heal and heal is not None
              and container.status in consts.ALLOWED_STATUSES['rebuild']):
            if heal(context, container):
                changed += 1
        elif _sync_one(context, container, entry):
            changed += 1
    return changed


def _purge_removed(driver, context, container):
    """Delete the row of an auto_remove container that the engine removed.

    The claim makes sure that no action runs on the container meanwhile.
    The volumes and files that zun made for the container go too.
    :returns: True when the row was deleted.
    """
    try:
        container_obj.Container.claim(
            context, container.uuid, 'purge', consts.CONTAINER_STATUSES,
            consts.CONTAINER_DELETING)
    except (exception.ContainerBusy, exception.ContainerNotFound):
        return False
    if container.mounts:
        try:
            driver.remove_mounts(context, container)
        except Exception as exc:
            LOG.warning('Cannot remove the volumes and files of container '
                        '%s: %s', container.uuid, exc)
    try:
        container.destroy(context)
    except exception.ContainerNotFound:
        return False
    LOG.info('Deleted container %s: the engine removed it after it exited '
             '(auto_remove)', container.uuid)
    return True


def report_resources(driver, host):
    """Write the host's resources into its compute node record."""
    context = zun_context.get_admin_context()
    info = driver.get_host_info()
    containers = container_obj.Container.list_by_host(context, host)
    counts = {}
    for container in containers:
        counts[container.status] = counts.get(container.status, 0) + 1
    mem_used = sum(container.memory or 0 for container in containers)
    values = dict(
        info,
        mem_used=mem_used,
        mem_free=max(info['mem_total'] - mem_used, 0),
        mem_available=max(info['mem_total'] - mem_used, 0),
        cpu_used=sum(container.cpu or 0 for container in containers),
        total_containers=len(containers),
        running_containers=counts.get(consts.RUNNING, 0),
        paused_containers=counts.get(consts.PAUSED, 0),
        stopped_containers=counts.get(consts.STOPPED, 0),
    )
    node = compute_node.ComputeNode.report(context, host, values)
    LOG.debug('Reported resources of host %s: %d CPUs, %d MiB memory',
              host, node.cpus, node.mem_total)
    return node
