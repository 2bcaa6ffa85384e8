"""SQLite settings that let the threads of one process share a database.

zun-all runs the API and the compute service as threads of one process on
one SQLite file. Two things make that work:

* Write-ahead logging, so readers go on while a writer commits.
* Write transactions that start with ``BEGIN IMMEDIATE``. A deferred
  transaction that reads and then writes cannot upgrade its lock once
  another connection has committed, and SQLite fails it at once with
  "database is locked" instead of waiting. An immediate transaction takes
  the write lock first and waits up to the busy timeout for it.
"""

import sqlite3

import sqlalchemy as sa

# Execution option that selects the BEGIN statement of a transaction.
BEGIN_OPTION = 'zun_sqlite_begin'
IMMEDIATE = 'IMMEDIATE'


@sa.event.listens_for(sa.engine.Engine, 'connect')
def _enable_wal(dbapi_connection, connection_record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute('PRAGMA journal_mode=WAL')
        cursor.close()


@sa.event.listens_for(sa.engine.Engine, 'begin')
def _begin_immediate(connection):
    # oslo.db turns off the driver's own BEGIN and emits a deferred BEGIN
    # from an engine listener, unless ``in_transaction`` is set in the
    # connection's info. Listeners on the Engine class run before those of
    # one engine, so this one goes first.
    if connection.dialect.name != 'sqlite':
        return
    if connection.get_execution_options().get(BEGIN_OPTION) != IMMEDIATE:
        return
    connection.exec_driver_sql('BEGIN IMMEDIATE')
    connection.info['in_transaction'] = True


def mark_writer(session):
    """Make the session's transaction take the write lock at its start.

    Call it before the first statement of the transaction; it does nothing
    on other database back ends.
    """
    bind = session.get_bind()
    if bind.dialect.name == 'sqlite':
        session.connection(execution_options={BEGIN_OPTION: IMMEDIATE})
