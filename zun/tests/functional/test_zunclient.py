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
