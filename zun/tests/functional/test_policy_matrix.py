"""Persona matrix: every container policy rule against a real Keystone.

Each row of ROWS names a rule, the request that exercises it and the
result that each persona gets:

* ``admin``: the cloud administrator (project admin, role admin);
* ``member``: a member of the project that owns the container (demo);
* ``reader``: a reader of that project;
* ``other_member``: a member of another project (alt_demo).

Rows marked HTTP send the request to zun-all behind keystonemiddleware
with the persona's token and check the status code, or for a field rule
whether the field is in the view. Rows marked ENFORCER are for endpoints
that the API does not serve yet. For them the test builds the request
context from the same persona's token data (user, project and the role
list that Keystone put into the token) and checks the rule with the
policy enforcer, which must allow exactly the personas whose expected
result is a success. When an endpoint lands, switch its row to HTTP: the
request in the row is the one to send.
"""

import dataclasses

from oslo_config import cfg
import pytest

from zun import conf as zun_conf  # noqa: F401  (registers the options)
from zun.common import context as zun_context
from zun.common import policy
from zun.common.policies import container as container_policies
from zun.tests.functional import services

ADMIN, MEMBER, READER, OTHER = 'admin', 'member', 'reader', 'other_member'
PERSONAS = (ADMIN, MEMBER, READER, OTHER)
# How a request is checked: over HTTP, or through the policy enforcer
# because the endpoint does not exist yet.
HTTP, ENFORCER = 'http', 'enforcer'
# Results of a field rule: whether the field is in the container view.
SHOWN, HIDDEN = 'shown', 'hidden'
SUCCESSES = (200, 202, 204, SHOWN)

CREATED, RUNNING, PAUSED = 'Created', 'Running', 'Paused'
# A one-file tar archive, base64-encoded, for put_archive from 1.25 on.
TAR_DATA = 'dGVzdC50eHQ='


def _expect(admin, member, reader, other):
    return {ADMIN: admin, MEMBER: member, READER: reader, OTHER: other}


READ = _expect(200, 200, 200, 404)
ACT_200 = _expect(200, 200, 403, 404)
ACT_202 = _expect(202, 202, 403, 404)
ADMIN_ONLY = _expect(200, 403, 403, 403)
ADMIN_FIELD = _expect(SHOWN, HIDDEN, HIDDEN, 404)
CREATE_ADMIN_ONLY = _expect(202, 403, 403, 403)


@dataclasses.dataclass(frozen=True)
class Row:
    """One rule exercised by one request.

    ``path`` follows /v1/containers and may hold {uuid} (the container's),
    {host} (the deployment's compute host) and {request_id} (the request
    ID of the container's create action). ``status`` is the container
    status that the request needs, or None for a request on the
    collection. ``field`` is the view field that a field rule shows.
    """

    rule: str
    method: str
    path: str
    expected: dict
    status: str = None
    body: dict = None
    field: str = None
    version: str = '1.40'
    via: str = HTTP
    case: str = ''

    @property
    def id(self):
        return self.rule + (' (%s)' % self.case if self.case else '')


def _create(rule, expected, **fields):
    return Row(rule, 'POST', '', expected, body=fields)


def _field(field):
    return Row('container:get_one:%s' % field, 'GET', '/{uuid}',
               ADMIN_FIELD, status=CREATED, field=field, case='view')


def _later(rule, method, path, expected, status, **kwargs):
    """Return a row whose endpoint is not served yet: ENFORCER."""
    return Row(rule, method, path, expected, status=status, via=ENFORCER,
               **kwargs)


ROWS = (
    _create('container:create', _expect(202, 202, 403, 202)),
    _create('container:create:runtime', CREATE_ADMIN_ONLY, runtime='runc'),
    _create('container:create:privileged', _expect(403, 403, 403, 403),
            privileged=True),
    _create('container:create:requested_destination', CREATE_ADMIN_ONLY,
            host='{host}'),
    _create('container:create:image_pull_policy', CREATE_ADMIN_ONLY,
            image_pull_policy='ifnotpresent'),
    Row('container:get_one', 'GET', '/{uuid}', READ, status=CREATED),
    Row('container:get_one_all_projects', 'GET',
        '/{uuid}?all_projects=true', ADMIN_ONLY, status=CREATED),
    _field('host'),
    Row('container:get_one:host', 'GET', '?host={host}', ADMIN_ONLY,
        case='list filter'),
    _field('image_pull_policy'),
    _field('privileged'),
    _field('runtime'),
    Row('container:get_all', 'GET', '', _expect(200, 200, 200, 200)),
    Row('container:get_all_all_projects', 'GET', '?all_projects=true',
        ADMIN_ONLY),
    Row('container:delete', 'DELETE', '/{uuid}', _expect(204, 204, 403, 404),
        status=CREATED),
    Row('container:delete_all_projects', 'DELETE',
        '/{uuid}?all_projects=true', _expect(204, 403, 403, 403),
        status=CREATED),
    Row('container:delete_force', 'DELETE', '/{uuid}?force=true',
        _expect(204, 403, 403, 404), status=CREATED),
    Row('container:start', 'POST', '/{uuid}/start', ACT_202,
        status=CREATED),
    Row('container:stop', 'POST', '/{uuid}/stop', ACT_202, status=RUNNING),
    # ENFORCER rows: endpoints that the API does not serve yet. Switch
    # each to HTTP (drop via=ENFORCER) when its endpoint lands.
    _later('container:update', 'PATCH', '/{uuid}', ACT_200, CREATED,
           body={'cpu': 0.5}),
    _later('container:rename', 'POST', '/{uuid}/rename?name=renamed',
           ACT_200, CREATED, version='1.13'),
    _later('container:reboot', 'POST', '/{uuid}/reboot', ACT_202, RUNNING),
    _later('container:rebuild', 'POST', '/{uuid}/rebuild', ACT_202,
           RUNNING),
    _later('container:pause', 'POST', '/{uuid}/pause', ACT_202, RUNNING),
    _later('container:unpause', 'POST', '/{uuid}/unpause', ACT_202, PAUSED),
    _later('container:kill', 'POST', '/{uuid}/kill', ACT_202, RUNNING),
    _later('container:logs', 'GET', '/{uuid}/logs', READ, RUNNING),
    _later('container:execute', 'POST',
           '/{uuid}/execute?command=true&run=true', ACT_200, RUNNING),
    _later('container:execute_resize', 'POST',
           '/{uuid}/execute_resize?exec_id={exec_id}&h=24&w=80', ACT_200,
           RUNNING),
    _later('container:attach', 'GET', '/{uuid}/attach', ACT_200, RUNNING),
    _later('container:resize', 'POST', '/{uuid}/resize?h=24&w=80', ACT_200,
           RUNNING),
    _later('container:resize_container', 'POST', '/{uuid}/resize_container',
           ACT_202, RUNNING, body={'memory': 128}),
    _later('container:top', 'GET', '/{uuid}/top', READ, RUNNING),
    _later('container:get_archive', 'GET',
           '/{uuid}/get_archive?path=/etc/passwd', READ, RUNNING),
    _later('container:put_archive', 'POST', '/{uuid}/put_archive?path=/tmp',
           ACT_200, RUNNING, body={'data': TAR_DATA}),
    _later('container:stats', 'GET', '/{uuid}/stats', READ, RUNNING),
    _later('container:commit', 'POST',
           '/{uuid}/commit?repository=zun-functest-commit', ACT_202,
           RUNNING),
    _later('container:add_security_group', 'POST',
           '/{uuid}/add_security_group?name=default', ACT_202, RUNNING,
           version='1.14'),
    _later('container:remove_security_group', 'POST',
           '/{uuid}/remove_security_group?name=default', ACT_202, RUNNING,
           version='1.14'),
    _later('container:network_attach', 'POST',
           '/{uuid}/network_attach?network={network}', ACT_200, RUNNING),
    _later('container:network_detach', 'POST',
           '/{uuid}/network_detach?network={network}', ACT_202, RUNNING),
    _later('container:network_list', 'GET', '/{uuid}/network_list', READ,
           RUNNING),
    _later('container:actions', 'GET', '/{uuid}/container_actions', READ,
           CREATED),
    _later('container:action:events', 'GET',
           '/{uuid}/container_actions/{request_id}', ADMIN_FIELD, CREATED,
           field='events[].traceback'),
)
HTTP_CASES = [(row, persona) for row in ROWS if row.via == HTTP
              for persona in PERSONAS]
ENFORCER_CASES = [(row, persona) for row in ROWS if row.via == ENFORCER
                  for persona in PERSONAS]


def _case_id(case):
    row, persona = case
    return '%s-%s' % (row.id, persona)


class OwnedContainers:
    """Containers of the member's project, in the statuses rows need.

    A request that changes nothing shares one container per status; a
    request expected to change the container gets a new one.
    """

    def __init__(self, deployment, token, image):
        self.client = deployment.client.with_headers(token.headers)
        self.image = image
        self.uuids = []
        self._shared = {}

    def new(self, status):
        if status == PAUSED:
            raise AssertionError('No row over HTTP needed a Paused '
                                 'container before; add the pause request '
                                 'here.')
        name = services.unique_name('matrix')
        container = self.client.create({'image': self.image, 'name': name},
                                       run=status == RUNNING)
        self.uuids.append(container['uuid'])
        return self.client.wait_for_status(container['uuid'], status)

    def shared(self, status):
        if status not in self._shared:
            self._shared[status] = self.new(status)
        return self._shared[status]


@pytest.fixture(scope='module')
def owned(keystone_all_in_one, tokens, test_image, docker_client):
    containers = OwnedContainers(keystone_all_in_one, tokens[MEMBER],
                                 test_image)
    yield containers
    admin = keystone_all_in_one.client.with_headers(tokens[ADMIN].headers)
    for uuid in containers.uuids:
        admin.delete('/v1/containers/%s?force=true' % uuid)
        try:
            docker_client.remove_container('zun-%s' % uuid, force=True)
        except Exception:  # noqa: S110  (already gone is the usual case)
            pass


@pytest.fixture(scope='module')
def policy_defaults():
    """Load zun's in-code policy defaults into this process's enforcer."""
    cfg.CONF([], project='zun', default_config_files=[],
             default_config_dirs=[])
    policy.reset()
    yield
    policy.reset()


def _changes_state(row, expected):
    return row.method != 'GET' and expected in SUCCESSES


def _path(row, deployment, container):
    # NOTE: ENFORCER rows use {exec_id}, {network} and {request_id} as
    # well. A row that switches to HTTP needs its value added here.
    values = {'host': deployment.host}
    if container is not None:
        values['uuid'] = container['uuid']
    return '/v1/containers' + row.path.format(**values)


def _body(row, deployment, image):
    if row.method != 'POST' or row.path:
        return row.body
    body = {'image': image, 'name': services.unique_name('matrix')}
    for key, value in (row.body or {}).items():
        body[key] = (value.format(host=deployment.host)
                     if isinstance(value, str) else value)
    return body


def _check(row, expected, response):
    if expected in (SHOWN, HIDDEN):
        assert response.status_code == 200, response.text
        present = row.field in response.json()
        assert present == (expected == SHOWN), (
            '%s: field %s is %s' % (row.id, row.field,
                                    'shown' if present else 'hidden'))
    else:
        assert response.status_code == expected, response.text


@pytest.mark.parametrize('case', HTTP_CASES, ids=_case_id)
def test_http_rule(case, keystone_all_in_one, tokens, owned, test_image):
    row, persona = case
    expected = row.expected[persona]
    container = None
    if row.status is not None:
        container = (owned.new(row.status) if _changes_state(row, expected)
                     else owned.shared(row.status))
    client = keystone_all_in_one.client.with_headers(tokens[persona].headers)

    response = client.request(row.method,
                              _path(row, keystone_all_in_one, container),
                              version=row.version,
                              json=_body(row, keystone_all_in_one,
                                         test_image))

    creates = row.method == 'POST' and not row.path
    if creates and response.status_code == 202:
        owned.uuids.append(response.json()['uuid'])
    _check(row, expected, response)
    if creates and expected == 202:
        # A container is created in the caller's project, whoever sends
        # the request.
        assert response.json()['project_id'] == tokens[persona].project_id


@pytest.mark.parametrize('case', ENFORCER_CASES, ids=_case_id)
def test_enforcer_rule(case, tokens, policy_defaults):
    row, persona = case
    token = tokens[persona]
    owner = tokens[MEMBER]
    context = zun_context.RequestContext(
        user_id=token.user_id, project_id=token.project_id,
        roles=list(token.roles), overwrite=False)
    target = {'project_id': owner.project_id, 'user_id': owner.user_id}

    allowed = context.can(row.rule, target, fatal=False)

    assert allowed == (row.expected[persona] in SUCCESSES), (
        '%s for %s with roles %s: the enforcer %s, expected HTTP result %s'
        % (row.rule, persona, ', '.join(token.roles),
           'allows' if allowed else 'denies', row.expected[persona]))


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
