"""Crashes and bursts of requests against the real services."""

import concurrent.futures
import time

from zun.tests.functional import services


def _wait_for_task(client, uuid, task_state, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.show(uuid).json()
        if body['task_state'] == task_state:
            return body
        time.sleep(0.1)
    raise AssertionError('Container %s never had task %s' % (uuid,
                                                             task_state))


def test_crash_during_stop_recovers(deployment, created, docker_client,
                                    test_image):
    client = deployment.client
    # `sleep` ignores SIGTERM, so the stop waits for its whole timeout.
    container = client.create({'image': test_image,
                               'name': services.unique_name('crash'),
                               'command': ['sleep', '3600']})
    created.append(container['uuid'])
    client.wait_for_status(container['uuid'], 'Running')
    response = client.post('/v1/containers/%s/stop?timeout=60'
                           % container['uuid'])
    assert response.status_code == 202
    _wait_for_task(client, container['uuid'], 'container_stopping')

    deployment.crash_and_restart()

    settled = client.wait_for_status(container['uuid'],
                                     ('Running', 'Stopped'), timeout=60)
    assert 'restarted' in settled['status_reason']
    delete = client.delete('/v1/containers/%s?stop=true' % container['uuid'])
    assert delete.status_code == 204, delete.text
    client.wait_for_deletion(container['uuid'])


def test_burst_of_creates_all_accepted(deployment, created, test_image):
    client = deployment.client
    names = [services.unique_name('burst') for _ in range(20)]

    def create(name):
        return client.post('/v1/containers', json={'image': test_image,
                                                   'name': name})

    with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
        responses = list(pool.map(create, names))
    for response in responses:
        if response.status_code == 202:
            created.append(response.json()['uuid'])
    statuses = [response.status_code for response in responses]
    assert statuses == [202] * len(names), [r.text for r in responses]
    for uuid in created:
        shown = client.wait_for_status(uuid, ('Created', 'Error'))
        assert shown['status'] == 'Created', shown['status_reason']
