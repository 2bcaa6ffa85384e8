"""SQLAlchemy implementation of the exec and websocket token tables.

zun-api writes both tables when it hands out a websocket proxy URL, and
zun-wsproxy reads them when a client opens the session. The functions use
the transactions of ``zun.db.sqlalchemy.api``.
"""

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from zun.common import exception
from zun.db.sqlalchemy import api
from zun.db.sqlalchemy import models


@api.retry_on_deadlock
def exec_instance_create(context, values):
    """Insert an exec_instance row and return it.

    :raises Conflict: when the container already has an exec of that ID.
    """
    row = models.ExecInstance(**api._db_values(values))
    try:
        with api._writer() as session:
            session.add(row)
            session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.Conflict(
            detail='exec %s of container %s is already recorded'
            % (values.get('exec_id'), values.get('container_uuid')))
    return row


def exec_instance_get(context, container_uuid, exec_id):
    """Return the exec of a container.

    :raises ExecInstanceNotFound: when the container has no such exec.
    """
    model = models.ExecInstance
    stmt = sa.select(model).where(model.container_uuid == container_uuid,
                                  model.exec_id == exec_id)
    with api._reader() as session:
        row = session.execute(stmt).scalar_one_or_none()
    if row is None:
        raise exception.ExecInstanceNotFound(exec_id=exec_id,
                                             container=container_uuid)
    return row


@api.retry_on_deadlock
def websocket_token_create(context, values):
    """Insert a websocket_token row and return it."""
    row = models.WebsocketToken(**api._db_values(values))
    with api._writer() as session:
        session.add(row)
        session.flush()
    return row


def websocket_token_get_by_hash(context, token_hash):
    """Return the token row with this digest, or None."""
    model = models.WebsocketToken
    with api._reader() as session:
        return session.execute(sa.select(model).where(
            model.token_hash == token_hash)).scalar_one_or_none()


@api.retry_on_deadlock
def websocket_token_use(context, token_id, now):
    """Mark a token as used unless it is used or expired, atomically.

    :returns: True when this call used the token, False when another use
        came first or the token expired.
    """
    model = models.WebsocketToken
    now = timeutils.normalize_time(now)
    stmt = (sa.update(model)
            .where(model.id == token_id, model.used_at.is_(None),
                   model.expires_at > now)
            .values(used_at=now, updated_at=now)
            .execution_options(synchronize_session=False))
    with api._writer() as session:
        return session.execute(stmt).rowcount == 1


@api.retry_on_deadlock
def websocket_tokens_purge(context, expired_before):
    """Delete the tokens that expired before ``expired_before``.

    :returns: the number of tokens deleted.
    """
    model = models.WebsocketToken
    stmt = (sa.delete(model)
            .where(model.expires_at < timeutils.normalize_time(
                expired_before))
            .execution_options(synchronize_session=False))
    with api._writer() as session:
        return session.execute(stmt).rowcount
