"""Actions on one container through the API, on the real Docker engine.

pause, unpause, kill, reboot, rebuild, PATCH, resize_container, rename and
commit. Each test runs against zun-all with SQLite and against separate
zun-api and zun-compute processes with RabbitMQ and MariaDB.
"""

import time

import docker
import pytest

from zun.tests.functional import services

MIB = 1024 * 1024
SHA256_PREFIX = 'sha256:'
# Writes a file at start, then runs until SIGTERM, like the test image.
WRITE_AND_WAIT = ['sh', '-c', "echo committed > /committed.txt; "
                  "trap 'exit 0' TERM; while true; do sleep 1; done"]


def _engine(docker_client, uuid):
    return docker_client.inspect_container('zun-%s' % uuid)


def _run(deployment, created, image, run=True, status=None, **extra):
    body = dict({'image': image, 'name': services.unique_name('act'),
                 'memory': '64m', 'cpu': 0.5}, **extra)
    container = deployment.client.create(body, run=run)
    created.append(container['uuid'])
    status = status or ('Running' if run else 'Created')
    return deployment.client.wait_for_status(container['uuid'], status)


def _detail(response):
    return response.json()['errors'][0]['detail']


@pytest.fixture()
def images(docker_client):
    """Collect image references that a test commits; remove them after."""
    references = []
    yield references
    for reference in references:
        try:
            docker_client.remove_image(reference, force=True)
        except docker.errors.NotFound:
            pass


def test_pause_and_unpause(deployment, created, docker_client, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']

    response = client.action(uuid, 'pause')
    assert response.status_code == 202, response.text
    paused = client.wait_for_status(uuid, 'Paused')
    assert _engine(docker_client, uuid)['State']['Paused'] is True
    assert paused['status_reason'] is None

    response = client.action(uuid, 'unpause')
    assert response.status_code == 202, response.text
    client.wait_for_status(uuid, 'Running')
    assert _engine(docker_client, uuid)['State']['Paused'] is False


@pytest.mark.parametrize('signal', ['SIGKILL', 'KILL', 'kill', 'sigkill',
                                    '9', None, 'None'])
def test_kill_signal_forms(deployment, created, docker_client, test_image,
                           signal):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']
    query = '' if signal is None else '?signal=%s' % signal

    response = client.action(uuid, 'kill' + query)

    assert response.status_code == 202, response.text
    client.wait_for_status(uuid, 'Stopped')
    assert _engine(docker_client, uuid)['State']['ExitCode'] == 137


def test_kill_sigterm_in_body(deployment, created, docker_client,
                              test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']

    response = client.action(uuid, 'kill', json={'signal': 'SIGTERM'})

    assert response.status_code == 202, response.text
    client.wait_for_status(uuid, 'Stopped')
    # The test image exits with 0 on SIGTERM.
    assert _engine(docker_client, uuid)['State']['ExitCode'] == 0


@pytest.mark.parametrize('signal', ['SIGFOO', '0', '65', 'x9'])
def test_kill_unknown_signal_400(deployment, created, docker_client,
                                 test_image, signal):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']

    response = client.action(uuid, 'kill?signal=%s' % signal)

    assert response.status_code == 400, response.text
    assert "'signal'" in _detail(response)
    shown = client.show(uuid).json()
    assert shown['status'] == 'Running'
    assert shown['task_state'] is None
    assert _engine(docker_client, uuid)['State']['Running'] is True


def test_reboot_restarts(deployment, created, docker_client, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']
    started = _engine(docker_client, uuid)['State']['StartedAt']
    time.sleep(1)

    response = client.action(uuid, 'reboot?timeout=5')

    assert response.status_code == 202, response.text
    client.wait_for_status(uuid, 'Running')
    assert _engine(docker_client, uuid)['State']['StartedAt'] != started


def test_reboot_stopped_starts(deployment, created, docker_client,
                               test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']
    client.action(uuid, 'stop')
    client.wait_for_status(uuid, 'Stopped')

    assert client.action(uuid, 'reboot').status_code == 202
    client.wait_for_status(uuid, 'Running')
    assert _engine(docker_client, uuid)['State']['Running'] is True


def test_rebuild_running_keeps_identity(deployment, created, docker_client,
                                        test_image):
    client = deployment.client
    container = _run(deployment, created, test_image,
                     environment={'KEEP': 'yes'})
    uuid = container['uuid']
    old_engine_id = _engine(docker_client, uuid)['Id']

    response = client.action(uuid, 'rebuild')

    assert response.status_code == 202, response.text
    rebuilt = client.wait_for_status(uuid, 'Running')
    assert rebuilt['name'] == container['name']
    inspect = _engine(docker_client, uuid)
    assert inspect['Id'] != old_engine_id
    assert 'KEEP=yes' in inspect['Config']['Env']
    assert inspect['HostConfig']['Memory'] == 64 * MIB


def test_rebuild_stopped_stays_created(deployment, created, docker_client,
                                       test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']
    client.action(uuid, 'stop')
    client.wait_for_status(uuid, 'Stopped')

    assert client.action(uuid, 'rebuild').status_code == 202
    client.wait_for_status(uuid, 'Created')
    assert _engine(docker_client, uuid)['State']['Status'] == 'created'


def test_rebuild_with_other_image(deployment, created, docker_client,
                                  test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']

    response = client.action(uuid, 'rebuild?image=%s&image_driver=docker'
                             % services.BASE_IMAGE)

    assert response.status_code == 202, response.text
    rebuilt = client.wait_for_status(uuid, ('Running', 'Stopped'))
    assert rebuilt['image'] == services.BASE_IMAGE
    assert (_engine(docker_client, uuid)['Config']['Image']
            == services.BASE_IMAGE)


def test_rebuild_missing_image_keeps_container(deployment, created,
                                               docker_client, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']
    old_engine_id = _engine(docker_client, uuid)['Id']
    missing = 'zun-no-such-image-%s:v1' % deployment.host[-6:]

    response = client.action(uuid, 'rebuild?image=%s' % missing)

    assert response.status_code == 202, response.text
    shown = client.wait_for_status(uuid, 'Running')
    assert missing.split(':')[0] in shown['status_reason']
    assert shown['image'] == test_image
    assert _engine(docker_client, uuid)['Id'] == old_engine_id


def test_patch_cpu_and_memory(deployment, created, docker_client,
                              test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']
    before = _engine(docker_client, uuid)['HostConfig']
    assert before['MemorySwap'] == 128 * MIB

    # 256 MiB is above the old memory+swap limit of 128 MiB, which the
    # engine accepts only when both change together.
    response = client.patch('/v1/containers/%s' % uuid,
                            json={'cpu': 0.2, 'memory': 256})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body['memory'] == '256'
    assert body['cpu'] == 0.2
    assert body['task_state'] is None
    after = _engine(docker_client, uuid)['HostConfig']
    assert after['Memory'] == 256 * MIB
    assert after['MemorySwap'] == 512 * MIB
    assert after['CpuQuota'] == 20000
    assert client.show(uuid).json()['memory'] == '256'


def test_patch_name_and_auto_heal_only_record(deployment, created,
                                              docker_client, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']
    engine_before = _engine(docker_client, uuid)
    new_name = services.unique_name('renamed')

    response = client.patch('/v1/containers/%s' % uuid,
                            json={'name': new_name, 'auto_heal': True})

    assert response.status_code == 200, response.text
    assert response.json()['name'] == new_name
    assert response.json()['auto_heal'] is True
    engine_after = _engine(docker_client, uuid)
    assert engine_after['Id'] == engine_before['Id']
    assert engine_after['HostConfig'] == engine_before['HostConfig']
    assert client.show(new_name).json()['uuid'] == uuid


def test_patch_taken_name_409(deployment, created, test_image):
    client = deployment.client
    first = _run(deployment, created, test_image, run=False)
    second = _run(deployment, created, test_image, run=False)

    response = client.patch('/v1/containers/%s' % second['uuid'],
                            json={'name': first['name'], 'memory': 128})

    assert response.status_code == 409, response.text
    shown = client.show(second['uuid']).json()
    assert shown['name'] == second['name']
    assert shown['memory'] == '64'
    assert shown['task_state'] is None


def test_patch_name_before_1_14_400(deployment, created, test_image):
    uuid = _run(deployment, created, test_image, run=False)['uuid']
    response = deployment.client.patch('/v1/containers/%s' % uuid,
                                       json={'name': 'old-style'},
                                       version='1.13')
    assert response.status_code == 400, response.text
    assert '1.14' in _detail(response)


def test_resize_container(deployment, created, docker_client, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']

    response = client.action(uuid, 'resize_container', version='1.19',
                             json={'cpu': 0.3, 'memory': '128'})

    assert response.status_code == 202, response.text
    assert response.json()['uuid'] == uuid
    resized = client.wait_for_status(uuid, 'Running')
    assert resized['memory'] == '128'
    assert resized['cpu'] == 0.3
    assert _engine(docker_client, uuid)['HostConfig']['Memory'] == 128 * MIB


def test_resize_container_before_1_19_406(deployment, created, test_image):
    uuid = _run(deployment, created, test_image, run=False)['uuid']
    response = deployment.client.action(uuid, 'resize_container',
                                        version='1.18', json={'cpu': 0.3})
    assert response.status_code == 406, response.text


def test_rename_until_1_13(deployment, created, test_image):
    client = deployment.client
    first = _run(deployment, created, test_image, run=False)
    second = _run(deployment, created, test_image, run=False)
    new_name = services.unique_name('renamed')

    response = client.action(first['uuid'], 'rename?name=%s' % new_name,
                             version='1.13')
    assert response.status_code == 200, response.text
    assert response.json()['name'] == new_name

    taken = client.action(second['uuid'], 'rename?name=%s' % new_name,
                          version='1.1')
    assert taken.status_code == 409, taken.text
    assert client.show(second['uuid']).json()['name'] == second['name']

    removed = client.action(first['uuid'], 'rename?name=other',
                            version='1.14')
    assert removed.status_code == 406, removed.text


def _commit(deployment, uuid, repository, tag):
    return deployment.client.action(
        uuid, 'commit?repository=%s&tag=%s' % (repository, tag))


def test_commit_running(deployment, created, docker_client, test_image,
                        images):
    client = deployment.client
    uuid = _run(deployment, created, test_image,
                command=WRITE_AND_WAIT)['uuid']
    repository = 'zun-func-commit-%s' % deployment.host[-10:]
    images.append('%s:v1' % repository)
    time.sleep(1)

    response = _commit(deployment, uuid, repository, 'v1')

    assert response.status_code == 202, response.text
    image_id = response.json()['uuid']
    assert image_id.startswith(SHA256_PREFIX)
    assert docker_client.inspect_image('%s:v1' % repository)['Id'] == (
        image_id)
    shown = client.wait_for_status(uuid, 'Running')
    assert shown['status_reason'] is None
    assert _engine(docker_client, uuid)['State']['Paused'] is False

    child = _run(deployment, created, '%s:v1' % repository,
                 status='Stopped', command=['cat', '/committed.txt'],
                 image_pull_policy='never')
    logs = docker_client.logs('zun-%s' % child['uuid'])
    assert logs.strip() == b'committed'


def test_commit_paused_stays_paused(deployment, created, docker_client,
                                    test_image, images):
    client = deployment.client
    uuid = _run(deployment, created, test_image)['uuid']
    client.action(uuid, 'pause')
    client.wait_for_status(uuid, 'Paused')
    repository = 'zun-func-paused-%s' % deployment.host[-10:]
    images.append('%s:latest' % repository)

    response = client.action(uuid, 'commit',
                             json={'repository': repository})

    assert response.status_code == 202, response.text
    client.wait_for_status(uuid, 'Paused')
    assert _engine(docker_client, uuid)['State']['Paused'] is True
    assert docker_client.inspect_image('%s:latest' % repository)


@pytest.mark.parametrize('query', ['', 'repository=Upper',
                                   'repository=a&tag=-x'])
def test_commit_bad_reference_400(deployment, created, test_image, query):
    uuid = _run(deployment, created, test_image)['uuid']
    response = deployment.client.action(uuid, 'commit?' + query)
    assert response.status_code == 400, response.text
    shown = deployment.client.show(uuid).json()
    assert shown['task_state'] is None
