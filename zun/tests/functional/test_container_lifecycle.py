"""Container lifecycle through the API on the real Docker engine.

Each test runs against zun-all with SQLite and against separate zun-api
and zun-compute processes with RabbitMQ and MariaDB.
"""

import concurrent.futures

import docker
import pytest

from zun.tests.functional import services

MIB = 1024 * 1024


def _engine_state(docker_client, uuid):
    return docker_client.inspect_container('zun-%s' % uuid)['State']


def _create(deployment, created, image, run=True, **extra):
    body = dict({'image': image, 'name': services.unique_name('life'),
                 'memory': '64m', 'cpu': 0.5}, **extra)
    container = deployment.client.create(body, run=run)
    created.append(container['uuid'])
    return container


def test_run_stop_start_delete(deployment, created, docker_client,
                               test_image):
    client = deployment.client
    container = _create(deployment, created, test_image)
    uuid = container['uuid']

    running = client.wait_for_status(uuid, 'Running')
    inspect = docker_client.inspect_container('zun-%s' % uuid)
    assert inspect['State']['Running'] is True
    assert inspect['HostConfig']['Memory'] == 64 * MIB
    assert inspect['HostConfig']['CpuQuota'] == 50000
    assert running['memory'] == '64'
    assert running['host'] == deployment.host

    assert client.post('/v1/containers/%s/stop' % uuid).status_code == 202
    client.wait_for_status(uuid, 'Stopped')
    assert _engine_state(docker_client, uuid)['Running'] is False

    assert client.post('/v1/containers/%s/start' % uuid).status_code == 202
    client.wait_for_status(uuid, 'Running')
    assert _engine_state(docker_client, uuid)['Running'] is True

    response = client.delete('/v1/containers/%s?stop=true' % uuid)
    assert response.status_code == 204, response.text
    client.wait_for_deletion(uuid)
    with pytest.raises(docker.errors.NotFound):
        docker_client.inspect_container('zun-%s' % uuid)


def test_create_without_run_is_created(deployment, created, docker_client,
                                       test_image):
    container = _create(deployment, created, test_image)
    created_only = _create(deployment, created, test_image, run=False)
    shown = deployment.client.wait_for_status(created_only['uuid'],
                                              'Created')
    assert shown['status_reason'] is None
    state = _engine_state(docker_client, created_only['uuid'])
    assert state['Status'] == 'created'
    deployment.client.wait_for_status(container['uuid'], 'Running')


def test_missing_image_goes_to_error(deployment, created):
    image = 'zun-no-such-image-%s:v1' % deployment.host[-6:]
    container = deployment.client.create(
        {'image': image, 'name': 'noimage-%s' % deployment.host[-6:]})
    created.append(container['uuid'])
    failed = deployment.client.wait_for_status(container['uuid'], 'Error')
    assert image.split(':')[0] in failed['status_reason']


def test_delete_after_engine_lost_container(deployment, created,
                                            docker_client, test_image):
    container = _create(deployment, created, test_image, run=False)
    deployment.client.wait_for_status(container['uuid'], 'Created')
    docker_client.remove_container('zun-%s' % container['uuid'], force=True)

    response = deployment.client.delete('/v1/containers/%s'
                                        % container['uuid'])
    assert response.status_code == 204, response.text
    deployment.client.wait_for_deletion(container['uuid'])


def _parallel(calls):
    with concurrent.futures.ThreadPoolExecutor(len(calls)) as pool:
        futures = [pool.submit(call) for call in calls]
        return [future.result() for future in futures]


def test_concurrent_deletes_one_wins(deployment, created, test_image):
    client = deployment.client
    container = _create(deployment, created, test_image, run=False)
    client.wait_for_status(container['uuid'], 'Created')
    path = '/v1/containers/%s' % container['uuid']

    responses = _parallel([lambda: client.delete(path)] * 4)

    statuses = sorted(response.status_code for response in responses)
    assert statuses.count(204) == 1, [r.text for r in responses]
    assert set(statuses) <= {204, 404, 409}, [r.text for r in responses]
    client.wait_for_deletion(container['uuid'])


def test_concurrent_starts_one_wins(deployment, created, test_image):
    client = deployment.client
    container = _create(deployment, created, test_image, run=False)
    client.wait_for_status(container['uuid'], 'Created')
    path = '/v1/containers/%s/start' % container['uuid']

    responses = _parallel([lambda: client.post(path)] * 4)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [202, 409, 409, 409], [r.text for r in responses]
    client.wait_for_status(container['uuid'], 'Running')


def test_sync_sees_engine_stop(deployment, created, docker_client,
                               test_image):
    container = _create(deployment, created, test_image)
    deployment.client.wait_for_status(container['uuid'], 'Running')

    docker_client.stop('zun-%s' % container['uuid'], timeout=5)

    stopped = deployment.client.wait_for_status(container['uuid'],
                                                'Stopped', timeout=30)
    assert stopped['status_detail'].startswith('Exited')


def test_wrong_state_action_is_409(deployment, created, test_image):
    container = _create(deployment, created, test_image)
    deployment.client.wait_for_status(container['uuid'], 'Running')

    response = deployment.client.post('/v1/containers/%s/start'
                                      % container['uuid'])

    assert response.status_code == 409
    detail = response.json()['errors'][0]['detail']
    assert 'start' in detail
    assert 'Running' in detail
