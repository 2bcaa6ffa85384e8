"""SQLAlchemy models of the zun database.

Every change to these tables needs an Alembic migration under
``zun/db/sqlalchemy/alembic/versions``; a test compares the two.
"""

import datetime

from oslo_db.sqlalchemy import models
import sqlalchemy as sa
from sqlalchemy import orm

from zun.db.sqlalchemy import types as db_types


class Base(models.TimestampMixin, models.ModelBase, orm.DeclarativeBase):
    """Base of every zun table: created_at, updated_at, InnoDB, utf8mb4."""

    __table_args__ = {'mysql_engine': 'InnoDB',
                      'mysql_charset': 'utf8mb4'}

    def as_dict(self):
        return {column.name: getattr(self, column.key)
                for column in self.__table__.columns}


class Container(Base):
    """A container and the request that created it."""

    __tablename__ = 'container'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_container0uuid'),
        sa.UniqueConstraint('project_id', 'name',
                            name='uniq_container0project_id0name'),
        sa.Index('container_host_idx', 'host'),
        Base.__table_args__,
    )

    id: orm.Mapped[int] = orm.mapped_column(sa.Integer, primary_key=True)
    uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    container_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    image: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    image_driver: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    image_pull_policy: orm.Mapped[str | None] = orm.mapped_column(
        sa.String(32))
    command = orm.mapped_column(db_types.JSONEncoded)
    entrypoint = orm.mapped_column(db_types.JSONEncoded)
    cpu: orm.Mapped[float | None] = orm.mapped_column(sa.Float)
    cpu_policy: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    # Memory limit in MiB.
    memory: orm.Mapped[int | None] = orm.mapped_column(sa.Integer)
    # Disk limit in GiB.
    disk: orm.Mapped[int | None] = orm.mapped_column(sa.Integer)
    status: orm.Mapped[str | None] = orm.mapped_column(sa.String(20))
    status_reason: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    status_detail: orm.Mapped[str | None] = orm.mapped_column(
        sa.String(255))
    task_state: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    environment = orm.mapped_column(db_types.JSONEncoded)
    workdir: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    ports = orm.mapped_column(db_types.JSONEncoded)
    hostname: orm.Mapped[str | None] = orm.mapped_column(sa.String(63))
    labels = orm.mapped_column(db_types.JSONEncoded)
    restart_policy = orm.mapped_column(db_types.JSONEncoded)
    interactive: orm.Mapped[bool | None] = orm.mapped_column(sa.Boolean)
    tty: orm.Mapped[bool | None] = orm.mapped_column(sa.Boolean)
    auto_remove: orm.Mapped[bool | None] = orm.mapped_column(sa.Boolean)
    auto_heal: orm.Mapped[bool | None] = orm.mapped_column(sa.Boolean)
    runtime: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    privileged: orm.Mapped[bool | None] = orm.mapped_column(sa.Boolean)
    healthcheck = orm.mapped_column(db_types.JSONEncoded)
    exposed_ports = orm.mapped_column(db_types.JSONEncoded)
    addresses = orm.mapped_column(db_types.JSONEncoded)
    security_groups = orm.mapped_column(db_types.JSONEncoded)
    requested_networks = orm.mapped_column(db_types.JSONEncoded)
    mounts = orm.mapped_column(db_types.JSONEncoded)
    hints = orm.mapped_column(db_types.JSONEncoded)
    availability_zone: orm.Mapped[str | None] = orm.mapped_column(
        sa.String(255))
    host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    registry_id: orm.Mapped[int | None] = orm.mapped_column(sa.Integer)
    started_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(
        sa.DateTime)


class ContainerAction(Base):
    """One request on a container, such as create or stop."""

    __tablename__ = 'container_actions'
    __table_args__ = (
        sa.Index('container_actions_container_uuid_idx', 'container_uuid'),
        sa.Index('container_actions_request_id_idx', 'request_id'),
        Base.__table_args__,
    )

    id: orm.Mapped[int] = orm.mapped_column(sa.Integer, primary_key=True)
    action: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    container_uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    request_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    start_time: orm.Mapped[datetime.datetime | None] = orm.mapped_column(
        sa.DateTime)
    finish_time: orm.Mapped[datetime.datetime | None] = orm.mapped_column(
        sa.DateTime)
    message: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))


class ContainerActionEvent(Base):
    """One step of an action on the compute host, with its result."""

    __tablename__ = 'container_actions_events'
    __table_args__ = (
        sa.Index('container_actions_events_action_id_idx', 'action_id'),
        Base.__table_args__,
    )

    id: orm.Mapped[int] = orm.mapped_column(sa.Integer, primary_key=True)
    event: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    action_id: orm.Mapped[int] = orm.mapped_column(
        sa.Integer,
        sa.ForeignKey('container_actions.id', ondelete='CASCADE'))
    start_time: orm.Mapped[datetime.datetime | None] = orm.mapped_column(
        sa.DateTime)
    finish_time: orm.Mapped[datetime.datetime | None] = orm.mapped_column(
        sa.DateTime)
    result: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    traceback: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    details: orm.Mapped[str | None] = orm.mapped_column(sa.Text)


class ZunService(Base):
    """A running zun service and its last heartbeat."""

    __tablename__ = 'zun_service'
    __table_args__ = (
        sa.UniqueConstraint('host', 'binary',
                            name='uniq_zun_service0host0binary'),
        Base.__table_args__,
    )

    id: orm.Mapped[int] = orm.mapped_column(sa.Integer, primary_key=True)
    host: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    binary: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    disabled: orm.Mapped[bool] = orm.mapped_column(sa.Boolean,
                                                   default=False)
    disabled_reason: orm.Mapped[str | None] = orm.mapped_column(
        sa.String(255))
    forced_down: orm.Mapped[bool] = orm.mapped_column(sa.Boolean,
                                                      default=False)
    last_seen_up: orm.Mapped[datetime.datetime | None] = orm.mapped_column(
        sa.DateTime)
    report_count: orm.Mapped[int] = orm.mapped_column(sa.Integer, default=0)
    availability_zone: orm.Mapped[str | None] = orm.mapped_column(
        sa.String(255))


class ComputeNode(Base):
    """The resources of one compute host, as its zun-compute reports them."""

    __tablename__ = 'compute_node'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_compute_node0uuid'),
        sa.UniqueConstraint('hostname', name='uniq_compute_node0hostname'),
        Base.__table_args__,
    )

    id: orm.Mapped[int] = orm.mapped_column(sa.Integer, primary_key=True)
    uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    hostname: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    # Memory in MiB.
    mem_total: orm.Mapped[int] = orm.mapped_column(sa.Integer, default=0)
    mem_free: orm.Mapped[int] = orm.mapped_column(sa.Integer, default=0)
    mem_available: orm.Mapped[int] = orm.mapped_column(sa.Integer,
                                                       default=0)
    mem_used: orm.Mapped[int] = orm.mapped_column(sa.Integer, default=0)
    cpus: orm.Mapped[int] = orm.mapped_column(sa.Integer, default=0)
    cpu_used: orm.Mapped[float] = orm.mapped_column(sa.Float, default=0.0)
    # Disk in GiB.
    disk_total: orm.Mapped[int] = orm.mapped_column(sa.Integer, default=0)
    disk_used: orm.Mapped[int] = orm.mapped_column(sa.Integer, default=0)
    disk_quota_supported: orm.Mapped[bool] = orm.mapped_column(
        sa.Boolean, default=False)
    total_containers: orm.Mapped[int] = orm.mapped_column(sa.Integer,
                                                          default=0)
    running_containers: orm.Mapped[int] = orm.mapped_column(sa.Integer,
                                                            default=0)
    paused_containers: orm.Mapped[int] = orm.mapped_column(sa.Integer,
                                                           default=0)
    stopped_containers: orm.Mapped[int] = orm.mapped_column(sa.Integer,
                                                            default=0)
    architecture: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    os_type: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    os: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    kernel_version: orm.Mapped[str | None] = orm.mapped_column(
        sa.String(128))
    labels = orm.mapped_column(db_types.JSONEncoded)
    runtimes = orm.mapped_column(db_types.JSONEncoded)


class ExecInstance(Base):
    """An exec that the execute API created for the websocket proxy.

    The engine removes an exec a few minutes after it ends. This row keeps
    the fact that it belonged to the container, so that a resize of an
    ended exec gets 409, not 404.
    """

    __tablename__ = 'exec_instance'
    __table_args__ = (
        sa.UniqueConstraint('container_uuid', 'exec_id',
                            name='uniq_exec_instance0container_uuid0exec_id'),
        Base.__table_args__,
    )

    id: orm.Mapped[int] = orm.mapped_column(sa.Integer, primary_key=True)
    container_uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    # The engine's ID of the exec.
    exec_id: orm.Mapped[str] = orm.mapped_column(sa.String(64))


class WebsocketToken(Base):
    """A single-use credential that opens one websocket proxy session.

    Only the SHA-256 digest of the token is stored. ``exec_id`` is set for
    an exec session and NULL for an attach session.
    """

    __tablename__ = 'websocket_token'
    __table_args__ = (
        sa.UniqueConstraint('token_hash',
                            name='uniq_websocket_token0token_hash'),
        sa.Index('websocket_token_container_uuid_idx', 'container_uuid'),
        sa.Index('websocket_token_expires_at_idx', 'expires_at'),
        Base.__table_args__,
    )

    id: orm.Mapped[int] = orm.mapped_column(sa.Integer, primary_key=True)
    # Hex SHA-256 digest of the token.
    token_hash: orm.Mapped[str] = orm.mapped_column(sa.String(64))
    container_uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    exec_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    expires_at: orm.Mapped[datetime.datetime] = orm.mapped_column(
        sa.DateTime)
    used_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(
        sa.DateTime)
