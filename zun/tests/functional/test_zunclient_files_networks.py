"""python-zunclient 5.5 and the openstack CLI: cp and network commands.

The clients run unchanged against zun-all, with only an endpoint override
and any token, as in test_zunclient.

NOTE: ``openstack appcontainer network list`` fails inside the client for
any container with a network: python-zunclient 5.5 passes a plain function
as a column formatter, which osc-lib 4.7 rejects with "Invalid formatter
provided." whatever the server returns. The list is checked here with the
legacy ``zun network-list`` command and the Python library instead.
"""

import io
import json
import os
import subprocess
import tarfile

import pytest
from zunclient import client as zun_client

from zun.tests.functional import services
from zun.tests.functional import test_zunclient


def _openstack(deployment, *args):
    return test_zunclient._openstack(deployment, *args)


@pytest.fixture()
def running(all_in_one, docker_client, test_image):
    """Run one container through the API; delete it afterwards."""
    name = services.unique_name('cli')
    container = all_in_one.client.create({'image': test_image,
                                          'name': name})
    all_in_one.client.wait_for_status(container['uuid'], 'Running')
    yield container
    all_in_one.client.delete('/v1/containers/%s?force=true'
                             % container['uuid'])
    all_in_one.client.wait_for_deletion(container['uuid'])


@pytest.fixture()
def engine_network(docker_client):
    name = services.unique_name('zun-test')
    network = docker_client.create_network(name, driver='bridge')
    yield docker_client.inspect_network(network['Id'])
    info = docker_client.inspect_network(network['Id'])
    for container_id in info.get('Containers') or {}:
        docker_client.disconnect_container_from_network(
            container_id, network['Id'], force=True)
    docker_client.remove_network(network['Id'])


@pytest.mark.parametrize('version', ['1.40', '1.24'])
def test_cli_cp_both_ways(all_in_one, running, tmp_path, version):
    source = tmp_path / 'in'
    source.mkdir()
    name = 'cl\u00e9 %s.txt' % version
    (source / name).write_bytes(b'copied with the CLI\n')
    target = tmp_path / 'out'
    target.mkdir()
    container = running['name']

    _openstack(all_in_one, '--os-container-api-version', version,
               'appcontainer', 'cp', str(source / name),
               '%s:/tmp' % container)
    _openstack(all_in_one, '--os-container-api-version', version,
               'appcontainer', 'cp', '%s:/tmp/%s' % (container, name),
               str(target))

    assert os.listdir(target) == [name]
    assert (target / name).read_bytes() == b'copied with the CLI\n'


def _network_ids(deployment, container):
    client = zun_client.Client('1.latest',
                               endpoint_override=deployment.api_url + '/v1',
                               auth_token='any')
    return [item.net_id for item in client.containers.network_list(
        container)]


def test_cli_network_commands(all_in_one, running, engine_network):
    container = running['name']

    attach = _openstack(all_in_one, 'appcontainer', 'network', 'attach',
                        '--network', engine_network['Name'], container)
    attached = _network_ids(all_in_one, container)
    container_view = json.loads(_openstack(all_in_one, 'appcontainer', 'show',
                                  container, '-f', 'json'))
    detach = _openstack(all_in_one, 'appcontainer', 'network', 'detach',
                        '--network', engine_network['Id'], container)

    assert 'has been accepted' in attach
    assert engine_network['Id'] in attached
    assert engine_network['Id'] in container_view['networks']
    assert 'has been accepted' in detach
    assert engine_network['Id'] not in _network_ids(all_in_one, container)


def test_legacy_cli_network_list(keystone_all_in_one, engine_network,
                                 test_image):
    token, _ = services.keystone_token('demo', 'demopass', 'demo')
    api = keystone_all_in_one.client.with_headers({'X-Auth-Token': token})
    container = api.create({'image': test_image,
                            'name': services.unique_name('legacy'),
                            'nets': [{'network': engine_network['Name']}]})
    try:
        running = api.wait_for_status(container['uuid'], 'Running')
        result = subprocess.run(
            [services.bin_path('zun'), '--os-username', 'demo',
             '--os-password', 'demopass', '--os-project-name', 'demo',
             '--os-user-domain-id', 'default',
             '--os-project-domain-id', 'default',
             '--os-auth-url', services.KEYSTONE_URL,
             '--bypass-url', keystone_all_in_one.api_url + '/v1',
             'network-list', container['uuid']],
            capture_output=True, text=True, timeout=120)
    finally:
        # A forced delete needs the admin role, which the demo user lacks.
        deleted = api.delete('/v1/containers/%s?stop=true'
                             % container['uuid'])
        assert deleted.status_code == 204, deleted.text
        # The delete runs in the background; without the wait, the module's
        # zun-all could stop first and leave the container on the engine.
        api.wait_for_deletion(container['uuid'])

    assert result.returncode == 0, result.stderr
    entry, = running['addresses'][engine_network['Id']]
    assert engine_network['Id'] in result.stdout
    assert entry['port'] in result.stdout
    assert entry['addr'] in result.stdout


def test_cli_attach_failure_is_shown(all_in_one, running):
    output = _openstack(all_in_one, 'appcontainer', 'network', 'attach',
                        '--network', 'zun-test-no-such-network',
                        running['name'])

    assert 'failed' in output
    assert 'zun-test-no-such-network' in output


def test_python_client_archive_and_networks(all_in_one, running,
                                            engine_network):
    client = zun_client.Client('1.latest',
                               endpoint_override=all_in_one.api_url + '/v1',
                               auth_token='any')
    uuid = running['uuid']
    archive = _tar({'lib.txt': b'from the library'})

    client.containers.put_archive(uuid, '/tmp', archive)
    result = client.containers.get_archive(uuid, '/tmp/lib.txt')
    client.containers.network_attach(uuid, network=engine_network['Name'])
    networks = client.containers.network_list(uuid)

    assert result['stat']['name'] == 'lib.txt'
    assert b'from the library' in result['data']
    assert engine_network['Id'] in [item.net_id for item in networks]
    client.containers.network_detach(uuid, network=engine_network['Id'])
    assert engine_network['Id'] not in [
        item.net_id for item in client.containers.network_list(uuid)]


def _tar(files):
    stream = io.BytesIO()
    with tarfile.open(fileobj=stream, mode='w') as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return stream.getvalue()
