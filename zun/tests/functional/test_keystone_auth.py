"""keystonemiddleware in front of the API, against a real Keystone."""

import pytest

from zun.tests.functional import services


@pytest.fixture(scope='module')
def demo_token():
    return services.keystone_token('demo', 'demopass', 'demo')


def test_version_documents_need_no_token(keystone_all_in_one):
    client = keystone_all_in_one.client
    assert client.get('/').status_code == 200
    assert client.get('/v1').status_code == 200


def test_containers_need_a_token(keystone_all_in_one):
    response = keystone_all_in_one.client.get('/v1/containers')
    assert response.status_code == 401


def test_invalid_token_is_rejected(keystone_all_in_one):
    response = keystone_all_in_one.client.get(
        '/v1/containers', headers={'X-Auth-Token': 'not-a-token'})
    assert response.status_code == 401


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
    assert [item['name'] for item in listed['containers']] == [name]

    forced = client.delete('/v1/containers/%s?force=true' % name)
    assert forced.status_code == 403

    deleted = client.delete('/v1/containers/%s' % name)
    assert deleted.status_code == 204
    client.wait_for_deletion(container['uuid'])
