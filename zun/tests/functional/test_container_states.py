"""Every action on every status, and stale statuses, on the real engine.

The state sync of these deployments runs once an hour, so a status that a
test writes into the database, or that the engine changed behind zun's
back, stays as it is until a request reads the engine.
"""

import pytest
import sqlalchemy as sa

from zun.common import consts
from zun.tests.functional import conftest
from zun.tests.functional import services

# Statuses that a test can put a container in on the real engine.
STATUSES = ('Created', 'Running', 'Stopped', 'Paused', 'Error')
UPDATE_MEMORY = 96


def _slow_sync(deployment_class):
    class SlowSync(deployment_class):
        def config_values(self):
            values = super().config_values()
            values['compute']['sync_container_state_interval'] = '3600'
            return values
    return SlowSync


@pytest.fixture(scope='module', params=sorted(conftest.DEPLOYMENTS))
def deployment(request, docker_client):
    """Each deployment kind, with a state sync that never runs in a test."""
    deployment = _slow_sync(conftest.DEPLOYMENTS[request.param])()
    request.addfinalizer(deployment.cleanup)
    try:
        deployment.start()
    except Exception:
        print(deployment.logs())
        raise
    return deployment


def _db_execute(deployment, statement, **params):
    """Run one SQL statement; return its rows, or its row count."""
    engine = sa.create_engine(deployment.db_url)
    try:
        with engine.begin() as connection:
            result = connection.execute(sa.text(statement), params)
            return result.all() if result.returns_rows else result.rowcount
    finally:
        engine.dispose()


def _force_status(deployment, uuid, status):
    count = _db_execute(deployment, 'UPDATE container SET status = :status '
                        'WHERE uuid = :uuid', status=status, uuid=uuid)
    assert count == 1


def _event_details(deployment, uuid, event):
    rows = _db_execute(
        deployment,
        'SELECT e.result, e.details FROM container_actions_events e '
        'JOIN container_actions a ON a.id = e.action_id '
        'WHERE a.container_uuid = :uuid AND e.event = :event',
        uuid=uuid, event=event)
    return [tuple(row) for row in rows]


def _make(deployment, created, image, status):
    """Return the UUID of a new container in ``status``, with no task."""
    client = deployment.client
    body = {'image': image, 'name': services.unique_name('state'),
            'memory': '64m', 'cpu': 0.5}
    container = client.create(body, run=status != 'Created')
    uuid = container['uuid']
    created.append(uuid)
    if status == 'Created':
        client.wait_for_status(uuid, 'Created')
        return uuid
    client.wait_for_status(uuid, 'Running')
    if status in ('Stopped', 'Error'):
        assert client.action(uuid, 'stop?timeout=2').status_code == 202
        client.wait_for_status(uuid, 'Stopped')
    if status == 'Paused':
        assert client.action(uuid, 'pause').status_code == 202
        client.wait_for_status(uuid, 'Paused')
    if status == 'Error':
        # A past failure that the engine does not show: the container
        # exists and is stopped.
        _force_status(deployment, uuid, 'Error')
    return uuid


def _request(deployment, uuid, action, repository):
    """Send ``action``; return (response, expected success code)."""
    client = deployment.client
    if action == 'update':
        return client.patch('/v1/containers/%s' % uuid,
                            json={'memory': UPDATE_MEMORY}), 200
    if action == 'resize_container':
        return client.action(uuid, action, version='1.19',
                             json={'memory': UPDATE_MEMORY}), 202
    if action == 'delete':
        return client.delete('/v1/containers/%s' % uuid), 204
    if action == 'commit':
        return client.action(uuid, 'commit?repository=%s' % repository), 202
    if action in ('stop', 'reboot'):
        return client.action(uuid, '%s?timeout=2' % action), 202
    return client.action(uuid, action), 202


def _expected_status(action, before):
    return {
        'start': 'Running', 'stop': 'Stopped', 'pause': 'Paused',
        'unpause': 'Running', 'kill': 'Stopped', 'reboot': 'Running',
        'rebuild': 'Running' if before == 'Running' else 'Created',
    }.get(action, before)


ACTIONS = ('start', 'stop', 'pause', 'unpause', 'kill', 'reboot', 'rebuild',
           'commit', 'update', 'resize_container', 'delete')


@pytest.mark.parametrize('status', STATUSES)
def test_every_action(deployment, created, docker_client, test_image,
                      status):
    client = deployment.client
    repository = 'zun-func-state-%s' % deployment.host[-10:]
    idle = _make(deployment, created, test_image, status)
    failures = []
    for action in ACTIONS:
        allowed = status in consts.ALLOWED_STATUSES[action]
        uuid = _make(deployment, created, test_image, status) if allowed \
            else idle
        response, success = _request(deployment, uuid, action, repository)
        label = '%s on %s' % (action, status)
        if not allowed:
            if response.status_code != 409:
                failures.append('%s: %s %s' % (label, response.status_code,
                                               response.text))
            continue
        if response.status_code != success:
            failures.append('%s: %s %s' % (label, response.status_code,
                                           response.text))
            continue
        if action == 'delete':
            client.wait_for_deletion(uuid)
            continue
        shown = client.wait_for_status(uuid, _expected_status(action,
                                                              status))
        if action in ('update', 'resize_container'):
            memory = docker_client.inspect_container(
                'zun-%s' % uuid)['HostConfig']['Memory']
            if memory != UPDATE_MEMORY * 1024 * 1024 or (
                    shown['memory'] != str(UPDATE_MEMORY)):
                failures.append('%s: memory %s on the engine, %s shown'
                                % (label, memory, shown['memory']))
    shown = client.show(idle).json()
    assert shown['status'] == status
    assert shown['task_state'] is None
    try:
        docker_client.remove_image(repository, force=True)
    except Exception:  # noqa: S110  (only allowed commits made the image)
        pass
    assert not failures, '\n'.join(failures)


def test_table_covers_served_actions():
    for action in ACTIONS:
        assert action in consts.ALLOWED_STATUSES
        assert action in consts.ACTION_TASK_STATES


@pytest.mark.parametrize('action', ['pause', 'kill'])
def test_action_on_exited_container_409(deployment, created, docker_client,
                                        test_image, action):
    client = deployment.client
    uuid = _make(deployment, created, test_image, 'Running')
    # The container exits behind zun's back; the record still says Running.
    docker_client.kill('zun-%s' % uuid)
    assert client.show(uuid).json()['status'] == 'Running'

    response = client.action(uuid, action)

    assert response.status_code == 409, response.text
    detail = response.json()['errors'][0]['detail']
    assert detail == 'Cannot %s container %s in Stopped state.' % (action,
                                                                   uuid)
    shown = client.show(uuid).json()
    assert shown['status'] == 'Stopped'
    assert shown['task_state'] is None
    events = _event_details(deployment, uuid, 'compute_container_%s'
                            % action)
    assert events == [('Error', detail)]


def test_unpause_running_container_409(deployment, created, docker_client,
                                       test_image):
    client = deployment.client
    uuid = _make(deployment, created, test_image, 'Paused')
    docker_client.unpause('zun-%s' % uuid)

    response = client.action(uuid, 'unpause')

    assert response.status_code == 409, response.text
    assert 'in Running state' in response.json()['errors'][0]['detail']
    assert client.show(uuid).json()['status'] == 'Running'


@pytest.mark.parametrize('action', ['commit', 'update', 'pause'])
def test_action_on_vanished_container_409(deployment, created,
                                          docker_client, test_image,
                                          action):
    client = deployment.client
    uuid = _make(deployment, created, test_image, 'Running')
    docker_client.remove_container('zun-%s' % uuid, force=True)

    response, _ = _request(deployment, uuid, action, 'zun-func-vanished')

    assert response.status_code == 409, response.text
    assert 'in Error state' in response.json()['errors'][0]['detail']
    shown = client.show(uuid).json()
    assert shown['status'] == 'Error'
    assert shown['status_reason'] == 'No such container'
    assert shown['task_state'] is None
