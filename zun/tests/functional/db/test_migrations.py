"""Alembic migrations on SQLite, MariaDB and PostgreSQL.

Each test gets a database of its own. The MariaDB and PostgreSQL servers
must run with the standard OpenStack test account (openstack_citest), as
tools/services-up.sh sets them up; a missing server fails the test.
"""

import os
import subprocess
import tempfile
import uuid

from alembic import autogenerate
from alembic import migration as alembic_migration
from alembic import script as alembic_script
import pytest
import sqlalchemy as sa

from zun.db import migration
from zun.db.sqlalchemy import models
from zun.tests.functional import services

BACKENDS = ('sqlite', 'mysql', 'postgresql')


class Database:
    """A throwaway database on one back end."""

    def __init__(self, backend, directory):
        self.backend = backend
        self.name = 'zun_migr_%s' % uuid.uuid4().hex[:12]
        if backend == 'sqlite':
            self.url = 'sqlite:///%s' % os.path.join(directory, 'zun.db')
            self._admin = None
        elif backend == 'mysql':
            self._admin = sa.create_engine(services.MARIADB_ADMIN_URL)
            self.url = '%s%s?charset=utf8mb4' % (services.MARIADB_ADMIN_URL,
                                                 self.name)
        else:
            self._admin = sa.create_engine(services.POSTGRES_ADMIN_URL,
                                           isolation_level='AUTOCOMMIT')
            base = services.POSTGRES_ADMIN_URL.rsplit('/', 1)[0]
            self.url = '%s/%s' % (base, self.name)

    def create(self):
        if self._admin is None:
            return
        try:
            with self._admin.connect() as connection:
                connection.exec_driver_sql('CREATE DATABASE %s' % self.name)
                connection.commit()
        except sa.exc.OperationalError as exc:
            raise AssertionError('%s is not reachable (%s); %s'
                                 % (self.backend, exc,
                                    services.SERVICES_HINT))

    def drop(self):
        if self._admin is None:
            return
        with self._admin.connect() as connection:
            connection.exec_driver_sql('DROP DATABASE IF EXISTS %s'
                                       % self.name)
            connection.commit()
        self._admin.dispose()


@pytest.fixture(params=BACKENDS)
def database(request):
    directory = tempfile.mkdtemp(prefix='zun-migr-')
    database = Database(request.param, directory)
    database.create()
    yield database
    database.drop()


@pytest.fixture()
def engine(database):
    engine = sa.create_engine(database.url)
    yield engine
    engine.dispose()


def _head():
    scripts = alembic_script.ScriptDirectory.from_config(migration._config())
    return scripts.get_current_head()


def test_upgrade_reaches_head(engine):
    migration.upgrade('head', engine=engine)
    assert migration.version(engine=engine) == _head()


def test_upgrade_twice_is_harmless(engine):
    migration.upgrade('head', engine=engine)
    migration.upgrade('head', engine=engine)
    assert migration.version(engine=engine) == _head()


def test_migrations_match_models(engine):
    migration.upgrade('head', engine=engine)
    with engine.connect() as connection:
        context = alembic_migration.MigrationContext.configure(
            connection, opts={'compare_type': True})
        differences = autogenerate.compare_metadata(context,
                                                    models.Base.metadata)
    assert differences == []


def test_container_name_unique_per_project(engine):
    migration.upgrade('head', engine=engine)
    insert = sa.text('INSERT INTO container (uuid, name, project_id) '
                     'VALUES (:uuid, :name, :project)')
    with engine.begin() as connection:
        connection.execute(insert, {'uuid': str(uuid.uuid4()),
                                    'name': 'web', 'project': 'p1'})
        connection.execute(insert, {'uuid': str(uuid.uuid4()),
                                    'name': 'web', 'project': 'p2'})
    with pytest.raises(sa.exc.IntegrityError):
        with engine.begin() as connection:
            connection.execute(insert, {'uuid': str(uuid.uuid4()),
                                        'name': 'web', 'project': 'p1'})


def test_db_manage_command(database):
    with tempfile.NamedTemporaryFile('w', suffix='.conf') as config:
        config.write('[database]\nconnection = %s\n' % database.url)
        config.flush()
        command = [services.bin_path('zun-db-manage'), '--config-file',
                   config.name]
        subprocess.run(command + ['upgrade'], check=True,
                       capture_output=True, timeout=120)
        version = subprocess.run(command + ['version'], check=True,
                                 capture_output=True, text=True,
                                 timeout=120)
    assert version.stdout.strip() == _head()
