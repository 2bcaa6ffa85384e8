"""Project isolation on every endpoint, with real Keystone tokens.

A container of one project does not exist for another project: a lookup
by UUID or by name gives 404, lists leave it out, and only an
administrator widens a request to every project. The fields host,
runtime, privileged and image_pull_policy are for administrators only.
"""

import pytest

from zun.tests.functional import services

RESTRICTED_FIELDS = ('host', 'image_pull_policy', 'privileged', 'runtime')
OUTSIDERS = ('other_member', 'other_reader')


class Clients:
    """One API client per persona, with the persona's token."""

    def __init__(self, deployment, tokens):
        self.deployment = deployment
        self.tokens = tokens
        self._clients = {
            name: deployment.client.with_headers(token.headers)
            for name, token in tokens.items()}

    def __getitem__(self, persona):
        return self._clients[persona]


@pytest.fixture(scope='module')
def clients(keystone_deployment, tokens):
    return Clients(keystone_deployment, tokens)


@pytest.fixture(scope='module')
def cleanup(keystone_deployment, tokens, docker_client):
    """Collect UUIDs of any project; the admin removes them at the end."""
    uuids = []
    yield uuids
    admin = keystone_deployment.client.with_headers(tokens['admin'].headers)
    for uuid in uuids:
        admin.delete('/v1/containers/%s?force=true' % uuid)
        try:
            docker_client.remove_container('zun-%s' % uuid, force=True)
        except Exception:  # noqa: S110  (already gone is the usual case)
            pass


def _create(clients, cleanup, persona, image, name=None, run=False,
            status='Created'):
    client = clients[persona]
    container = client.create({'image': image,
                               'name': name or services.unique_name('iso')},
                              run=run)
    cleanup.append(container['uuid'])
    return client.wait_for_status(container['uuid'], status)


@pytest.fixture(scope='module')
def owned(clients, cleanup, test_image):
    """A Created container of the demo project."""
    return _create(clients, cleanup, 'member', test_image)


@pytest.fixture(scope='module')
def running(clients, cleanup, test_image):
    """A Running container of the demo project."""
    return _create(clients, cleanup, 'member', test_image, run=True,
                   status='Running')


def _listed_uuids(response):
    assert response.status_code == 200, response.text
    return [item['uuid'] for item in response.json()['containers']]


@pytest.mark.parametrize('persona', OUTSIDERS)
@pytest.mark.parametrize('key', ['uuid', 'name'])
def test_show_other_project_404(clients, owned, persona, key):
    response = clients[persona].show(owned[key])
    assert response.status_code == 404, response.text


@pytest.mark.parametrize('key', ['uuid', 'name'])
def test_show_404_names_only_request(clients, owned, key):
    response = clients['other_member'].show(owned[key])
    assert clients.tokens['member'].project_id not in response.text


@pytest.mark.parametrize('persona', OUTSIDERS)
@pytest.mark.parametrize('key', ['uuid', 'name'])
def test_delete_other_project_404(clients, owned, persona, key):
    response = clients[persona].delete('/v1/containers/%s' % owned[key])
    assert response.status_code == 404, response.text


@pytest.mark.parametrize('key', ['uuid', 'name'])
def test_force_delete_other_project_404(clients, owned, key):
    response = clients['other_member'].delete(
        '/v1/containers/%s?force=true' % owned[key])
    assert response.status_code == 404, response.text


def test_owner_still_sees_container(clients, owned):
    # Runs after the other project's delete attempts.
    response = clients['member'].show(owned['uuid'])
    assert response.status_code == 200, response.text


@pytest.mark.parametrize('key', ['uuid', 'name'])
def test_start_other_project_404(clients, owned, key):
    response = clients['other_member'].post(
        '/v1/containers/%s/start' % owned[key])
    assert response.status_code == 404, response.text


@pytest.mark.parametrize('key', ['uuid', 'name'])
def test_stop_other_project_404(clients, running, key):
    response = clients['other_member'].post(
        '/v1/containers/%s/stop' % running[key])
    assert response.status_code == 404, response.text


def test_running_untouched_by_other_project(clients, running):
    body = clients['member'].show(running['uuid']).json()
    assert body['status'] == 'Running'


@pytest.mark.parametrize('persona', OUTSIDERS)
def test_list_hides_other_project(clients, owned, persona):
    listed = _listed_uuids(clients[persona].get('/v1/containers'))
    assert owned['uuid'] not in listed


@pytest.mark.parametrize('persona', ['member', 'reader'])
def test_list_shows_own_project(clients, owned, persona):
    listed = _listed_uuids(clients[persona].get('/v1/containers'))
    assert owned['uuid'] in listed


def test_list_only_own_project_ids(clients, owned):
    response = clients['member'].get('/v1/containers')
    projects = {item['project_id'] for item in response.json()['containers']}
    assert projects == {clients.tokens['member'].project_id}


def test_project_filter_stays_in_project(clients, owned):
    owner_project = clients.tokens['member'].project_id
    response = clients['other_member'].get(
        '/v1/containers?project_id=%s' % owner_project)
    assert _listed_uuids(response) == []


def test_name_filter_stays_in_project(clients, owned):
    response = clients['other_member'].get(
        '/v1/containers?name=%s' % owned['name'])
    assert _listed_uuids(response) == []


def test_admin_list_own_project_by_default(clients, owned):
    listed = _listed_uuids(clients['admin'].get('/v1/containers'))
    assert owned['uuid'] not in listed


def test_admin_lists_all_projects(clients, owned, cleanup, test_image):
    other = _create(clients, cleanup, 'other_member', test_image)
    listed = _listed_uuids(clients['admin'].get(
        '/v1/containers?all_projects=true'))
    assert {owned['uuid'], other['uuid']} <= set(listed)


@pytest.mark.parametrize('persona', ['member', 'reader', 'other_member'])
def test_all_projects_list_403(clients, persona):
    response = clients[persona].get('/v1/containers?all_projects=true')
    assert response.status_code == 403, response.text


@pytest.mark.parametrize('persona', ['member', 'reader'])
def test_all_projects_show_403(clients, owned, persona):
    response = clients[persona].get(
        '/v1/containers/%s?all_projects=true' % owned['uuid'])
    assert response.status_code == 403, response.text


def test_admin_shows_any_project(clients, owned):
    response = clients['admin'].show(owned['name'])
    assert response.json()['uuid'] == owned['uuid']


def test_same_name_in_two_projects(clients, cleanup, test_image):
    name = services.unique_name('twin')
    mine = _create(clients, cleanup, 'member', test_image, name=name)
    theirs = _create(clients, cleanup, 'other_member', test_image, name=name)
    assert clients['member'].show(name).json()['uuid'] == mine['uuid']
    assert clients['other_member'].show(name).json()['uuid'] == \
        theirs['uuid']


def test_delete_by_shared_name_stays_in_project(clients, cleanup,
                                                test_image):
    name = services.unique_name('twin')
    mine = _create(clients, cleanup, 'member', test_image, name=name)
    theirs = _create(clients, cleanup, 'other_member', test_image, name=name)
    response = clients['other_member'].delete('/v1/containers/%s' % name)
    assert response.status_code == 204, response.text
    clients['other_member'].wait_for_deletion(theirs['uuid'])
    assert clients['member'].show(mine['uuid']).status_code == 200


@pytest.mark.parametrize('field', RESTRICTED_FIELDS)
def test_admin_sees_restricted_field(clients, owned, field):
    assert field in clients['admin'].show(owned['uuid']).json()


@pytest.mark.parametrize('persona', ['member', 'reader'])
@pytest.mark.parametrize('field', RESTRICTED_FIELDS)
def test_show_hides_restricted_field(clients, owned, persona, field):
    assert field not in clients[persona].show(owned['uuid']).json()


@pytest.mark.parametrize('persona', ['member', 'reader'])
@pytest.mark.parametrize('field', RESTRICTED_FIELDS)
def test_list_hides_restricted_field(clients, owned, persona, field):
    response = clients[persona].get('/v1/containers')
    listed = response.json()['containers']
    assert listed
    assert all(field not in item for item in listed)


def test_create_response_hides_host(clients, cleanup, test_image):
    response = clients['member'].post(
        '/v1/containers', json={'image': test_image,
                                'name': services.unique_name('iso')})
    assert response.status_code == 202, response.text
    cleanup.append(response.json()['uuid'])
    assert 'host' not in response.json()


@pytest.mark.parametrize('field', RESTRICTED_FIELDS)
def test_admin_list_shows_field(clients, owned, field):
    response = clients['admin'].get('/v1/containers?all_projects=true')
    found = [item for item in response.json()['containers']
             if item['uuid'] == owned['uuid']]
    assert field in found[0]


def test_admin_filters_by_host(clients, owned):
    host = clients.deployment.host
    listed = _listed_uuids(clients['admin'].get(
        '/v1/containers?all_projects=true&host=%s' % host))
    assert owned['uuid'] in listed


@pytest.mark.parametrize('persona', ['member', 'reader', 'other_member'])
def test_host_filter_403(clients, persona):
    host = clients.deployment.host
    response = clients[persona].get('/v1/containers?host=%s' % host)
    assert response.status_code == 403, response.text
