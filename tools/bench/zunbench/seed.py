"""Container rows written straight into the database for list and show.

The rows belong to a host that runs no compute service, so no state sync
touches them, and to the project that the noauth API gives its callers.
"""

import datetime
import uuid

import sqlalchemy as sa

from zun.db.sqlalchemy import models

SEED_HOST = 'bench-seeded-host'
PROJECT_ID = 'admin'
USER_ID = 'admin'
BATCH = 1000


def _row(index, now):
    return {
        'uuid': str(uuid.uuid4()),
        'container_id': uuid.uuid4().hex + uuid.uuid4().hex,
        'name': 'bench-seed-%06d' % index,
        'project_id': PROJECT_ID,
        'user_id': USER_ID,
        'image': 'zun-functest:latest',
        'image_driver': 'docker',
        'image_pull_policy': 'ifnotpresent',
        'command': ['sleep', '3600'],
        'cpu': 0.5,
        'memory': 256,
        'status': 'Running',
        'status_detail': 'Up 2 hours',
        'environment': {'ROLE': 'bench', 'INDEX': str(index)},
        'workdir': '/',
        'hostname': 'bench-%d' % index,
        'labels': {'app': 'bench'},
        'restart_policy': {'Name': 'no', 'MaximumRetryCount': '0'},
        'interactive': False,
        'tty': False,
        'auto_remove': False,
        'auto_heal': False,
        'privileged': False,
        'addresses': {},
        'security_groups': [],
        'requested_networks': [],
        'mounts': [],
        'exposed_ports': {},
        'hints': {},
        'availability_zone': 'nova',
        'host': SEED_HOST,
        'started_at': now,
        'created_at': now,
    }


def add_containers(url, first, count):
    """Insert ``count`` rows named from index ``first`` on; return UUIDs."""
    engine = sa.create_engine(url)
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    uuids = []
    try:
        for start in range(first, first + count, BATCH):
            stop = min(start + BATCH, first + count)
            rows = [_row(index, now) for index in range(start, stop)]
            with engine.begin() as connection:
                connection.execute(sa.insert(models.Container), rows)
            uuids.extend(row['uuid'] for row in rows)
    finally:
        engine.dispose()
    return uuids


def remove_containers(url):
    """Delete the rows that add_containers() wrote."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.delete(models.Container).where(
                models.Container.host == SEED_HOST))
    finally:
        engine.dispose()
