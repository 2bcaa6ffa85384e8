"""A scripted session of the openstack CLI and python-zunclient on Keystone.

The clients authenticate with a password and find the container
endpoint in the Keystone catalog, as a user of a cloud does, and nothing
overrides the endpoint. The shared catalog points RegionOne at port
9517. So the module registers the deployment's endpoint in a region of
its own (keystone.CatalogRegion), and the clients name that region in
OS_REGION_NAME.

The session runs every ``openstack appcontainer`` command that the
service supports so far (create, run, list, show, start, stop, delete)
unchanged, as the demo project's member, its reader, a member of another
project and the administrator. After it, a test greps the service logs,
written with debug on, for passwords and tokens.
"""

import dataclasses
import json
import os
import subprocess
import time

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
import pytest
from zunclient import client as zun_client

from zun.tests.functional import keystone
from zun.tests.functional import services

MEMBER, READER, OTHER, ADMIN = 'member', 'reader', 'other_member', 'admin'


@dataclasses.dataclass
class Step:
    """One command of the session and what it printed."""

    persona: str
    args: tuple
    returncode: int
    stdout: str
    stderr: str

    def json(self):
        assert self.returncode == 0, self.stderr
        return json.loads(self.stdout)


class Cli:
    """Runs ``openstack`` as a persona, authenticating with a password."""

    def __init__(self, region):
        self.region = region
        self.steps = []

    def environment(self, persona_name):
        persona = keystone.PERSONAS[persona_name]
        env = {name: value for name, value in os.environ.items()
               if not name.startswith('OS_')}
        env.update(
            OS_AUTH_TYPE='password',
            OS_AUTH_URL=keystone.KEYSTONE_URL,
            OS_IDENTITY_API_VERSION='3',
            OS_USERNAME=persona.username,
            OS_PASSWORD=persona.password,
            OS_PROJECT_NAME=persona.project,
            OS_USER_DOMAIN_ID='default',
            OS_PROJECT_DOMAIN_ID='default',
            OS_REGION_NAME=self.region.name,
            OS_INTERFACE='public',
        )
        return env

    def run(self, persona, *args):
        """Run one command; the caller checks the result."""
        result = subprocess.run([services.bin_path('openstack'), *args],
                                env=self.environment(persona),
                                capture_output=True, text=True, timeout=120)
        step = Step(persona, args, result.returncode, result.stdout,
                    result.stderr)
        self.steps.append(step)
        return step

    def ok(self, persona, *args):
        step = self.run(persona, *args)
        assert step.returncode == 0, '%s as %s failed: %s' % (
            ' '.join(args), persona, step.stderr)
        return step

    def wait_for_status(self, persona, name, status, timeout=60):
        deadline = time.monotonic() + timeout
        shown = {}
        while time.monotonic() < deadline:
            shown = self.ok(persona, 'appcontainer', 'show', name, '-f',
                            'json').json()
            if shown['status'] == status and shown['task_state'] is None:
                return shown
            time.sleep(0.5)
        raise AssertionError('%s is %s (%s), not %s'
                             % (name, shown.get('status'),
                                shown.get('status_reason'), status))

    def wait_for_deletion(self, persona, name, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            listed = self.ok(persona, 'appcontainer', 'list', '-f',
                             'json').json()
            if name not in [item['name'] for item in listed]:
                return
            time.sleep(0.5)
        raise AssertionError('%s still listed after %ds' % (name, timeout))


@pytest.fixture(scope='module')
def region(keystone_all_in_one):
    region = keystone.CatalogRegion(keystone_all_in_one.api_url + '/v1')
    try:
        region.create()
    except Exception:
        region.delete()
        raise
    yield region
    region.delete()


@pytest.fixture(scope='module')
def used_tokens():
    """Tokens that the module's clients sent, for the log check."""
    return []


def _run_session(cli, image, host, steps):
    """Run the scripted session, filling ``steps`` by label as it goes."""
    first = services.unique_name('cli-a')
    second = services.unique_name('cli-b')
    third = services.unique_name('cli-c')
    steps['names'] = (first, second, third)

    # Options go before the image: what follows it is the command.
    steps['create'] = cli.ok(MEMBER, 'appcontainer', 'create', '-f', 'json',
                             '--name', first, '--memory', '64', image)
    steps['show_created'] = cli.wait_for_status(MEMBER, first, 'Created')
    steps['start'] = cli.ok(MEMBER, 'appcontainer', 'start', first)
    cli.wait_for_status(MEMBER, first, 'Running')
    steps['stop'] = cli.ok(MEMBER, 'appcontainer', 'stop', '--timeout', '1',
                           first)
    cli.wait_for_status(MEMBER, first, 'Stopped')

    steps['run'] = cli.ok(MEMBER, 'appcontainer', 'run', '-f', 'json',
                          '--name', second, '--wait', image)
    steps['show_running'] = cli.ok(MEMBER, 'appcontainer', 'show', second,
                                   '-f', 'json')
    steps['list'] = cli.ok(MEMBER, 'appcontainer', 'list', '-f', 'json')
    steps['list_name'] = cli.ok(MEMBER, 'appcontainer', 'list', '--name',
                                second, '-f', 'json')
    steps['list_status'] = cli.ok(MEMBER, 'appcontainer', 'list',
                                  '--status', 'Stopped', '-f', 'json')
    steps['list_sorted'] = cli.ok(MEMBER, 'appcontainer', 'list',
                                  '--sort-key', 'name', '--sort-dir', 'desc',
                                  '--limit', '1', '-f', 'json')
    steps['list_host'] = cli.run(MEMBER, 'appcontainer', 'list', '--host',
                                 host)

    steps['reader_list'] = cli.ok(READER, 'appcontainer', 'list', '-f',
                                  'json')
    steps['reader_show'] = cli.ok(READER, 'appcontainer', 'show', first,
                                  '-f', 'json')
    steps['reader_start'] = cli.run(READER, 'appcontainer', 'start', first)
    steps['reader_stop'] = cli.run(READER, 'appcontainer', 'stop', second)
    steps['reader_delete'] = cli.run(READER, 'appcontainer', 'delete',
                                     first)
    steps['reader_create'] = cli.run(READER, 'appcontainer', 'create',
                                     image)

    steps['other_list'] = cli.ok(OTHER, 'appcontainer', 'list', '-f', 'json')
    steps['other_show'] = cli.run(OTHER, 'appcontainer', 'show', first)
    steps['other_delete'] = cli.run(OTHER, 'appcontainer', 'delete', first)
    steps['other_stop'] = cli.run(OTHER, 'appcontainer', 'stop', second)

    steps['admin_list'] = cli.ok(ADMIN, 'appcontainer', 'list',
                                 '--all-projects', '-f', 'json')
    steps['admin_list_host'] = cli.ok(ADMIN, 'appcontainer', 'list',
                                      '--all-projects', '--host', host,
                                      '-f', 'json')
    steps['admin_show'] = cli.ok(ADMIN, 'appcontainer', 'show',
                                 '--all-projects', first, '-f', 'json')
    steps['member_list_all'] = cli.run(MEMBER, 'appcontainer', 'list',
                                       '--all-projects')

    steps['delete'] = cli.ok(MEMBER, 'appcontainer', 'delete', first)
    cli.wait_for_deletion(MEMBER, first)
    steps['delete_stop'] = cli.ok(MEMBER, 'appcontainer', 'delete', '--stop',
                                  '--wait', second)
    steps['list_after_delete'] = cli.ok(MEMBER, 'appcontainer', 'list',
                                        '-f', 'json')

    cli.ok(MEMBER, 'appcontainer', 'create', '--name', third, image)
    cli.wait_for_status(MEMBER, third, 'Created')
    steps['member_force'] = cli.run(MEMBER, 'appcontainer', 'delete',
                                    '--force', third)
    steps['admin_force'] = cli.ok(ADMIN, 'appcontainer', 'delete', '--force',
                                  '--all-projects', '--wait', third)
    steps['list_after_force'] = cli.ok(MEMBER, 'appcontainer', 'list',
                                       '-f', 'json')


@pytest.fixture(scope='module')
def session(keystone_all_in_one, region, test_image, docker_client):
    cli = Cli(region)
    steps = {}
    try:
        _run_session(cli, test_image, keystone_all_in_one.host, steps)
    finally:
        _remove_leftovers(keystone_all_in_one, cli, docker_client, steps)
    return steps


def _remove_leftovers(deployment, cli, docker_client, steps):
    admin = deployment.client.with_headers(
        keystone.issue_token(ADMIN).headers)
    listed = admin.get('/v1/containers?all_projects=true').json()
    names = steps.get('names', ())
    for item in listed.get('containers', []):
        if item['name'] in names:
            admin.delete('/v1/containers/%s?force=true' % item['uuid'])
            try:
                docker_client.remove_container('zun-%s' % item['uuid'],
                                               force=True)
            except Exception:  # noqa: S110  (already gone is usual)
                pass


def _names(step):
    return [item['name'] for item in step.json()]


def test_create_output(session, tokens):
    created = session['create'].json()
    assert created['name'] == session['names'][0]
    assert created['memory'] == '64'
    assert created['project_id'] == tokens[MEMBER].project_id


def test_create_hides_host(session):
    assert 'host' not in session['create'].json()


def test_show_created(session):
    assert session['show_created']['status'] == 'Created'


def test_start_message(session):
    first = session['names'][0]
    assert session['start'].stdout.strip() == (
        'Request to start container %s has been accepted' % first)


def test_stop_message(session):
    first = session['names'][0]
    assert session['stop'].stdout.strip() == (
        'Request to stop container %s has been accepted.' % first)


def test_run_waits_for_running(session):
    assert session['show_running'].json()['status'] == 'Running'


def test_run_output(session, test_image):
    shown = session['run'].json()
    assert shown['name'] == session['names'][1]
    assert shown['image'] == test_image


def test_list_shows_both(session):
    first, second, _ = session['names']
    assert {first, second} <= set(_names(session['list']))


def test_list_columns(session):
    item = session['list'].json()[0]
    assert set(item) == {'uuid', 'name', 'image', 'status', 'task_state',
                         'addresses', 'ports'}


def test_list_by_name(session):
    assert _names(session['list_name']) == [session['names'][1]]


def test_list_by_status(session):
    assert session['names'][0] in _names(session['list_status'])


def test_list_by_status_excludes(session):
    assert session['names'][1] not in _names(session['list_status'])


def test_list_sorted_limited(session):
    assert len(session['list_sorted'].json()) == 1


def test_member_host_filter_forbidden(session):
    step = session['list_host']
    assert step.returncode != 0
    assert "Policy doesn't allow container:get_one:host" in step.stderr


def test_reader_lists(session):
    first, second, _ = session['names']
    assert {first, second} <= set(_names(session['reader_list']))


def test_reader_shows(session):
    assert session['reader_show'].json()['name'] == session['names'][0]


@pytest.mark.parametrize('label,rule', [('reader_start', 'container:start'),
                                        ('reader_stop', 'container:stop')])
def test_reader_action_refused(session, label, rule):
    # The client prints the failure and exits with 0.
    assert ("Policy doesn't allow %s to be performed" % rule
            in session[label].stdout)


def test_reader_delete_refused(session):
    step = session['reader_delete']
    assert "Policy doesn't allow container:delete" in step.stdout


def test_reader_create_refused(session):
    step = session['reader_create']
    assert step.returncode != 0
    assert "Policy doesn't allow container:create" in step.stderr


def test_other_project_lists_none(session):
    first, second, _ = session['names']
    assert not {first, second} & set(_names(session['other_list']))


def test_other_project_show_404(session):
    step = session['other_show']
    assert step.returncode != 0
    assert 'HTTP 404' in step.stderr


def test_other_project_delete_404(session):
    assert 'could not be found' in session['other_delete'].stdout


def test_other_project_stop_404(session):
    assert 'could not be found' in session['other_stop'].stdout


def test_admin_lists_all_projects(session):
    first, second, _ = session['names']
    assert {first, second} <= set(_names(session['admin_list']))


def test_admin_filters_by_host(session):
    first, second, _ = session['names']
    assert {first, second} <= set(_names(session['admin_list_host']))


def test_admin_show_has_host(session, keystone_all_in_one):
    shown = session['admin_show'].json()
    assert shown['host'] == keystone_all_in_one.host


def test_member_all_projects_forbidden(session):
    step = session['member_list_all']
    assert step.returncode != 0
    assert "Policy doesn't allow container:get_all_all_projects" in \
        step.stderr


def test_delete_message(session):
    first = session['names'][0]
    assert session['delete'].stdout.strip() == (
        'Request to delete container %s has been accepted.' % first)


def test_delete_stop_waits(session):
    second = session['names'][1]
    assert 'Delete for container %s success.' % second in \
        session['delete_stop'].stdout


def test_deleted_not_listed(session):
    first, second, _ = session['names']
    assert not {first, second} & set(_names(session['list_after_delete']))


def test_member_force_refused(session):
    assert "Policy doesn't allow container:delete_force" in \
        session['member_force'].stdout


def test_admin_force_deletes(session):
    third = session['names'][2]
    assert third not in _names(session['list_after_force'])


def _password_session(persona_name):
    persona = keystone.PERSONAS[persona_name]
    auth = v3.Password(auth_url=keystone.KEYSTONE_URL,
                       username=persona.username, password=persona.password,
                       project_name=persona.project,
                       user_domain_id='default', project_domain_id='default')
    return ks_session.Session(auth=auth)


def test_python_client_session(keystone_all_in_one, region, test_image,
                               used_tokens, docker_client):
    session = _password_session(MEMBER)
    client = zun_client.Client('1.latest', session=session,
                               region_name=region.name)
    api = keystone_all_in_one.client.with_headers(
        {'X-Auth-Token': session.get_token()})
    used_tokens.append(session.get_token())
    name = services.unique_name('lib')
    container = client.containers.run(name=name, image=test_image,
                                      memory=64)
    try:
        api.wait_for_status(container.uuid, 'Running')
        assert name in [item.name for item in client.containers.list()]
        assert client.containers.get(name).status == 'Running'
        client.containers.stop(container.uuid, timeout=1)
        api.wait_for_status(container.uuid, 'Stopped')
        client.containers.start(container.uuid)
        api.wait_for_status(container.uuid, 'Running')
        client.containers.delete(container.uuid, stop=True)
        api.wait_for_deletion(container.uuid)
    finally:
        admin = keystone_all_in_one.client.with_headers(
            keystone.issue_token(ADMIN).headers)
        admin.delete('/v1/containers/%s?force=true' % container.uuid)
        try:
            docker_client.remove_container('zun-%s' % container.uuid,
                                           force=True)
        except Exception:  # noqa: S110  (already gone is the usual case)
            pass


def test_python_client_negotiates_latest(region):
    client = zun_client.Client('1.latest', session=_password_session(READER),
                               region_name=region.name)
    assert client.api_version.get_string() == '1.40'


def test_python_client_uses_catalog(region):
    client = zun_client.Client('1.latest', session=_password_session(READER),
                               region_name=region.name)
    assert client.containers.list() is not None


def test_logs_hold_no_passwords(keystone_all_in_one, session):
    logs = keystone_all_in_one.service_logs()
    found = [password for password in keystone.PASSWORDS
             if password in logs]
    assert found == []


def test_logs_hold_no_tokens(keystone_all_in_one, session, tokens,
                             used_tokens):
    logs = keystone_all_in_one.service_logs()
    used = [token.token for token in tokens.values()] + used_tokens
    assert [token for token in used if token in logs] == []


def test_logs_hold_no_fernet_token(keystone_all_in_one, session):
    logs = keystone_all_in_one.service_logs()
    assert keystone.FERNET_TOKEN_PATTERN.findall(logs) == []


def test_fernet_pattern_matches_tokens(tokens):
    # The grep for unknown tokens finds real ones.
    for token in tokens.values():
        assert keystone.FERNET_TOKEN_PATTERN.fullmatch(token.token)


def test_logs_cover_session(keystone_all_in_one, session):
    # The checks above mean something only if the session was logged at
    # debug level.
    logs = keystone_all_in_one.service_logs()
    assert ' DEBUG ' in logs
    assert session['names'][0] in logs
