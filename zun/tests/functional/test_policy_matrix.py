"""Persona matrix: every container policy rule against a real Keystone.

Each row of ROWS names a rule, the request that exercises it and the
result that each persona gets:

* ``admin``: the cloud administrator (project admin, role admin);
* ``member``: a member of the project that owns the container (demo);
* ``reader``: a reader of that project;
* ``other_member``: a member of another project (alt_demo).

Every row sends its request to zun-all behind keystonemiddleware with the
persona's token and checks the status code, or for a field rule whether
the field is in the response. The container that a row needs belongs to
the member's project and is in a state that allows the action, so a
persona that passes the rule gets the action's own result and not an
error about the container's state.

Requests that change nothing share one container per kind. A row whose
success changes the container (``fresh``) gives every persona that
passes the rule a new container, so each request meets the state that
the row needs. Personas that fail the rule use the shared container.
"""

import base64
import dataclasses
import io
import random
import tarfile

import docker
import pytest

from zun.common.policies import container as container_policies
from zun.tests.functional import consoles
from zun.tests.functional import services

ADMIN, MEMBER, READER, OTHER = 'admin', 'member', 'reader', 'other_member'
PERSONAS = (ADMIN, MEMBER, READER, OTHER)
# Results of a field rule: whether the field is in the response.
SHOWN, HIDDEN = 'shown', 'hidden'
SUCCESSES = (200, 202, 204, SHOWN)

# Kinds of containers that rows need. The first three are statuses.
CREATED, RUNNING, PAUSED = 'Created', 'Running', 'Paused'
# A running container with a TTY and standard input, whose process is sh.
INTERACTIVE = 'interactive'
# An INTERACTIVE container with an interactive exec of sh that a client
# has started through the websocket proxy, so its TTY can be resized.
EXEC = 'exec'
# A running container that is on the module's test network.
NETWORKED = 'networked'

# The highest microversions that serve rename and the security group
# actions.
RENAME_VERSION = '1.13'
SECURITY_GROUP_VERSION = '1.14'


def _tar_data():
    """Return a one-file tar archive, base64-encoded as from 1.25 on."""
    content = b'written by the persona matrix\n'
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode='w') as tar:
        member = tarfile.TarInfo('matrix.txt')
        member.size = len(content)
        tar.addfile(member, io.BytesIO(content))
    return base64.b64encode(buffer.getvalue()).decode('ascii')


def _expect(admin, member, reader, other):
    return {ADMIN: admin, MEMBER: member, READER: reader, OTHER: other}


READ = _expect(200, 200, 200, 404)
ACT_200 = _expect(200, 200, 403, 404)
ACT_202 = _expect(202, 202, 403, 404)
ADMIN_ONLY = _expect(200, 403, 403, 403)
ADMIN_FIELD = _expect(SHOWN, HIDDEN, HIDDEN, 404)
CREATE_ADMIN_ONLY = _expect(202, 403, 403, 403)
# The local network driver has no security groups. It rejects the
# request with 400 after the policy check, so 400 means that the rule
# passed, and the reader's 403 shows that the rule is checked first.
NEEDS_NEUTRON = _expect(400, 400, 403, 404)


@dataclasses.dataclass(frozen=True)
class Row:
    """One rule exercised by one request.

    ``path`` follows /v1/containers and may hold {uuid} (the container's),
    {host} (the deployment's compute host), {request_id} (the request ID
    of the container's create action), {exec_id} (the exec of an EXEC
    container), {network} (the module's test network), {repository} (the
    module's image repository for commits) and {name} (a new unique
    name). ``container`` is the kind of container that the request needs,
    or None for a request on the collection. ``fresh`` gives every persona
    that passes the rule a container of its own, for a request whose
    success changes the container. ``field`` is the response field that a
    field rule shows; ``events[].traceback`` means the key in every item
    of the ``events`` list. ``error_text`` is part of the detail of an
    expected 400, which distinguishes it from a 400 for a malformed
    request.
    """

    rule: str
    method: str
    path: str
    expected: dict
    container: str = None
    body: dict = None
    field: str = None
    version: str = '1.40'
    fresh: bool = False
    error_text: str = None
    case: str = ''

    @property
    def id(self):
        return self.rule + (' (%s)' % self.case if self.case else '')


def _create(rule, expected, **fields):
    return Row(rule, 'POST', '', expected, body=fields)


def _field(field):
    return Row('container:get_one:%s' % field, 'GET', '/{uuid}',
               ADMIN_FIELD, container=CREATED, field=field, case='view')


def _action(rule, path, expected, container, **kwargs):
    return Row(rule, 'POST', path, expected, container=container, **kwargs)


ROWS = (
    _create('container:create', _expect(202, 202, 403, 202)),
    _create('container:create:runtime', CREATE_ADMIN_ONLY, runtime='runc'),
    _create('container:create:privileged', _expect(403, 403, 403, 403),
            privileged=True),
    _create('container:create:requested_destination', CREATE_ADMIN_ONLY,
            host='{host}'),
    _create('container:create:image_pull_policy', CREATE_ADMIN_ONLY,
            image_pull_policy='ifnotpresent'),
    Row('container:get_one', 'GET', '/{uuid}', READ, container=CREATED),
    Row('container:get_one_all_projects', 'GET',
        '/{uuid}?all_projects=true', ADMIN_ONLY, container=CREATED),
    _field('host'),
    Row('container:get_one:host', 'GET', '?host={host}', ADMIN_ONLY,
        case='list filter'),
    _field('image_pull_policy'),
    _field('privileged'),
    _field('runtime'),
    Row('container:get_all', 'GET', '', _expect(200, 200, 200, 200)),
    Row('container:get_all_all_projects', 'GET', '?all_projects=true',
        ADMIN_ONLY),
    # PATCH and rename return once the change is made, so the next
    # persona finds the shared container idle again.
    Row('container:update', 'PATCH', '/{uuid}', ACT_200, container=CREATED,
        body={'cpu': 0.5}),
    Row('container:delete', 'DELETE', '/{uuid}', _expect(204, 204, 403, 404),
        container=CREATED, fresh=True),
    Row('container:delete_all_projects', 'DELETE',
        '/{uuid}?all_projects=true', _expect(204, 403, 403, 403),
        container=CREATED, fresh=True),
    Row('container:delete_force', 'DELETE', '/{uuid}?force=true',
        _expect(204, 403, 403, 404), container=CREATED, fresh=True),
    _action('container:start', '/{uuid}/start', ACT_202, CREATED,
            fresh=True),
    _action('container:stop', '/{uuid}/stop', ACT_202, RUNNING, fresh=True),
    _action('container:reboot', '/{uuid}/reboot', ACT_202, RUNNING,
            fresh=True),
    _action('container:rebuild', '/{uuid}/rebuild', ACT_202, RUNNING,
            fresh=True),
    _action('container:pause', '/{uuid}/pause', ACT_202, RUNNING,
            fresh=True),
    _action('container:unpause', '/{uuid}/unpause', ACT_202, PAUSED,
            fresh=True),
    _action('container:kill', '/{uuid}/kill', ACT_202, RUNNING, fresh=True),
    _action('container:rename', '/{uuid}/rename?name={name}', ACT_200,
            CREATED, version=RENAME_VERSION),
    Row('container:logs', 'GET', '/{uuid}/logs', READ, container=RUNNING),
    _action('container:execute', '/{uuid}/execute?command=true&run=true',
            ACT_200, RUNNING),
    _action('container:execute_resize',
            '/{uuid}/execute_resize?exec_id={exec_id}&h=24&w=80', ACT_200,
            EXEC),
    Row('container:attach', 'GET', '/{uuid}/attach', ACT_200,
        container=INTERACTIVE),
    _action('container:resize', '/{uuid}/resize?h=24&w=80', ACT_200,
            INTERACTIVE),
    # resize_container returns before the engine change is made, with the
    # task still set, so a second request on the container would get 409.
    _action('container:resize_container', '/{uuid}/resize_container',
            ACT_202, RUNNING, body={'memory': 128}, fresh=True),
    Row('container:top', 'GET', '/{uuid}/top', READ, container=RUNNING),
    Row('container:get_archive', 'GET',
        '/{uuid}/get_archive?path=/etc/passwd', READ, container=RUNNING),
    _action('container:put_archive', '/{uuid}/put_archive?path=/tmp',
            ACT_200, RUNNING, body={'data': _tar_data()}),
    Row('container:stats', 'GET', '/{uuid}/stats', READ, container=RUNNING),
    # A commit returns once the image exists and the container runs again.
    _action('container:commit', '/{uuid}/commit?repository={repository}',
            ACT_202, RUNNING),
    _action('container:add_security_group',
            '/{uuid}/add_security_group?name=default', NEEDS_NEUTRON,
            RUNNING, version=SECURITY_GROUP_VERSION, error_text='Neutron'),
    _action('container:remove_security_group',
            '/{uuid}/remove_security_group?name=default', NEEDS_NEUTRON,
            RUNNING, version=SECURITY_GROUP_VERSION, error_text='Neutron'),
    _action('container:network_attach',
            '/{uuid}/network_attach?network={network}', ACT_200, RUNNING,
            fresh=True),
    _action('container:network_detach',
            '/{uuid}/network_detach?network={network}', ACT_202, NETWORKED,
            fresh=True),
    Row('container:network_list', 'GET', '/{uuid}/network_list', READ,
        container=RUNNING),
    Row('container:actions', 'GET', '/{uuid}/container_actions', READ,
        container=CREATED),
    Row('container:action:events', 'GET',
        '/{uuid}/container_actions/{request_id}', ADMIN_FIELD,
        container=CREATED, field='events[].traceback'),
)
CASES = [(row, persona) for row in ROWS for persona in PERSONAS]


def _case_id(case):
    row, persona = case
    return '%s-%s' % (row.id, persona)


@dataclasses.dataclass
class Owned:
    """A container of the member's project and the values rows need."""

    view: dict
    request_id: str
    exec_id: str = None


class OwnedContainers:
    """Containers of the member's project, of the kinds that rows need.

    ``shared`` returns one container per kind, made on first use;
    ``new`` makes one more. ``sessions`` are the websocket sessions that
    keep execs running until the module ends.
    """

    def __init__(self, deployment, token, image, network):
        self.deployment = deployment
        self.client = deployment.client.with_headers(token.headers)
        self.image = image
        self.network = network
        self.uuids = []
        self.sessions = []
        self._shared = {}

    def _create(self, run, **fields):
        body = dict({'image': self.image,
                     'name': services.unique_name('matrix')}, **fields)
        response = self.client.post('/v1/containers' +
                                    ('?run=true' if run else ''), json=body)
        assert response.status_code == 202, response.text
        uuid = response.json()['uuid']
        self.uuids.append(uuid)
        view = self.client.wait_for_status(uuid,
                                           RUNNING if run else CREATED)
        return Owned(view, response.headers['X-OpenStack-Request-Id'])

    def _pause(self, owned):
        uuid = owned.view['uuid']
        response = self.client.action(uuid, 'pause')
        assert response.status_code == 202, response.text
        owned.view = self.client.wait_for_status(uuid, PAUSED)
        return owned

    def _start_exec(self, owned):
        response = self.client.post(
            '/v1/containers/%s/execute' % owned.view['uuid'],
            params={'command': 'sh', 'interactive': 'true', 'run': 'false'})
        assert response.status_code == 200, response.text
        started = response.json()
        # The engine starts the exec when a client opens its session.
        session = consoles.connect(started['proxy_url'])
        self.sessions.append(session)
        consoles.read_until(session, consoles.PROMPT)
        owned.exec_id = started['exec_id']
        return owned

    def new(self, kind):
        if kind == CREATED:
            return self._create(run=False)
        if kind == RUNNING:
            return self._create(run=True)
        if kind == PAUSED:
            return self._pause(self._create(run=True))
        if kind in (INTERACTIVE, EXEC):
            owned = self._create(run=True, interactive=True, tty=True,
                                 command=['sh'])
            return self._start_exec(owned) if kind == EXEC else owned
        if kind == NETWORKED:
            return self._create(run=True, nets=[{'network': self.network}])
        raise AssertionError('Unknown kind of container: %s' % kind)

    def shared(self, kind):
        if kind not in self._shared:
            self._shared[kind] = self.new(kind)
        return self._shared[kind]


@pytest.fixture(scope='module')
def matrix_network(docker_client):
    """An engine bridge network of the module, which network rows use."""
    name = services.unique_name('zun-matrix')
    subnet = '10.%d.%d.0/24' % (random.randint(160, 250),
                                random.randint(0, 255))
    network = docker_client.create_network(
        name, driver='bridge', ipam=docker.types.IPAMConfig(
            pool_configs=[docker.types.IPAMPool(subnet=subnet)]))
    yield name
    # The containers go first, in the teardown of ``owned``.
    docker_client.remove_network(network['Id'])


@pytest.fixture(scope='module')
def committed_images(docker_client):
    """Collect the IDs of the images that commit rows make."""
    image_ids = []
    yield image_ids
    for image_id in image_ids:
        try:
            docker_client.remove_image(image_id, force=True)
        except docker.errors.NotFound:
            pass


@pytest.fixture(scope='module')
def owned(keystone_all_in_one, tokens, test_image, docker_client,
          matrix_network):
    containers = OwnedContainers(keystone_all_in_one, tokens[MEMBER],
                                 test_image, matrix_network)
    yield containers
    for session in containers.sessions:
        session.close()
    admin = keystone_all_in_one.client.with_headers(tokens[ADMIN].headers)
    for uuid in containers.uuids:
        admin.delete('/v1/containers/%s?force=true' % uuid)
        try:
            docker_client.remove_container('zun-%s' % uuid, force=True)
        except Exception:  # noqa: S110  (already gone is the usual case)
            pass


@pytest.fixture(scope='module')
def repository():
    return services.unique_name('zun-matrix-commit')


def _path(row, deployment, owned, container, repository):
    """Return the row's URL for one request.

    :param owned: the module's OwnedContainers.
    :param container: the Owned container of the request, or None.
    """
    values = {'host': deployment.host, 'network': owned.network,
              'repository': repository,
              'name': services.unique_name('renamed')}
    if container is not None:
        values.update(uuid=container.view['uuid'],
                      request_id=container.request_id,
                      exec_id=container.exec_id)
    return '/v1/containers' + row.path.format(**values)


def _body(row, deployment, image):
    if row.method != 'POST' or row.path:
        return row.body
    body = {'image': image, 'name': services.unique_name('matrix')}
    for key, value in (row.body or {}).items():
        body[key] = (value.format(host=deployment.host)
                     if isinstance(value, str) else value)
    return body


def _field_present(row, body):
    """Return whether the row's field is in a response body."""
    if '[].' not in row.field:
        return row.field in body
    name, key = row.field.split('[].')
    items = body[name]
    assert items, '%s: the response has no %s to look into' % (row.id,
                                                                 name)
    present = {key in item for item in items}
    assert len(present) == 1, '%s: only some %s have %s' % (row.id, name,
                                                             key)
    return present.pop()


def _check(row, expected, response):
    if expected in (SHOWN, HIDDEN):
        assert response.status_code == 200, response.text
        present = _field_present(row, response.json())
        assert present == (expected == SHOWN), (
            '%s: field %s is %s' % (row.id, row.field,
                                    'shown' if present else 'hidden'))
    else:
        assert response.status_code == expected, response.text
    if expected == 400:
        detail = response.json()['errors'][0]['detail']
        assert row.error_text in detail, detail


def _container(row, expected, owned):
    if row.container is None:
        return None
    if row.fresh and expected in SUCCESSES:
        return owned.new(row.container)
    return owned.shared(row.container)


@pytest.mark.parametrize('case', CASES, ids=_case_id)
def test_http_rule(case, keystone_all_in_one, tokens, owned, test_image,
                   repository, committed_images):
    row, persona = case
    expected = row.expected[persona]
    container = _container(row, expected, owned)
    client = keystone_all_in_one.client.with_headers(tokens[persona].headers)

    response = client.request(
        row.method,
        _path(row, keystone_all_in_one, owned, container, repository),
        version=row.version,
        json=_body(row, keystone_all_in_one, test_image))

    creates = row.method == 'POST' and not row.path
    if creates and response.status_code == 202:
        owned.uuids.append(response.json()['uuid'])
    if row.rule == 'container:commit' and response.status_code == 202:
        committed_images.append(response.json()['uuid'])
    _check(row, expected, response)
    if creates and expected == 202:
        # A container is created in the caller's project, whoever sends
        # the request.
        assert response.json()['project_id'] == tokens[persona].project_id


def test_rows_cover_every_rule():
    registered = {rule.name for rule in container_policies.list_rules()}
    covered = {row.rule for row in ROWS}
    assert registered - covered == set()


def test_rows_name_registered_rules():
    registered = {rule.name for rule in container_policies.list_rules()}
    covered = {row.rule for row in ROWS}
    assert covered - registered == set()


def test_tokens_carry_implied_roles(tokens):
    assert set(tokens[ADMIN].roles) >= {'admin', 'member', 'reader'}
    assert set(tokens[MEMBER].roles) >= {'member', 'reader'}
    assert tokens[READER].roles == ('reader',)


def test_reader_shares_member_project(tokens):
    assert tokens[READER].project_id == tokens[MEMBER].project_id


def test_other_member_has_own_project(tokens):
    assert tokens[OTHER].project_id != tokens[MEMBER].project_id
