"""Alembic migrations of the zun database, driven from Python."""

import os

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration

from zun.db import api as db_api

_ALEMBIC_DIR = os.path.join(os.path.dirname(__file__), 'sqlalchemy',
                            'alembic')


def _config(engine=None):
    config = alembic_config.Config()
    config.set_main_option('script_location', _ALEMBIC_DIR)
    config.attributes['engine'] = engine
    return config


def upgrade(revision='head', engine=None):
    """Upgrade the schema to ``revision``."""
    alembic_command.upgrade(_config(engine), revision)


def stamp(revision, engine=None):
    """Record ``revision`` as the current one without running migrations."""
    alembic_command.stamp(_config(engine), revision)


def revision(message, autogenerate=False, engine=None):
    """Write a new migration script."""
    alembic_command.revision(_config(engine), message=message,
                             autogenerate=autogenerate)


def version(engine=None):
    """Return the current revision of the schema, or None."""
    engine = engine or db_api.get_engine()
    with engine.connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        return context.get_current_revision()
