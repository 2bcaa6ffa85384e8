"""Create fields and the state sync, checked on the real Docker engine.

restart_policy, auto_remove, auto_heal, healthcheck, labels, environment,
workdir, hostname, runtime, privileged, entrypoint, tty, mounts,
image_pull_policy and disk.
"""

import base64
import time

import docker
import pytest

from zun.tests.functional import services

INJECTED = b'injected contents\n'


def _engine(docker_client, uuid):
    return docker_client.inspect_container('zun-%s' % uuid)


def _engine_when_created(docker_client, uuid, timeout=60):
    """Return the engine's inspect of a container once the engine has it."""
    def inspect():
        try:
            return _engine(docker_client, uuid)
        except docker.errors.NotFound:
            return None
    return _wait_for(inspect, timeout)


def _create(deployment, created, image, run=True, version=None, **extra):
    body = dict({'image': image, 'name': services.unique_name('field'),
                 'memory': '64m'}, **extra)
    path = '/v1/containers' + ('?run=true' if run else '')
    response = deployment.client.post(path, json=body, version=version)
    assert response.status_code == 202, response.text
    container = response.json()
    created.append(container['uuid'])
    return container


def _wait_for(check, timeout=60, interval=0.5):
    """Poll ``check()`` until it returns a true value; return that value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError('condition not met within %ds' % timeout)


def _volume_exists(docker_client, name):
    try:
        docker_client.inspect_volume(name)
    except docker.errors.NotFound:
        return False
    return True


def test_engine_settings(deployment, created, docker_client, test_image):
    container = _create(
        deployment, created, test_image,
        environment={'GREETING': 'hello', 'EMPTY': ''},
        labels={'tier': 'web'}, workdir='/tmp', hostname='app-1.example',
        runtime='runc', tty=True, interactive=True,
        entrypoint=['sh', '-c'],
        command=["trap 'exit 0' TERM; while true; do sleep 1; done"])
    deployment.client.wait_for_status(container['uuid'], 'Running')

    inspect = _engine(docker_client, container['uuid'])
    config = inspect['Config']
    assert 'GREETING=hello' in config['Env']
    assert 'EMPTY=' in config['Env']
    assert config['Labels']['tier'] == 'web'
    assert config['WorkingDir'] == '/tmp'
    assert config['Hostname'] == 'app-1.example'
    assert config['Tty'] is True
    assert config['OpenStdin'] is True
    assert config['Entrypoint'] == ['sh', '-c']
    assert inspect['HostConfig']['Runtime'] == 'runc'


def test_tty_follows_interactive_before_1_36(deployment, created,
                                             docker_client, test_image):
    container = _create(deployment, created, test_image, version='1.35',
                        interactive=True)
    deployment.client.wait_for_status(container['uuid'], 'Running')
    assert _engine(docker_client, container['uuid'])['Config']['Tty']


def test_restart_policy_on_failure(deployment, created, docker_client,
                                   test_image):
    container = _create(deployment, created, test_image,
                        command=['sh', '-c', 'exit 3'],
                        restart_policy={'Name': 'on-failure',
                                        'MaximumRetryCount': 2})
    assert container['restart_policy'] == {'Name': 'on-failure',
                                           'MaximumRetryCount': '2'}
    uuid = container['uuid']
    _engine_when_created(docker_client, uuid)

    def retried():
        inspect = _engine(docker_client, uuid)
        return (inspect['RestartCount'] == 2
                and inspect['State']['Status'] == 'exited')

    _wait_for(retried)
    stopped = deployment.client.wait_for_status(uuid, 'Stopped')
    assert stopped['status_detail'].startswith('Exited (3)')
    host_config = _engine(docker_client, uuid)['HostConfig']
    assert host_config['RestartPolicy'] == {'Name': 'on-failure',
                                            'MaximumRetryCount': 2}


def test_restart_policy_always(deployment, created, docker_client,
                               test_image):
    container = _create(deployment, created, test_image,
                        command=['sh', '-c', 'sleep 1; exit 1'],
                        restart_policy={'Name': 'always'})
    assert container['restart_policy'] == {'Name': 'always',
                                           'MaximumRetryCount': '0'}
    uuid = container['uuid']
    _engine_when_created(docker_client, uuid)
    _wait_for(lambda: _engine(docker_client, uuid)['RestartCount'] >= 1)
    shown = deployment.client.show(uuid).json()
    assert shown['status'] in ('Running', 'Restarting')


def test_auto_remove_deleted_after_exit(deployment, created, docker_client,
                                        test_image):
    content = base64.b64encode(INJECTED).decode()
    container = _create(deployment, created, test_image,
                        command=['sleep', '1'], auto_remove=True,
                        mounts=[{'type': 'bind', 'source': content,
                                 'destination': '/etc/app.conf'},
                                {'size': 1, 'destination': '/scratch'}])
    uuid = container['uuid']
    deployment.client.wait_for_deletion(uuid, timeout=60)
    with pytest.raises(docker.errors.NotFound):
        _engine(docker_client, uuid)
    assert not _volume_exists(docker_client, 'zun-%s-1' % uuid)


def test_auto_heal_recreates(deployment, created, docker_client,
                             test_image):
    container = _create(deployment, created, test_image, auto_heal=True)
    uuid = container['uuid']
    deployment.client.wait_for_status(uuid, 'Running')
    old_id = _engine(docker_client, uuid)['Id']

    docker_client.remove_container('zun-%s' % uuid, force=True)

    def recreated():
        try:
            inspect = _engine(docker_client, uuid)
        except docker.errors.NotFound:
            return None
        return inspect if inspect['State']['Running'] else None

    inspect = _wait_for(recreated)
    assert inspect['Id'] != old_id
    shown = deployment.client.wait_for_status(uuid, 'Running')
    assert shown['name'] == container['name']


def test_lost_container_without_auto_heal(deployment, created,
                                          docker_client, test_image):
    container = _create(deployment, created, test_image)
    uuid = container['uuid']
    deployment.client.wait_for_status(uuid, 'Running')
    docker_client.remove_container('zun-%s' % uuid, force=True)
    failed = deployment.client.wait_for_status(uuid, 'Error')
    assert failed['status_reason'] == 'No such container'


def test_healthcheck_in_status_detail(deployment, created, docker_client,
                                      test_image):
    container = _create(deployment, created, test_image,
                        healthcheck={'cmd': 'true', 'interval': 1,
                                     'retries': 2, 'timeout': 1})
    uuid = container['uuid']
    health = _engine_when_created(docker_client,
                                  uuid)['Config']['Healthcheck']
    assert health['Test'] == ['CMD-SHELL', 'true']
    assert health['Interval'] == 1000000000

    def healthy():
        detail = deployment.client.show(uuid).json()['status_detail']
        return detail if detail and '(healthy)' in detail else None

    assert _wait_for(healthy).startswith('Up ')


def test_privileged_denied_by_default(deployment, test_image):
    body = {'image': test_image, 'privileged': True}
    response = deployment.client.post('/v1/containers', json=body)
    assert response.status_code == 403, response.text
    assert 'container:create:privileged' in response.text


def test_privileged_allowed_engine_refuses(deployment, created,
                                           test_image):
    deployment.write_policy({'container:create:privileged': ''})
    try:
        container = _create(deployment, created, test_image,
                            privileged=True)
    finally:
        deployment.write_policy({})
    failed = deployment.client.wait_for_status(container['uuid'], 'Error')
    assert 'operation not permitted' in failed['status_reason']


def test_named_volume_shared_then_removed(deployment, created,
                                          docker_client, test_image):
    source = 'vol-%s' % deployment.host[-10:]
    # noauth callers are in project "admin".
    engine_name = 'zun-admin-%s' % source
    mount = [{'source': source, 'destination': '/data'}]
    writer = _create(deployment, created, test_image, mounts=mount,
                     command=['sh', '-c', 'echo shared > /data/file; '
                              "trap 'exit 0' TERM; "
                              'while true; do sleep 1; done'])
    deployment.client.wait_for_status(writer['uuid'], 'Running')
    volume = docker_client.inspect_volume(engine_name)
    assert volume['Labels']['zun.managed'] == 'true'

    reader = _create(deployment, created, test_image, mounts=mount,
                     command=['cat', '/data/file'])
    deployment.client.wait_for_status(reader['uuid'], 'Stopped')
    assert docker_client.logs('zun-%s' % reader['uuid']).strip() == (
        b'shared')

    client = deployment.client
    assert client.delete('/v1/containers/%s?stop=true'
                         % writer['uuid']).status_code == 204
    client.wait_for_deletion(writer['uuid'])
    assert _volume_exists(docker_client, engine_name)
    assert client.delete('/v1/containers/%s'
                         % reader['uuid']).status_code == 204
    client.wait_for_deletion(reader['uuid'])
    assert not _volume_exists(docker_client, engine_name)


def test_size_volume_removed_with_container(deployment, created,
                                            docker_client, test_image):
    container = _create(deployment, created, test_image,
                        mounts=[{'size': '1', 'destination': '/scratch'}])
    uuid = container['uuid']
    deployment.client.wait_for_status(uuid, 'Running')
    engine_name = 'zun-%s-0' % uuid
    assert _volume_exists(docker_client, engine_name)
    mounted = _engine(docker_client, uuid)['Mounts']
    assert [m['Name'] for m in mounted] == [engine_name]

    response = deployment.client.delete('/v1/containers/%s?stop=true'
                                        % uuid)
    assert response.status_code == 204, response.text
    deployment.client.wait_for_deletion(uuid)
    assert not _volume_exists(docker_client, engine_name)


def test_injected_file_survives_rebuild(deployment, created, docker_client,
                                        test_image):
    content = base64.b64encode(INJECTED).decode()
    container = _create(deployment, created, test_image, version='1.23',
                        command=['cat', '/etc/app.conf'],
                        mounts=[{'type': 'bind', 'source': content,
                                 'destination': '/etc/app.conf'}])
    uuid = container['uuid']
    client = deployment.client
    client.wait_for_status(uuid, 'Stopped')
    assert docker_client.logs('zun-%s' % uuid) == INJECTED

    assert client.action(uuid, 'rebuild').status_code == 202
    client.wait_for_status(uuid, 'Created')
    assert client.action(uuid, 'start').status_code == 202
    client.wait_for_status(uuid, 'Stopped')
    assert docker_client.logs('zun-%s' % uuid) == INJECTED


def test_bind_mount_before_1_23_400(deployment, test_image):
    content = base64.b64encode(INJECTED).decode()
    body = {'image': test_image,
            'mounts': [{'type': 'bind', 'source': content,
                        'destination': '/etc/app.conf'}]}
    response = deployment.client.post('/v1/containers', json=body,
                                      version='1.22')
    assert response.status_code == 400, response.text


def test_disk_on_driver_without_limits(deployment, created, docker_client,
                                       test_image):
    info = docker_client.info()
    status = dict(info.get('DriverStatus') or ())
    supported = info['Driver'] in ('btrfs', 'devicemapper', 'zfs') or (
        info['Driver'] == 'overlay2'
        and status.get('Backing Filesystem') == 'xfs')
    container = _create(deployment, created, test_image, disk=1)
    if supported:
        running = deployment.client.wait_for_status(container['uuid'],
                                                    'Running')
        assert running['disk'] == 1
        return
    failed = deployment.client.wait_for_status(container['uuid'], 'Error')
    assert info['Driver'] in failed['status_reason']
    assert 'without disk' in failed['status_reason']


def test_pull_policy_never_missing_image(deployment, created):
    image = 'zun-no-such-image-%s:v2' % deployment.host[-6:]
    container = _create(deployment, created, image,
                        image_pull_policy='never')
    failed = deployment.client.wait_for_status(container['uuid'], 'Error')
    assert 'never' in failed['status_reason']


def test_pull_policy_ifnotpresent_local(deployment, created, test_image):
    container = _create(deployment, created, test_image,
                        image_pull_policy='ifnotpresent')
    shown = deployment.client.wait_for_status(container['uuid'], 'Running')
    assert shown['image_pull_policy'] == 'ifnotpresent'
