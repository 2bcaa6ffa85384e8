"""Recovery of the containers that a stopped zun-compute left mid-task.

A task that was running when zun-compute stopped (a crash, a kill, a
restart) never cleared its task_state, and would block every later action
on its container. On start, before it serves requests, zun-compute
settles each such container from what the engine shows.
"""

from oslo_log import log as logging

from zun.common import consts
from zun.common import context as zun_context
from zun.compute import tasks
from zun.db import api as dbapi
from zun.objects import container as container_obj

LOG = logging.getLogger(__name__)

_CREATE_TASKS = (consts.IMAGE_PULLING, consts.CONTAINER_CREATING)


def _interrupted(container):
    return (container.task_state is not None
            or container.status in (consts.CREATING, consts.DELETING))


def _finish_delete(context, driver, container):
    try:
        driver.delete(context, container, force=True)
    except Exception as exc:
        LOG.warning('Engine error while finishing the delete of container '
                    '%s: %s', container.uuid, tasks.log_message(exc))
    container.destroy(context)
    LOG.info('Finished the interrupted delete of container %s',
             container.uuid)


def _settle(container, engine_entry):
    """Set the status of an interrupted container from the engine's view."""
    task = container.task_state
    creating = task in _CREATE_TASKS or container.status == consts.CREATING
    if engine_entry is not None:
        container.status = engine_entry.status
        container.status_detail = engine_entry.status_detail
        container.container_id = (container.container_id
                                  or engine_entry.container_id)
        container.status_reason = (
            'zun-compute restarted during %s; the status is the '
            "engine's." % (task or 'create'))
    elif creating:
        container.status = consts.ERROR
        container.status_reason = (
            'zun-compute restarted before the container was created; '
            'start it to create it again, or delete it.')
    else:
        container.status = consts.ERROR
        container.status_reason = 'No such container'
    container.task_state = None


def recover_interrupted(driver, host):
    """Settle every container of ``host`` that a task left unfinished.

    Call it before the RPC server starts, so that no new task runs.
    :returns: the number of containers settled.
    """
    context = zun_context.get_admin_context()
    stuck = [container
             for container in container_obj.Container.list_by_host(context,
                                                                   host)
             if _interrupted(container)]
    if not stuck:
        return 0
    engine = {entry.uuid: entry for entry in driver.list(context)}
    for container in stuck:
        LOG.warning('Container %s was left in status %s with task %s; '
                    'settling it', container.uuid, container.status,
                    container.task_state)
        if (container.status == consts.DELETING
                or container.task_state == consts.CONTAINER_DELETING):
            _finish_delete(context, driver, container)
            continue
        _settle(container, engine.get(container.uuid))
        container.save(context)
        dbapi.actions_finish_unfinished(context, container.uuid,
                                        consts.EVENT_ERROR)
    return len(stuck)
