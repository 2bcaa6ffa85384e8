"""Alembic environment: runs migrations on zun's database engine."""

from alembic import context

from zun.db import api as db_api
from zun.db.sqlalchemy import models


def run_migrations_online():
    engine = context.config.attributes.get('engine') or db_api.get_engine()
    with engine.connect() as connection:
        context.configure(connection=connection,
                          target_metadata=models.Base.metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
