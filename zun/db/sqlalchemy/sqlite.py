"""SQLite settings that let the threads of one process share a database.

zun-all runs the API and the compute service as threads of one process on
one SQLite file. Several things make that work:

* Write-ahead logging, so readers go on while a writer commits, with
  ``synchronous=NORMAL``, the setting SQLite documents for WAL: a power
  loss may drop the last transactions but cannot corrupt the file.
* One write transaction at a time per process. Writers of one process
  queue on a lock instead of polling SQLite's busy handler, which under
  load gave up with "database is locked".
* Write transactions that start with ``BEGIN IMMEDIATE``. A deferred
  transaction that reads and then writes cannot upgrade its lock once
  another connection has committed, and SQLite fails it at once instead of
  waiting. An immediate transaction takes the write lock first.
* A busy timeout for writers of other processes, such as zun-db-manage.
"""

import contextlib
import sqlite3
import threading

import sqlalchemy as sa

# Execution option that selects the BEGIN statement of a transaction.
BEGIN_OPTION = 'zun_sqlite_begin'
IMMEDIATE = 'IMMEDIATE'

# Milliseconds that a connection waits for another process's write lock.
BUSY_TIMEOUT_MS = 30000

_WRITE_LOCK = threading.RLock()


@sa.event.listens_for(sa.engine.Engine, 'connect')
def _configure_connection(dbapi_connection, connection_record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute('PRAGMA journal_mode=WAL')
        cursor.execute('PRAGMA synchronous=NORMAL')
        cursor.execute('PRAGMA busy_timeout=%d' % BUSY_TIMEOUT_MS)
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


def write_lock(engine):
    """Return the lock that write transactions on ``engine`` hold.

    It is a process-wide re-entrant lock for SQLite and a no-op for other
    back ends, whose row locks handle concurrent writers.
    """
    if engine.dialect.name == 'sqlite':
        return _WRITE_LOCK
    return contextlib.nullcontext()


def mark_writer(session):
    """Make the session's transaction take the write lock at its start.

    Call it before the first statement of the transaction; it does nothing
    on other database back ends.
    """
    bind = session.get_bind()
    if bind.dialect.name == 'sqlite':
        session.connection(execution_options={BEGIN_OPTION: IMMEDIATE})
