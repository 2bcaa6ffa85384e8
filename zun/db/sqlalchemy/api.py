"""SQLAlchemy implementation of the zun database interface.

Queries are written in SQLAlchemy 2.0 style and run in oslo.db
enginefacade transactions. State changes that must not race, such as
claiming a container for an action, are single conditional UPDATE
statements, so that the database decides which of two requests wins.
Every public write runs again, up to oslo.db's retry limit, when the
database reports a deadlock: InnoDB picks a victim among concurrent
transactions, and a fresh attempt usually succeeds.
"""

import contextlib
import datetime
import threading

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade
from oslo_log import log as logging
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from zun.common import consts
from zun.common import exception
from zun.db.sqlalchemy import models
from zun.db.sqlalchemy import sqlite

LOG = logging.getLogger(__name__)

_CONTEXT = threading.local()

# Runs a write again when the database reports a deadlock, after a short
# random pause that grows with each attempt. oslo.db's own
# retry_on_deadlock only marks a function for its DBAPI loader.
retry_on_deadlock = oslo_db_api.wrap_db_retry(
    max_retries=5, retry_interval=0.1, inc_retry_interval=True,
    max_retry_interval=2, retry_on_deadlock=True)
_FACADE = None
_FACADE_LOCK = threading.Lock()

# Columns a container list may be sorted by.
CONTAINER_SORT_KEYS = (
    'id', 'uuid', 'name', 'image', 'status', 'task_state', 'host', 'cpu',
    'memory', 'project_id', 'user_id', 'created_at', 'updated_at',
)

# Columns a container list may be filtered by, with exact matching.
CONTAINER_FILTERS = (
    'name', 'image', 'project_id', 'user_id', 'memory', 'host',
    'task_state', 'status', 'auto_remove',
)


def _facade():
    global _FACADE
    with _FACADE_LOCK:
        if _FACADE is None:
            _FACADE = enginefacade.transaction_context()
    return _FACADE


def _reader():
    return _facade().reader.using(_CONTEXT)


@contextlib.contextmanager
def _writer():
    with sqlite.write_lock(get_engine()):
        with _facade().writer.using(_CONTEXT) as session:
            sqlite.mark_writer(session)
            yield session


def get_engine():
    """Return the writer engine, creating it on first use."""
    return _facade().writer.get_engine()


def dispose_engine():
    """Close every connection and forget the engine.

    The next query builds a new engine from ``[database] connection``;
    tests use this after they change it.
    """
    global _FACADE
    with _FACADE_LOCK:
        facade, _FACADE = _FACADE, None
    if facade is not None:
        try:
            facade.dispose_pool()
        except AttributeError:
            # The facade never started, so it holds no connections.
            pass


def _db_values(values):
    """Return a copy of ``values`` with every datetime as naive UTC.

    The columns are timezone-naive and store UTC. Versioned objects hand
    over aware datetimes, possibly in another zone, and SQLAlchemy would
    drop the zone without converting the time.
    """
    return {key: timeutils.normalize_time(value)
            if isinstance(value, datetime.datetime) else value
            for key, value in values.items()}


def _scoped(stmt, context):
    """Limit a container query to the caller's project.

    The API sets ``all_projects`` on the context only after the matching
    ``*_all_projects`` policy rule passed.
    """
    if context.all_projects:
        return stmt
    return stmt.where(models.Container.project_id == context.project_id)


# --- containers

@retry_on_deadlock
def container_create(context, values):
    """Insert a container row.

    :raises ContainerAlreadyExists: when the project already has a
        container of that name.
    """
    values = _db_values(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    container = models.Container(**values)
    try:
        with _writer() as session:
            session.add(container)
            session.flush()
    except db_exc.DBDuplicateEntry as exc:
        if 'uuid' in (exc.columns or []):
            raise exception.Conflict(
                detail='container %s already exists' % values['uuid'])
        raise exception.ContainerAlreadyExists(
            name=values.get('name'), project_id=values.get('project_id'))
    return container


def container_get_by_uuid(context, container_uuid):
    """Return the container with this UUID, in the caller's scope.

    :raises ContainerNotFound: when there is none.
    """
    stmt = _scoped(sa.select(models.Container).where(
        models.Container.uuid == container_uuid), context)
    with _reader() as session:
        container = session.execute(stmt).scalar_one_or_none()
    if container is None:
        raise exception.ContainerNotFound(container=container_uuid)
    return container


def container_get_by_name(context, name):
    """Return the container with this name, in the caller's scope.

    :raises ContainerNotFound: when there is none.
    :raises Conflict: when an all-projects lookup matches containers of
        several projects.
    """
    stmt = _scoped(sa.select(models.Container).where(
        models.Container.name == name), context).limit(2)
    with _reader() as session:
        found = session.execute(stmt).scalars().all()
    if not found:
        raise exception.ContainerNotFound(container=name)
    if len(found) > 1:
        raise exception.Conflict(
            detail="several containers are named '%s'; use the UUID" % name)
    return found[0]


def _sort_clause(column, sort_dir):
    # NULLs sort first in ascending order and last in descending order on
    # every back end, as SQLite and MySQL do by default.
    if sort_dir == 'asc':
        return (column.is_not(None), column.asc())
    return (column.is_(None), column.desc())


def _after_marker(column, id_column, marker_value, marker_id, sort_dir):
    """Return the condition for rows that sort after the marker row."""
    later_id = id_column > marker_id if sort_dir == 'asc' else (
        id_column < marker_id)
    if marker_value is None:
        tie = sa.and_(column.is_(None), later_id)
        if sort_dir == 'asc':
            return sa.or_(column.is_not(None), tie)
        return tie
    if sort_dir == 'asc':
        beyond = column > marker_value
    else:
        beyond = sa.or_(column < marker_value, column.is_(None))
    return sa.or_(beyond, sa.and_(column == marker_value, later_id))


def _check_list_params(filters, sort_key, sort_dir):
    if sort_key not in CONTAINER_SORT_KEYS:
        raise exception.InvalidParameterValue(
            field='sort_key', detail="'%s' is not one of %s"
            % (sort_key, ', '.join(CONTAINER_SORT_KEYS)))
    if sort_dir not in ('asc', 'desc'):
        raise exception.InvalidParameterValue(
            field='sort_dir', detail="'%s' is not asc or desc" % sort_dir)
    unknown = sorted(set(filters or ()) - set(CONTAINER_FILTERS))
    if unknown:
        raise exception.InvalidParameterValue(
            field='filters', detail='cannot filter by %s; use %s'
            % (', '.join(unknown), ', '.join(CONTAINER_FILTERS)))


def container_list(context, filters=None, limit=None, marker=None,
                   sort_key='id', sort_dir='asc'):
    """Return a page of containers in the caller's scope.

    :param filters: column name to value, for exact matches; the names
        are those of CONTAINER_FILTERS.
    :param marker: UUID of the last container of the previous page.
    :param sort_key: one of CONTAINER_SORT_KEYS.
    :param sort_dir: ``asc`` or ``desc``.
    :raises MarkerNotFound: when the marker is not a visible container.
    :raises InvalidParameterValue: for an unknown sort key, sort direction
        or filter name.
    """
    _check_list_params(filters, sort_key, sort_dir)
    model = models.Container
    column = getattr(model, sort_key)
    stmt = _scoped(sa.select(model), context)
    for key, value in (filters or {}).items():
        stmt = stmt.where(getattr(model, key) == value)
    with _reader() as session:
        if marker is not None:
            marker_stmt = _scoped(sa.select(model).where(
                model.uuid == marker), context)
            marker_row = session.execute(marker_stmt).scalar_one_or_none()
            if marker_row is None:
                raise exception.MarkerNotFound(marker=marker)
            stmt = stmt.where(_after_marker(
                column, model.id, getattr(marker_row, sort_key),
                marker_row.id, sort_dir))
        stmt = stmt.order_by(*_sort_clause(column, sort_dir))
        if sort_key != 'id':
            stmt = stmt.order_by(
                model.id.asc() if sort_dir == 'asc' else model.id.desc())
        if limit is not None:
            stmt = stmt.limit(limit)
        return session.execute(stmt).scalars().all()


def container_list_by_host(context, host):
    """Return every container placed on ``host``, whatever its project."""
    stmt = sa.select(models.Container).where(models.Container.host == host)
    with _reader() as session:
        return session.execute(stmt).scalars().all()


@retry_on_deadlock
def container_update(context, container_uuid, values):
    """Write ``values`` into a container row and return the row.

    :raises ContainerNotFound: when the row is gone.
    :raises ContainerAlreadyExists: when a new name is taken.
    """
    values = _db_values(values)
    values.pop('id', None)
    values.pop('uuid', None)
    project_id = None
    try:
        with _writer() as session:
            stmt = sa.select(models.Container).where(
                models.Container.uuid == container_uuid)
            container = session.execute(stmt).scalar_one_or_none()
            if container is None:
                raise exception.ContainerNotFound(container=container_uuid)
            # Read before the flush: the rollback of a failed flush expires
            # the row, which is then detached and cannot load attributes.
            project_id = container.project_id
            for key, value in values.items():
                setattr(container, key, value)
            session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.ContainerAlreadyExists(
            name=values.get('name'), project_id=project_id)
    return container


@retry_on_deadlock
def container_claim(context, container_uuid, action, allowed_statuses,
                    task_state, status=None, ignore_task_state=False,
                    values=None):
    """Claim a container for an action, atomically.

    The claim succeeds only when the container's status is in
    ``allowed_statuses`` and no task is running on it; it then sets
    ``task_state`` (and ``status`` when given). Two concurrent claims of one
    container cannot both succeed. A claim with ``task_state`` None only
    checks the status and writes ``values``, such as a new name.

    :param ignore_task_state: claim even while another task runs, except a
        task of the same kind; force delete uses this.
    :param values: other columns to write in the same statement.
    :returns: the claimed container row.
    :raises ContainerNotFound: when the container is gone.
    :raises InvalidStateException: when the status does not allow the action.
    :raises ContainerBusy: when another task runs on the container.
    :raises ContainerAlreadyExists: when ``values`` has a name that another
        container of the project has.
    """
    model = models.Container
    new_values = dict(_db_values(values or {}))
    new_values.update(task_state=task_state, updated_at=timeutils.utcnow())
    if status is not None:
        new_values['status'] = status
    if ignore_task_state:
        idle = sa.or_(model.task_state.is_(None),
                      model.task_state != task_state)
    else:
        idle = model.task_state.is_(None)
    stmt = (sa.update(model)
            .where(model.uuid == container_uuid,
                   model.status.in_(allowed_statuses), idle)
            .values(**new_values)
            .execution_options(synchronize_session=False))
    try:
        with _writer() as session:
            claimed = session.execute(stmt).rowcount == 1
            current = session.execute(sa.select(model).where(
                model.uuid == container_uuid)).scalar_one_or_none()
    except db_exc.DBDuplicateEntry:
        raise exception.ContainerAlreadyExists(
            name=new_values.get('name'), project_id=_project_of(
                container_uuid))
    if current is None:
        raise exception.ContainerNotFound(container=container_uuid)
    if claimed:
        return current
    busy = current.task_state is not None and (
        not ignore_task_state or current.task_state == task_state)
    if busy:
        # A running task explains the refusal better than the status,
        # which the task is about to change anyway.
        raise exception.ContainerBusy(
            id=container_uuid, action=action, task_state=current.task_state)
    raise exception.InvalidStateException(
        id=container_uuid, action=action, actual_state=current.status)


def _project_of(container_uuid):
    stmt = sa.select(models.Container.project_id).where(
        models.Container.uuid == container_uuid)
    with _reader() as session:
        return session.execute(stmt).scalar_one_or_none()


@retry_on_deadlock
def container_update_if(context, container_uuid, expected, values):
    """Write ``values`` only when the row still has the ``expected`` values.

    :returns: True when the row was updated.
    """
    model = models.Container
    stmt = sa.update(model).where(model.uuid == container_uuid)
    for key, value in expected.items():
        column = getattr(model, key)
        stmt = stmt.where(column.is_(None) if value is None
                          else column == value)
    values = dict(_db_values(values), updated_at=timeutils.utcnow())
    stmt = stmt.values(**values).execution_options(synchronize_session=False)
    with _writer() as session:
        return session.execute(stmt).rowcount == 1


@retry_on_deadlock
def container_destroy(context, container_uuid):
    """Delete a container row, its action history, execs and tokens.

    :raises ContainerNotFound: when the row is already gone.
    """
    with _writer() as session:
        session.execute(sa.delete(models.ExecInstance).where(
            models.ExecInstance.container_uuid == container_uuid))
        session.execute(sa.delete(models.WebsocketToken).where(
            models.WebsocketToken.container_uuid == container_uuid))
        action_ids = sa.select(models.ContainerAction.id).where(
            models.ContainerAction.container_uuid == container_uuid)
        session.execute(sa.delete(models.ContainerActionEvent).where(
            models.ContainerActionEvent.action_id.in_(action_ids)))
        session.execute(sa.delete(models.ContainerAction).where(
            models.ContainerAction.container_uuid == container_uuid))
        deleted = session.execute(sa.delete(models.Container).where(
            models.Container.uuid == container_uuid)).rowcount
    if not deleted:
        raise exception.ContainerNotFound(container=container_uuid)


def container_memory_by_host(context, hosts=None):
    """Return {host: MiB of memory allocated to its containers}.

    Containers in Error or Deleted do not count: they do not run, and a
    failed create never reached the engine.
    """
    model = models.Container
    stmt = (sa.select(model.host, sa.func.coalesce(sa.func.sum(model.memory),
                                                   0))
            .where(model.host.is_not(None),
                   model.status.not_in([consts.ERROR, consts.DELETED]))
            .group_by(model.host))
    if hosts is not None:
        stmt = stmt.where(model.host.in_(hosts))
    with _reader() as session:
        return {host: int(total) for host, total in session.execute(stmt)}


# --- container actions and their events

@retry_on_deadlock
def action_start(context, values):
    """Record the start of an action and return its row."""
    action = models.ContainerAction(**_db_values(values))
    with _writer() as session:
        session.add(action)
        session.flush()
    return action


def _action_query(container_uuid, request_id):
    model = models.ContainerAction
    return (sa.select(model)
            .where(model.container_uuid == container_uuid,
                   model.request_id == request_id)
            .order_by(model.id.desc()).limit(1))


@retry_on_deadlock
def action_finish(context, container_uuid, request_id, message=None):
    """Set the finish time (and the message) of an action.

    :returns: the action row, or None when the action was not recorded.
    """
    with _writer() as session:
        action = session.execute(
            _action_query(container_uuid, request_id)).scalar_one_or_none()
        if action is None:
            return None
        action.finish_time = timeutils.utcnow()
        if message is not None:
            action.message = message
        session.flush()
    return action


@retry_on_deadlock
def actions_finish_unfinished(context, container_uuid, message):
    """Finish every unfinished action of a container with ``message``.

    :returns: the number of actions finished.
    """
    model = models.ContainerAction
    stmt = (sa.update(model)
            .where(model.container_uuid == container_uuid,
                   model.finish_time.is_(None))
            .values(finish_time=timeutils.utcnow(), message=message)
            .execution_options(synchronize_session=False))
    with _writer() as session:
        return session.execute(stmt).rowcount


def action_get_by_request_id(context, container_uuid, request_id):
    """Return one action of a container, or None."""
    with _reader() as session:
        return session.execute(
            _action_query(container_uuid, request_id)).scalar_one_or_none()


def actions_get(context, container_uuid):
    """Return the actions of a container, newest first."""
    model = models.ContainerAction
    stmt = (sa.select(model).where(model.container_uuid == container_uuid)
            .order_by(model.created_at.desc(), model.id.desc()))
    with _reader() as session:
        return session.execute(stmt).scalars().all()


@retry_on_deadlock
def action_event_start(context, values):
    """Record the start of an event of an action and return its row.

    ``values`` carries ``container_uuid`` and ``request_id`` to find the
    action.
    :raises ContainerActionNotFound: when the action was not recorded.
    """
    values = _db_values(values)
    container_uuid = values.pop('container_uuid')
    request_id = values.pop('request_id')
    with _writer() as session:
        action = session.execute(
            _action_query(container_uuid, request_id)).scalar_one_or_none()
        if action is None:
            raise exception.ContainerActionNotFound(
                request_id=request_id, container=container_uuid)
        event = models.ContainerActionEvent(action_id=action.id, **values)
        session.add(event)
        session.flush()
    return event


@retry_on_deadlock
def action_event_finish(context, event_id, result, traceback=None,
                        details=None):
    """Set the result and finish time of an event and return its row.

    :raises ContainerActionEventNotFound: when the event is gone, for
        example because its container was deleted.
    """
    with _writer() as session:
        event = session.get(models.ContainerActionEvent, event_id)
        if event is None:
            raise exception.ContainerActionEventNotFound(event_id=event_id)
        event.result = result
        event.finish_time = timeutils.utcnow()
        event.traceback = traceback
        event.details = details
        session.flush()
    return event


def action_events_get(context, action_id):
    """Return the events of an action, newest first."""
    model = models.ContainerActionEvent
    stmt = (sa.select(model).where(model.action_id == action_id)
            .order_by(model.start_time.desc(), model.id.desc()))
    with _reader() as session:
        return session.execute(stmt).scalars().all()


# --- services

@retry_on_deadlock
def service_create(context, values):
    """Insert a service row.

    :raises ServiceAlreadyExists: when the host already runs that binary.
    """
    service = models.ZunService(**_db_values(values))
    try:
        with _writer() as session:
            session.add(service)
            session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.ServiceAlreadyExists(
            host=values['host'], binary=values['binary'])
    return service


def service_get(context, host, binary):
    """Return the service row, or raise ServiceNotFound."""
    model = models.ZunService
    stmt = sa.select(model).where(model.host == host, model.binary == binary)
    with _reader() as session:
        service = session.execute(stmt).scalar_one_or_none()
    if service is None:
        raise exception.ServiceNotFound(host=host, binary=binary)
    return service


@retry_on_deadlock
def service_update(context, host, binary, values):
    """Write ``values`` into a service row and return the row."""
    model = models.ZunService
    with _writer() as session:
        service = session.execute(sa.select(model).where(
            model.host == host, model.binary == binary)).scalar_one_or_none()
        if service is None:
            raise exception.ServiceNotFound(host=host, binary=binary)
        for key, value in _db_values(values).items():
            setattr(service, key, value)
        session.flush()
    return service


@retry_on_deadlock
def service_heartbeat(context, host, binary):
    """Record a heartbeat: last_seen_up is now, report_count grows by one.

    :returns: True when the row exists.
    """
    model = models.ZunService
    now = timeutils.utcnow()
    stmt = (sa.update(model)
            .where(model.host == host, model.binary == binary)
            .values(last_seen_up=now, updated_at=now,
                    report_count=model.report_count + 1)
            .execution_options(synchronize_session=False))
    with _writer() as session:
        return session.execute(stmt).rowcount == 1


def service_list(context, binary=None):
    """Return every service row, or those of one binary."""
    model = models.ZunService
    stmt = sa.select(model).order_by(model.id)
    if binary is not None:
        stmt = stmt.where(model.binary == binary)
    with _reader() as session:
        return session.execute(stmt).scalars().all()


# --- compute nodes

@retry_on_deadlock
def compute_node_upsert(context, hostname, values):
    """Create or update the compute node of ``hostname`` and return it."""
    model = models.ComputeNode
    with _writer() as session:
        node = session.execute(sa.select(model).where(
            model.hostname == hostname)).scalar_one_or_none()
        if node is None:
            node = model(hostname=hostname,
                         uuid=uuidutils.generate_uuid())
            session.add(node)
        for key, value in _db_values(values).items():
            setattr(node, key, value)
        session.flush()
    return node


def compute_node_get(context, hostname):
    """Return the compute node of ``hostname``, or raise NotFound."""
    model = models.ComputeNode
    with _reader() as session:
        node = session.execute(sa.select(model).where(
            model.hostname == hostname)).scalar_one_or_none()
    if node is None:
        raise exception.ComputeNodeNotFound(host=hostname)
    return node


def compute_node_list(context):
    """Return every compute node."""
    model = models.ComputeNode
    with _reader() as session:
        return session.execute(
            sa.select(model).order_by(model.id)).scalars().all()
