"""python-zunclient 5.5 and the openstack CLI against zun-all, unchanged.

The clients reach the noauth service with only an endpoint override and
any token, as a user on the machine would.
"""

import json
import os
import subprocess
import time

from zunclient import client as zun_client

from zun.tests.functional import services


def _openstack(deployment, *args):
    env = dict(os.environ,
               OS_AUTH_TYPE='admin_token',
               OS_ENDPOINT=deployment.api_url + '/v1',
               OS_TOKEN='any')
    for name in ('OS_CLOUD', 'OS_AUTH_URL', 'OS_USERNAME', 'OS_PASSWORD'):
        env.pop(name, None)
    result = subprocess.run([services.bin_path('openstack'), *args],
                            env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _status(deployment, name):
    return _openstack(deployment, 'appcontainer', 'show', name, '-f', 'value',
                      '-c', 'status').strip()


def _wait_for_cli_status(deployment, name, status, timeout=60):
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline:
        seen = _status(deployment, name)
        if seen == status:
            return
        time.sleep(0.5)
    raise AssertionError('%s is %s, not %s' % (name, seen, status))


def test_openstack_cli_lifecycle(all_in_one, test_image, docker_client):
    name = services.unique_name('cli')
    output = _openstack(all_in_one, 'appcontainer', 'run', '--name', name,
                        '--memory', '64', test_image)
    assert name in output
    _wait_for_cli_status(all_in_one, name, 'Running')

    listed = json.loads(_openstack(all_in_one, 'appcontainer', 'list',
                                   '-f', 'json'))
    assert name in [item['name'] for item in listed]

    shown = json.loads(_openstack(all_in_one, 'appcontainer', 'show', name,
                                  '-f', 'json'))
    assert shown['image'] == test_image
    assert shown['memory'] == '64'

    _openstack(all_in_one, 'appcontainer', 'stop', name)
    _wait_for_cli_status(all_in_one, name, 'Stopped')
    _openstack(all_in_one, 'appcontainer', 'start', name)
    _wait_for_cli_status(all_in_one, name, 'Running')

    _openstack(all_in_one, 'appcontainer', 'delete', '--stop', name)
    all_in_one.client.wait_for_deletion(name)
    assert not docker_client.containers(all=True,
                                        filters={'name': shown['uuid']})


def test_python_client_lifecycle(all_in_one, test_image):
    client = zun_client.Client('1.latest',
                               endpoint_override=all_in_one.api_url + '/v1',
                               auth_token='any')
    name = services.unique_name('lib')
    container = client.containers.run(name=name, image=test_image,
                                      memory=64, command=['sh', '-c',
                                                          'sleep 600'])
    all_in_one.client.wait_for_status(container.uuid, 'Running')
    assert name in [item.name for item in client.containers.list()]
    assert client.containers.get(name).status == 'Running'

    client.containers.stop(container.uuid, timeout=1)
    all_in_one.client.wait_for_status(container.uuid, 'Stopped')
    client.containers.start(container.uuid)
    all_in_one.client.wait_for_status(container.uuid, 'Running')

    client.containers.delete(container.uuid, stop=True)
    all_in_one.client.wait_for_deletion(container.uuid)


def _library(deployment, version='1.latest'):
    return zun_client.Client(version,
                             endpoint_override=deployment.api_url + '/v1',
                             auth_token='any')


def test_openstack_cli_actions(all_in_one, test_image, docker_client):
    name = services.unique_name('cliact')
    _openstack(all_in_one, 'appcontainer', 'run', '--name', name,
               '--memory', '64', test_image)
    _wait_for_cli_status(all_in_one, name, 'Running')

    new_name = services.unique_name('cliset')
    shown = json.loads(_openstack(
        all_in_one, 'appcontainer', 'set', '--cpu', '0.5', '--memory', '128',
        '--name', new_name, '--auto-heal', name, '-f', 'json'))
    assert shown['memory'] == '128'
    assert shown['cpu'] == 0.5
    assert shown['name'] == new_name
    assert shown['auto_heal'] is True
    uuid = shown['uuid']
    host_config = docker_client.inspect_container('zun-%s' % uuid)[
        'HostConfig']
    assert host_config['Memory'] == 128 * 1024 * 1024
    name = new_name

    output = _openstack(all_in_one, 'appcontainer', 'pause', name)
    assert 'accepted' in output
    _wait_for_cli_status(all_in_one, name, 'Paused')
    output = _openstack(all_in_one, 'appcontainer', 'unpause', name)
    assert 'accepted' in output
    _wait_for_cli_status(all_in_one, name, 'Running')

    output = _openstack(all_in_one, 'appcontainer', 'restart', '--timeout',
                        '2', name)
    assert 'accepted' in output
    _wait_for_cli_status(all_in_one, name, 'Running')

    repository = 'zun-func-cli-%s' % all_in_one.host[-10:]
    output = _openstack(all_in_one, 'appcontainer', 'commit', name,
                        '%s:v1' % repository)
    assert 'The image is sha256:' in output
    assert docker_client.inspect_image('%s:v1' % repository)
    docker_client.remove_image('%s:v1' % repository, force=True)
    _wait_for_cli_status(all_in_one, name, 'Running')

    output = _openstack(all_in_one, 'appcontainer', 'kill', name)
    assert 'accepted' in output
    _wait_for_cli_status(all_in_one, name, 'Stopped')

    output = _openstack(all_in_one, 'appcontainer', 'rebuild', '--wait',
                        name)
    assert 'rebuild container %s success' % name in output
    _wait_for_cli_status(all_in_one, name, 'Created')
    assert shown['uuid'] == json.loads(_openstack(
        all_in_one, 'appcontainer', 'show', name, '-f', 'json'))['uuid']

    _openstack(all_in_one, 'appcontainer', 'delete', '--stop', name)
    all_in_one.client.wait_for_deletion(name)


def test_openstack_cli_kill_signal(all_in_one, test_image):
    name = services.unique_name('clikill')
    _openstack(all_in_one, 'appcontainer', 'run', '--name', name,
               test_image)
    _wait_for_cli_status(all_in_one, name, 'Running')
    output = _openstack(all_in_one, 'appcontainer', 'kill', '--signal',
                        'SIGFOO', name)
    assert 'failed' in output
    assert 'is not a signal' in output
    output = _openstack(all_in_one, 'appcontainer', 'kill', '--signal',
                        'SIGTERM', name)
    assert 'accepted' in output
    _wait_for_cli_status(all_in_one, name, 'Stopped')
    _openstack(all_in_one, 'appcontainer', 'delete', name)
    all_in_one.client.wait_for_deletion(name)


def test_python_client_actions(all_in_one, test_image, docker_client):
    client = _library(all_in_one)
    name = services.unique_name('libact')
    container = client.containers.run(name=name, image=test_image,
                                      memory=64)
    uuid = container.uuid
    all_in_one.client.wait_for_status(uuid, 'Running')

    updated = client.containers.update(uuid, cpu=0.25, memory=96)
    assert updated.memory == '96'
    client.containers.pause(uuid)
    all_in_one.client.wait_for_status(uuid, 'Paused')
    client.containers.unpause(uuid)
    all_in_one.client.wait_for_status(uuid, 'Running')
    client.containers.restart(uuid, 1)
    all_in_one.client.wait_for_status(uuid, 'Running')
    repository = 'zun-func-lib-%s' % all_in_one.host[-10:]
    image = client.containers.commit(uuid, repository, tag='v2')
    assert image['uuid'] == docker_client.inspect_image(
        '%s:v2' % repository)['Id']
    docker_client.remove_image('%s:v2' % repository, force=True)
    client.containers.kill(uuid, 'KILL')
    all_in_one.client.wait_for_status(uuid, 'Stopped')
    client.containers.rebuild(uuid, image=test_image)
    all_in_one.client.wait_for_status(uuid, 'Created')

    old_client = _library(all_in_one, '1.13')
    new_name = services.unique_name('librenamed')
    old_client.containers.rename(uuid, new_name)
    assert client.containers.get(uuid).name == new_name

    client.containers.delete(uuid)
    all_in_one.client.wait_for_deletion(uuid)
