"""keystonemiddleware in front of the API, against a real Keystone."""

import time

import pytest

from zun.tests.functional import keystone
from zun.tests.functional import services

# Requests that need a token: everything but the version documents.
PROTECTED = [
    ('GET', '/v1/containers'),
    ('POST', '/v1/containers'),
    ('GET', '/v1/containers/some-name'),
    ('DELETE', '/v1/containers/some-name'),
    ('POST', '/v1/containers/some-name/start'),
    ('POST', '/v1/containers/some-name/stop'),
    ('GET', '/v1/no-such-resource'),
    ('GET', '/v2'),
]


@pytest.fixture(scope='module')
def demo_token():
    return services.keystone_token('demo', 'demopass', 'demo')


def test_version_documents_need_no_token(keystone_all_in_one):
    client = keystone_all_in_one.client
    assert client.get('/').status_code == 200
    assert client.get('/v1').status_code == 200


def test_version_documents_ignore_bad_token(keystone_all_in_one):
    client = keystone_all_in_one.client.with_headers(
        {'X-Auth-Token': 'not-a-token'})
    assert client.get('/v1/').status_code == 200


@pytest.mark.parametrize('method,path', PROTECTED)
def test_request_needs_a_token(keystone_all_in_one, method, path):
    response = keystone_all_in_one.client.request(method, path)
    assert response.status_code == 401, response.text


@pytest.mark.parametrize('method,path', PROTECTED)
def test_invalid_token_is_rejected(keystone_all_in_one, method, path):
    response = keystone_all_in_one.client.request(
        method, path, headers={'X-Auth-Token': 'not-a-token'})
    assert response.status_code == 401, response.text


def test_401_names_keystone(keystone_all_in_one):
    response = keystone_all_in_one.client.get('/v1/containers')
    assert keystone.KEYSTONE_URL in response.headers['WWW-Authenticate']


def test_system_scoped_token_403(keystone_all_in_one):
    token = keystone.issue_system_token()
    response = keystone_all_in_one.client.get(
        '/v1/containers', headers={'X-Auth-Token': token})
    assert response.status_code == 403, response.text


def test_admin_token_accepted(keystone_all_in_one):
    token = keystone.issue_token('admin')
    response = keystone_all_in_one.client.get(
        '/v1/containers', headers=token.headers)
    assert response.status_code == 200, response.text


def test_token_owner_gets_the_container(keystone_all_in_one, demo_token,
                                        test_image):
    token, project_id = demo_token
    client = keystone_all_in_one.client.with_headers({'X-Auth-Token': token})
    name = services.unique_name('ks')
    response = client.post('/v1/containers',
                           json={'image': test_image, 'name': name})
    assert response.status_code == 202, response.text
    container = response.json()
    assert container['project_id'] == project_id
    assert 'host' not in container
    client.wait_for_status(container['uuid'], 'Created')

    listed = client.get('/v1/containers').json()
    assert name in [item['name'] for item in listed['containers']]

    forced = client.delete('/v1/containers/%s?force=true' % name)
    assert forced.status_code == 403

    deleted = client.delete('/v1/containers/%s' % name)
    assert deleted.status_code == 204
    client.wait_for_deletion(container['uuid'])


def _wait_for_status_code(client, path, status_code, timeout=10):
    """Poll until ``path`` returns ``status_code``.

    oslo.policy rereads the policy file when its modification time
    changes; a rewrite within the file system's time resolution would go
    unnoticed, so the test waits rather than assuming one request is
    enough.
    """
    deadline = time.monotonic() + timeout
    response = None
    while time.monotonic() < deadline:
        response = client.get(path)
        if response.status_code == status_code:
            return response
        time.sleep(0.2)
    raise AssertionError('%s answered %s, not %s: %s'
                         % (path, response.status_code, status_code,
                            response.text))


@pytest.fixture()
def policy_file(keystone_all_in_one):
    """Let a test write policy overrides; restore the defaults after it."""
    yield keystone_all_in_one.write_policy
    keystone_all_in_one.write_policy(
        {'container:get_all': 'rule:admin_or_reader',
         'container:create': 'rule:admin_or_member',
         'container:get_all_all_projects': 'rule:context_is_admin'})


def test_policy_file_denies_list(keystone_all_in_one, tokens, policy_file):
    member = keystone_all_in_one.client.with_headers(tokens['member'].headers)
    policy_file({'container:get_all': '!'})
    response = _wait_for_status_code(member, '/v1/containers', 403)
    assert 'container:get_all' in response.text


def test_policy_file_grants_reader_create(keystone_all_in_one, tokens,
                                          policy_file, test_image,
                                          docker_client):
    reader = keystone_all_in_one.client.with_headers(tokens['reader'].headers)
    denied = reader.post('/v1/containers', json={'image': test_image})
    assert denied.status_code == 403, denied.text

    # The second rule shows when the service has read the new file.
    policy_file({'container:create': 'rule:admin_or_reader',
                 'container:get_all_all_projects': 'rule:admin_or_reader'})
    _wait_for_status_code(reader, '/v1/containers?all_projects=true', 200)
    response = reader.post('/v1/containers', json={'image': test_image})
    assert response.status_code == 202, response.text
    uuid = response.json()['uuid']
    reader.wait_for_status(uuid, 'Created')
    assert reader.delete('/v1/containers/%s' % uuid).status_code == 403
    admin = keystone_all_in_one.client.with_headers(tokens['admin'].headers)
    assert admin.delete('/v1/containers/%s' % uuid).status_code == 204
    admin.wait_for_deletion(uuid)
