"""Create the initial schema.

Revision ID: 4a1b0c9e2f01
Revises:
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa

from zun.db.sqlalchemy import types as db_types

revision = '4a1b0c9e2f01'
down_revision = None
branch_labels = None
depends_on = None

_TABLE_ARGS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4'}


def _timestamps():
    return [sa.Column('created_at', sa.DateTime),
            sa.Column('updated_at', sa.DateTime)]


def _create_container():
    op.create_table(
        'container',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('uuid', sa.String(36), nullable=False),
        sa.Column('container_id', sa.String(64)),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('project_id', sa.String(255)),
        sa.Column('user_id', sa.String(255)),
        sa.Column('image', sa.String(255)),
        sa.Column('image_driver', sa.String(32)),
        sa.Column('image_pull_policy', sa.String(32)),
        sa.Column('command', db_types.JSONEncoded),
        sa.Column('entrypoint', db_types.JSONEncoded),
        sa.Column('cpu', sa.Float),
        sa.Column('cpu_policy', sa.String(32)),
        sa.Column('memory', sa.Integer),
        sa.Column('disk', sa.Integer),
        sa.Column('status', sa.String(20)),
        sa.Column('status_reason', sa.Text),
        sa.Column('status_detail', sa.String(255)),
        sa.Column('task_state', sa.String(32)),
        sa.Column('environment', db_types.JSONEncoded),
        sa.Column('workdir', sa.String(255)),
        sa.Column('ports', db_types.JSONEncoded),
        sa.Column('hostname', sa.String(63)),
        sa.Column('labels', db_types.JSONEncoded),
        sa.Column('restart_policy', db_types.JSONEncoded),
        sa.Column('interactive', sa.Boolean),
        sa.Column('tty', sa.Boolean),
        sa.Column('auto_remove', sa.Boolean),
        sa.Column('auto_heal', sa.Boolean),
        sa.Column('runtime', sa.String(32)),
        sa.Column('privileged', sa.Boolean),
        sa.Column('healthcheck', db_types.JSONEncoded),
        sa.Column('exposed_ports', db_types.JSONEncoded),
        sa.Column('addresses', db_types.JSONEncoded),
        sa.Column('security_groups', db_types.JSONEncoded),
        sa.Column('requested_networks', db_types.JSONEncoded),
        sa.Column('mounts', db_types.JSONEncoded),
        sa.Column('hints', db_types.JSONEncoded),
        sa.Column('availability_zone', sa.String(255)),
        sa.Column('host', sa.String(255)),
        sa.Column('registry_id', sa.Integer),
        sa.Column('started_at', sa.DateTime),
        sa.UniqueConstraint('uuid', name='uniq_container0uuid'),
        sa.UniqueConstraint('project_id', 'name',
                            name='uniq_container0project_id0name'),
        **_TABLE_ARGS)
    op.create_index('container_host_idx', 'container', ['host'])


def _create_actions():
    op.create_table(
        'container_actions',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('action', sa.String(255)),
        sa.Column('container_uuid', sa.String(36), nullable=False),
        sa.Column('request_id', sa.String(255)),
        sa.Column('user_id', sa.String(255)),
        sa.Column('project_id', sa.String(255)),
        sa.Column('start_time', sa.DateTime),
        sa.Column('finish_time', sa.DateTime),
        sa.Column('message', sa.String(255)),
        **_TABLE_ARGS)
    op.create_index('container_actions_container_uuid_idx',
                    'container_actions', ['container_uuid'])
    op.create_index('container_actions_request_id_idx',
                    'container_actions', ['request_id'])
    op.create_table(
        'container_actions_events',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('event', sa.String(255)),
        sa.Column('action_id', sa.Integer,
                  sa.ForeignKey('container_actions.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('start_time', sa.DateTime),
        sa.Column('finish_time', sa.DateTime),
        sa.Column('result', sa.String(255)),
        sa.Column('traceback', sa.Text),
        sa.Column('details', sa.Text),
        **_TABLE_ARGS)
    op.create_index('container_actions_events_action_id_idx',
                    'container_actions_events', ['action_id'])


def _create_services():
    op.create_table(
        'zun_service',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('host', sa.String(255), nullable=False),
        sa.Column('binary', sa.String(255), nullable=False),
        sa.Column('disabled', sa.Boolean, nullable=False),
        sa.Column('disabled_reason', sa.String(255)),
        sa.Column('forced_down', sa.Boolean, nullable=False),
        sa.Column('last_seen_up', sa.DateTime),
        sa.Column('report_count', sa.Integer, nullable=False),
        sa.Column('availability_zone', sa.String(255)),
        sa.UniqueConstraint('host', 'binary',
                            name='uniq_zun_service0host0binary'),
        **_TABLE_ARGS)
    op.create_table(
        'compute_node',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('uuid', sa.String(36), nullable=False),
        sa.Column('hostname', sa.String(255), nullable=False),
        sa.Column('mem_total', sa.Integer, nullable=False),
        sa.Column('mem_free', sa.Integer, nullable=False),
        sa.Column('mem_available', sa.Integer, nullable=False),
        sa.Column('mem_used', sa.Integer, nullable=False),
        sa.Column('cpus', sa.Integer, nullable=False),
        sa.Column('cpu_used', sa.Float, nullable=False),
        sa.Column('disk_total', sa.Integer, nullable=False),
        sa.Column('disk_used', sa.Integer, nullable=False),
        sa.Column('disk_quota_supported', sa.Boolean, nullable=False),
        sa.Column('total_containers', sa.Integer, nullable=False),
        sa.Column('running_containers', sa.Integer, nullable=False),
        sa.Column('paused_containers', sa.Integer, nullable=False),
        sa.Column('stopped_containers', sa.Integer, nullable=False),
        sa.Column('architecture', sa.String(32)),
        sa.Column('os_type', sa.String(32)),
        sa.Column('os', sa.String(64)),
        sa.Column('kernel_version', sa.String(128)),
        sa.Column('labels', db_types.JSONEncoded),
        sa.Column('runtimes', db_types.JSONEncoded),
        sa.UniqueConstraint('uuid', name='uniq_compute_node0uuid'),
        sa.UniqueConstraint('hostname', name='uniq_compute_node0hostname'),
        **_TABLE_ARGS)


def upgrade():
    _create_container()
    _create_actions()
    _create_services()
