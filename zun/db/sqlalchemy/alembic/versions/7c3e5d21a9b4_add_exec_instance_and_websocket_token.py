"""Add the exec_instance and websocket_token tables.

They hold the execs that the websocket proxy may start and the single-use
tokens that open proxy sessions; zun-api writes them and zun-wsproxy
reads them.

Revision ID: 7c3e5d21a9b4
Revises: 4a1b0c9e2f01
Create Date: 2026-12-05
"""

from alembic import op
import sqlalchemy as sa

revision = '7c3e5d21a9b4'
down_revision = '4a1b0c9e2f01'
branch_labels = None
depends_on = None

_TABLE_ARGS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4'}


def _timestamps():
    return [sa.Column('created_at', sa.DateTime),
            sa.Column('updated_at', sa.DateTime)]


def upgrade():
    op.create_table(
        'exec_instance',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('container_uuid', sa.String(36), nullable=False),
        sa.Column('exec_id', sa.String(64), nullable=False),
        sa.UniqueConstraint('container_uuid', 'exec_id',
                            name='uniq_exec_instance0container_uuid0exec_id'),
        **_TABLE_ARGS)
    op.create_table(
        'websocket_token',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('token_hash', sa.String(64), nullable=False),
        sa.Column('container_uuid', sa.String(36), nullable=False),
        sa.Column('exec_id', sa.String(64)),
        sa.Column('expires_at', sa.DateTime, nullable=False),
        sa.Column('used_at', sa.DateTime),
        sa.UniqueConstraint('token_hash',
                            name='uniq_websocket_token0token_hash'),
        **_TABLE_ARGS)
    op.create_index('websocket_token_container_uuid_idx', 'websocket_token',
                    ['container_uuid'])
    op.create_index('websocket_token_expires_at_idx', 'websocket_token',
                    ['expires_at'])
