"""Bookkeeping around each step that zun-compute runs on a container."""

import contextlib
import sys

from oslo_concurrency import lockutils
from oslo_log import log as logging

from zun.common import consts
from zun.common import exception
from zun.objects import container_action

LOG = logging.getLogger(__name__)

LOCK_PREFIX = 'zun-container-'


def container_lock(container_uuid):
    """Return the lock that serializes the steps on one container."""
    return lockutils.lock(LOCK_PREFIX + container_uuid)


def error_message(exc):
    """Return the text of ``exc`` that a user may read in status_reason.

    zun's own exceptions carry messages written for users. Anything else is
    a bug or an outage whose text may hold internals such as SQL, so the
    user gets a pointer to the log instead; the caller logs the details.
    """
    if isinstance(exc, exception.ZunException):
        return exc.format_message()
    return ('zun-compute failed with an unexpected %s; the zun-compute log '
            'has the details.' % type(exc).__name__)


def log_message(exc):
    """Return the text of ``exc`` for the service log, internals included."""
    if isinstance(exc, exception.ZunException):
        return exc.format_message()
    return '%s: %s' % (type(exc).__name__, exc)


class Task:
    """State of one running task, shared with the code inside it."""

    def __init__(self, context, container):
        self.context = context
        self.container = container
        self.destroyed = False

    @contextlib.contextmanager
    def step(self, event_name):
        """Record one step of the task, such as an image pull, as an event.

        A failure is recorded in the step's event and raised on to the
        task, which records it again and decides the status.
        """
        event = _start_event(self.context, self.container, event_name)
        try:
            yield
        except Exception:
            _finish_event(self, event, sys.exc_info())
            raise
        _finish_event(self, event)


def _start_event(context, container, event_name):
    """Record the start of an action event; return it, or None.

    The history is bookkeeping: a failure to record it is logged, and the
    step on the container runs all the same.
    """
    try:
        return container_action.ContainerActionEvent.event_start(
            context, container.uuid, event_name)
    except exception.ContainerActionNotFound:
        # Work that no API request started, such as a retry after a
        # restart, has no action to attach the event to.
        LOG.debug('No action of request %s on container %s to record '
                  'event %s in', context.request_id, container.uuid,
                  event_name)
    except Exception:
        LOG.exception('Cannot record event %s of container %s',
                      event_name, container.uuid)
    return None


def _finish_event(task, event, exc_info=None):
    """Record the result of an action event, if it was recorded at all."""
    if event is None or task.destroyed:
        # A destroyed container has no history left to write to.
        return
    try:
        if exc_info is None:
            event.finish()
        else:
            event.finish(exc_info[1], exc_info[2])
    except exception.NotFound:
        LOG.info('Event %s of container %s was deleted before it finished',
                 event.event, task.container.uuid)
    except Exception:
        LOG.exception('Cannot record the result of event %s of container '
                      '%s', event.event, task.container.uuid)


def _clear_task_state(task, failed):
    container = task.container
    container.task_state = None
    try:
        container.save(task.context)
    except exception.ContainerNotFound:
        LOG.info('Container %s was deleted while a task ran on it',
                 container.uuid)
        return
    container_action.ContainerAction.action_finish(
        task.context, container.uuid, failed=failed)


@contextlib.contextmanager
def container_task(context, container, event_name, on_failure,
                   reraise=False):
    """Run one step on a container and record how it went.

    The step runs under the container's lock with an action event around
    it. Whatever happens, task_state is cleared and the action finished
    afterwards, unless the step set ``task.destroyed``.

    On a failure, ``on_failure(task, exc)`` sets the status and reason; it
    may return another exception that describes the failure better. For a
    cast (``reraise`` false) the failure is then absorbed, because the
    caller is gone and the status is what users read. For a call the
    failure, or its replacement, goes back to the caller. The event records
    the same message that the caller or the status shows.
    """
    with container_lock(container.uuid):
        task = Task(context, container)
        event = _start_event(context, container, event_name)
        failed = False
        try:
            yield task
        except Exception as exc:
            failed = True
            traceback = sys.exc_info()[2]
            # An unexpected exception is a bug or an outage, so its
            # traceback goes to the log.
            LOG.error('%s failed for container %s: %s', event_name,
                      container.uuid, log_message(exc),
                      exc_info=not isinstance(exc, exception.ZunException))
            replacement = on_failure(task, exc)
            reported = replacement or exc
            _finish_event(task, event, (type(reported), reported, traceback))
            if reraise:
                if replacement is not None:
                    raise replacement from exc
                raise
        else:
            _finish_event(task, event)
        finally:
            if not task.destroyed:
                _clear_task_state(task, failed)


def fail_container(task, exc):
    """Mark the container as Error with the failure as its reason."""
    task.container.status = consts.ERROR
    task.container.status_reason = error_message(exc)


def keep_engine_status(driver):
    """Return a failure handler that reads the status back from the engine.

    A failed stop or start leaves the container in whatever state the engine
    has; the handler records that state and the failure as the reason.
    """
    def on_failure(task, exc):
        _read_engine_status(driver, task)
        task.container.status_reason = error_message(exc)
    return on_failure


def _read_engine_status(driver, task):
    try:
        driver.show(task.context, task.container)
    except Exception as exc:
        LOG.warning('Cannot read the state of container %s from the '
                    'engine: %s', task.container.uuid, log_message(exc))


def report_to_caller(driver, action):
    """Return a failure handler for a call, whose caller sees the error.

    The handler records the engine's current state of the container. When
    the engine rejected the action because of that state, or the live
    status does not allow the action (the stored status was stale, say the
    container had exited on its own or vanished), the handler returns
    InvalidStateException with the live status, which the API returns as
    409. The status reason stays as it was, because the caller gets the
    error itself.
    """
    allowed = consts.ALLOWED_STATUSES[action]

    def on_failure(task, exc):
        _read_engine_status(driver, task)
        status = task.container.status
        if (isinstance(exc, exception.ContainerEngineConflict)
                or status not in allowed):
            return exception.InvalidStateException(
                id=task.container.uuid, action=action, actual_state=status)
        return None
    return on_failure
