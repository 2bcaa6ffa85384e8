"""x-openstack-request-id on every response, and on the action records.

The ID that a client gets in the response header is the one that the
API stores on the container's action record, and zun-compute records the
action's events under the same ID.
"""

import re

import pytest
import sqlalchemy as sa

from zun.tests.functional import services

HEADER = 'x-openstack-request-id'
REQUEST_ID = re.compile(r'^req-[0-9a-f-]{36}$')


@pytest.fixture(scope='module')
def member(keystone_deployment, tokens):
    return keystone_deployment.client.with_headers(tokens['member'].headers)


@pytest.fixture(scope='module')
def database(keystone_deployment):
    engine = sa.create_engine(keystone_deployment.db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope='module')
def cleanup(keystone_deployment, tokens, docker_client):
    uuids = []
    yield uuids
    admin = keystone_deployment.client.with_headers(tokens['admin'].headers)
    for uuid in uuids:
        admin.delete('/v1/containers/%s?force=true' % uuid)
        try:
            docker_client.remove_container('zun-%s' % uuid, force=True)
        except Exception:  # noqa: S110  (already gone is the usual case)
            pass


def _action(database, uuid, action):
    with database.connect() as connection:
        rows = connection.execute(sa.text(
            'SELECT id, request_id FROM container_actions '
            'WHERE container_uuid = :uuid AND action = :action'),
            {'uuid': uuid, 'action': action}).all()
    assert len(rows) == 1, rows
    return rows[0]


def _event_count(database, action_id):
    with database.connect() as connection:
        return connection.execute(sa.text(
            'SELECT COUNT(*) FROM container_actions_events '
            'WHERE action_id = :action_id'),
            {'action_id': action_id}).scalar()


def _assert_request_id(response):
    assert REQUEST_ID.match(response.headers.get(HEADER, '')), (
        response.status_code, dict(response.headers))


@pytest.mark.parametrize('path', ['/', '/v1', '/healthcheck'])
def test_public_paths_have_request_id(keystone_deployment, path):
    _assert_request_id(keystone_deployment.client.get(path))


def test_401_has_request_id(keystone_deployment):
    response = keystone_deployment.client.get('/v1/containers')
    assert response.status_code == 401
    _assert_request_id(response)


def test_invalid_token_401_has_request_id(keystone_deployment):
    response = keystone_deployment.client.get(
        '/v1/containers', headers={'X-Auth-Token': 'not-a-token'})
    assert response.status_code == 401
    _assert_request_id(response)


def test_list_has_request_id(member):
    response = member.get('/v1/containers')
    assert response.status_code == 200
    _assert_request_id(response)


def test_404_has_request_id(member):
    response = member.show(services.unique_name('missing'))
    assert response.status_code == 404
    _assert_request_id(response)


def test_403_has_request_id(member):
    response = member.get('/v1/containers?all_projects=true')
    assert response.status_code == 403
    _assert_request_id(response)


def test_406_has_request_id(member):
    response = member.get('/v1/containers', version='1.99')
    assert response.status_code == 406
    _assert_request_id(response)


def test_error_body_repeats_request_id(member):
    response = member.show(services.unique_name('missing'))
    error = response.json()['errors'][0]
    assert error['request_id'] == response.headers[HEADER]


def test_ids_differ_per_request(member):
    first = member.get('/v1/containers').headers[HEADER]
    second = member.get('/v1/containers').headers[HEADER]
    assert first != second


def test_create_action_has_response_id(member, database, cleanup,
                                       test_image):
    response = member.post('/v1/containers', json={
        'image': test_image, 'name': services.unique_name('reqid')})
    assert response.status_code == 202, response.text
    uuid = response.json()['uuid']
    cleanup.append(uuid)
    member.wait_for_status(uuid, 'Created')

    action_id, request_id = _action(database, uuid, 'create')

    assert request_id == response.headers[HEADER]
    assert _event_count(database, action_id) >= 1


@pytest.mark.parametrize('action', ['start', 'stop'])
def test_action_has_response_id(member, database, cleanup, test_image,
                                action):
    container = member.create({'image': test_image,
                               'name': services.unique_name('reqid')},
                              run=action == 'stop')
    cleanup.append(container['uuid'])
    member.wait_for_status(container['uuid'],
                           'Running' if action == 'stop' else 'Created')

    response = member.post('/v1/containers/%s/%s' % (container['uuid'],
                                                     action))
    assert response.status_code == 202, response.text
    member.wait_for_status(container['uuid'],
                           'Stopped' if action == 'stop' else 'Running')
    action_id, request_id = _action(database, container['uuid'], action)

    assert request_id == response.headers[HEADER]
    assert _event_count(database, action_id) >= 1


def test_delete_action_has_response_id(member, database, cleanup,
                                       test_image):
    container = member.create({'image': test_image,
                               'name': services.unique_name('reqid')},
                              run=False)
    cleanup.append(container['uuid'])
    member.wait_for_status(container['uuid'], 'Created')

    response = member.delete('/v1/containers/%s' % container['uuid'])
    assert response.status_code == 204, response.text
    _assert_request_id(response)
