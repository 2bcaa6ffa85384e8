"""python-zunclient 5.5 and the openstack CLI read containers, unchanged.

logs, top, stats, exec and the action history against zun-all. The
clients reach the noauth service with only an endpoint override and any
token.
"""

import json
import os
import subprocess

import pytest
from zunclient import client as zun_client

from zun.tests.functional import services

_WRITER = ("trap 'exit 0' TERM; echo first; echo oops >&2; "
           "while true; do sleep 1; done")


def _environment(deployment):
    env = dict(os.environ,
               OS_AUTH_TYPE='admin_token',
               OS_ENDPOINT=deployment.api_url + '/v1',
               OS_TOKEN='any')
    for name in ('OS_CLOUD', 'OS_AUTH_URL', 'OS_USERNAME', 'OS_PASSWORD'):
        env.pop(name, None)
    return env


def _openstack(deployment, *args, returncode=0):
    result = subprocess.run([services.bin_path('openstack'), *args],
                            env=_environment(deployment),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == returncode, (result.stdout, result.stderr)
    return result.stdout


@pytest.fixture(scope='module')
def writer(all_in_one, test_image, docker_client):
    name = services.unique_name('cli-insp')
    container = all_in_one.client.create(
        {'image': test_image, 'name': name, 'memory': '64m',
         'command': ['sh', '-c', _WRITER]})
    try:
        all_in_one.client.wait_for_status(container['uuid'], 'Running')
        yield container
    finally:
        all_in_one.client.delete('/v1/containers/%s?force=true'
                                 % container['uuid'])
        all_in_one.client.wait_for_deletion(container['uuid'])


@pytest.fixture(scope='module')
def library(all_in_one):
    return zun_client.Client('1.latest',
                             endpoint_override=all_in_one.api_url + '/v1',
                             auth_token='any')


def test_cli_logs(all_in_one, writer):
    name = writer['name']
    both = _openstack(all_in_one, 'appcontainer', 'logs', name)
    assert sorted(both.split()) == ['first', 'oops']
    # The CLI prints the text with a newline of its own.
    assert _openstack(all_in_one, 'appcontainer', 'logs', '--stdout',
                      name) == 'first\n\n'
    assert _openstack(all_in_one, 'appcontainer', 'logs', '--stderr',
                      name) == 'oops\n\n'
    assert _openstack(all_in_one, 'appcontainer', 'logs', '--tail', '0',
                      name) == '\n'
    stamped = _openstack(all_in_one, 'appcontainer', 'logs', '--stdout',
                         '--timestamps', '--since', '1', name)
    assert stamped.strip().endswith('Z first')


def test_cli_exec(all_in_one, writer):
    name = writer['name']
    output = _openstack(all_in_one, 'appcontainer', 'exec', name, 'echo',
                        'hello world')
    assert output == 'hello world\n\n'
    # The CLI exits with the command's exit code.
    _openstack(all_in_one, 'appcontainer', 'exec', name, 'sh', '-c',
               'exit 3', returncode=3)


def test_cli_stats(all_in_one, writer):
    stats = json.loads(_openstack(all_in_one, 'appcontainer', 'stats',
                                  writer['name'], '-f', 'json'))
    assert stats['CONTAINER'] == writer['name']
    assert stats['MEM LIMIT(MiB)'] == 64.0


def test_cli_top(all_in_one, writer):
    # NOTE: python-zunclient 5.5 prints the table with Python 2's print
    # statement syntax, so the command fails after the API returned the
    # processes. This test pins that failure, and test_library_calls
    # checks the processes that the library returns.
    result = subprocess.run(
        [services.bin_path('openstack'), 'appcontainer', 'top',
         writer['name']], env=_environment(all_in_one), capture_output=True,
        text=True, timeout=120)
    assert result.returncode == 1
    assert "unsupported operand type(s) for %: 'NoneType'" in result.stderr


def test_cli_action_list_and_show(all_in_one, writer):
    name = writer['name']
    actions = json.loads(_openstack(all_in_one, 'appcontainer', 'action',
                                    'list', name, '-f', 'json'))
    assert [action['action'] for action in actions] == ['create']
    assert actions[0]['container_uuid'] == writer['uuid']
    request_id = actions[0]['request_id']
    shown = json.loads(_openstack(all_in_one, 'appcontainer', 'action',
                                  'show', name, request_id, '-f', 'json'))
    assert shown['request_id'] == request_id
    assert shown['finish_time'] is not None
    assert {event['event'] for event in shown['events']} == {
        'compute_container_create', 'compute_image_pull',
        'compute_network_connect', 'compute_container_start'}


def test_library_calls(library, writer):
    uuid = writer['uuid']
    logs = library.containers.logs(uuid, stdout=True, stderr=False,
                                   tail='1', timestamps=False)
    assert logs == 'first\n'
    top = library.containers.top(uuid)
    assert 'PID' in top['Titles']
    assert 'USER' in library.containers.top(uuid, 'aux')['Titles']
    assert set(library.containers.stats(uuid)) >= {'CPU %', 'NET I/O(B)'}
    result = library.containers.execute(uuid, command='"echo" "a b"')
    assert result == {'output': 'a b\n', 'exit_code': 0, 'exec_id': None,
                      'proxy_url': None}
    actions = library.actions.list(uuid)
    assert [action.action for action in actions] == ['create']
    shown = library.actions.get(uuid, actions[0].request_id)
    assert shown.request_id == actions[0].request_id
