"""The action history of containers, through the API on the real engine.

Each test runs against zun-all with SQLite and against separate zun-api
and zun-compute processes with RabbitMQ and MariaDB.
"""

import time

from zun.tests.functional import services

ACTION_KEYS = {'action', 'container_uuid', 'request_id', 'user_id',
               'project_id', 'start_time', 'finish_time', 'message'}
CREATE_EVENTS = {'compute_container_create', 'compute_image_pull',
                 'compute_network_connect', 'compute_container_start'}
# A member of the project of the noauth default user, who is an admin.
MEMBER = {'X-Project-Id': 'admin', 'X-User-Id': 'member-user',
          'X-Roles': 'member'}


def _actions_path(ident):
    return '/v1/containers/%s/container_actions' % ident


def _list(client, ident, version=None):
    response = client.get(_actions_path(ident), version=version)
    assert response.status_code == 200, response.text
    return response.json()['containerActions']


def _show(client, ident, request_id, version=None):
    response = client.get('%s/%s' % (_actions_path(ident), request_id),
                          version=version)
    assert response.status_code == 200, response.text
    return response.json()


def _wait_for_finish(client, ident, request_id, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        action = _show(client, ident, request_id)
        if action['finish_time'] is not None:
            return action
        assert time.monotonic() < deadline, action
        time.sleep(0.2)


def _run(deployment, created, image, **extra):
    body = dict({'image': image, 'name': services.unique_name('hist'),
                 'memory': '64m'}, **extra)
    response = deployment.client.post('/v1/containers?run=true', json=body)
    assert response.status_code == 202, response.text
    created.append(response.json()['uuid'])
    return response.json(), response.headers['X-Openstack-Request-Id']


def test_run_and_stop_recorded(deployment, created, test_image):
    client = deployment.client
    container, create_request = _run(deployment, created, test_image)
    uuid = container['uuid']
    client.wait_for_status(uuid, 'Running')
    stop = client.post('/v1/containers/%s/stop' % uuid)
    assert stop.status_code == 202, stop.text
    stop_request = stop.headers['X-Openstack-Request-Id']
    client.wait_for_status(uuid, 'Stopped')
    _wait_for_finish(client, uuid, stop_request)

    actions = _list(client, uuid)
    assert [action['action'] for action in actions] == ['stop', 'create']
    assert [action['request_id'] for action in actions] == [
        stop_request, create_request]
    for action in actions:
        assert set(action) == ACTION_KEYS
        assert action['container_uuid'] == uuid
        assert action['user_id'] == 'admin'
        assert action['project_id'] == 'admin'
        assert action['message'] is None
        assert action['start_time'] <= action['finish_time']


def test_finish_time_from_1_33(deployment, created, test_image):
    client = deployment.client
    container, request_id = _run(deployment, created, test_image)
    client.wait_for_status(container['uuid'], 'Running')
    _wait_for_finish(client, container['uuid'], request_id)
    old = _list(client, container['uuid'], version='1.32')[0]
    new = _list(client, container['uuid'], version='1.33')[0]
    assert 'finish_time' not in old
    assert new['finish_time'] is not None
    shown = _show(client, container['uuid'], request_id, version='1.32')
    assert 'finish_time' not in shown


def test_create_events(deployment, created, test_image):
    client = deployment.client
    container, request_id = _run(deployment, created, test_image)
    client.wait_for_status(container['uuid'], 'Running')
    action = _wait_for_finish(client, container['uuid'], request_id)
    assert action['action'] == 'create'
    assert {event['event'] for event in action['events']} == CREATE_EVENTS
    for event in action['events']:
        assert event['result'] == 'Success'
        assert event['finish_time'] is not None
        assert event['traceback'] is None


def test_failed_create_traceback_for_admin(deployment, created):
    client = deployment.client
    image = 'zun-no-such-image-%s:v1' % deployment.host[-6:]
    container, request_id = _run(deployment, created, image)
    client.wait_for_status(container['uuid'], 'Error')
    action = _wait_for_finish(client, container['uuid'], request_id)
    assert action['message'] == 'Error'
    failed = [event for event in action['events']
              if event['result'] == 'Error']
    assert {event['event'] for event in failed} == {
        'compute_container_create', 'compute_image_pull'}
    for event in failed:
        assert 'Traceback' in event['traceback']

    member = client.with_headers(MEMBER)
    shown = _show(member, container['uuid'], request_id)
    for event in shown['events']:
        assert 'traceback' not in event


def test_unknown_action_404(deployment, created, test_image):
    client = deployment.client
    container, _ = _run(deployment, created, test_image)
    response = client.get('%s/req-unknown' % _actions_path(
        container['uuid']))
    assert response.status_code == 404, response.text
    error = response.json()['errors'][0]
    assert error['code'] == 'container.container-action-not-found'


def test_other_project_404(deployment, created, test_image):
    container, _ = _run(deployment, created, test_image)
    stranger = deployment.client.with_headers(
        {'X-Project-Id': 'other', 'X-User-Id': 'stranger',
         'X-Roles': 'member'})
    response = stranger.get(_actions_path(container['uuid']))
    assert response.status_code == 404, response.text


def test_policy_denies_history(deployment, created, test_image):
    container, request_id = _run(deployment, created, test_image)
    member = deployment.client.with_headers(MEMBER)
    deployment.write_policy({'container:actions': '!'})
    try:
        listed = member.get(_actions_path(container['uuid']))
        shown = member.get('%s/%s' % (_actions_path(container['uuid']),
                                      request_id))
    finally:
        deployment.write_policy({})
    assert listed.status_code == 403, listed.text
    assert shown.status_code == 403, shown.text
    assert 'container:actions' in listed.json()['errors'][0]['detail']
