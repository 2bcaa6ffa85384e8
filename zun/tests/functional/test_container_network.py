"""Container networks through the API on the real Docker engine.

Each test runs against zun-all with SQLite and against separate zun-api
and zun-compute processes with RabbitMQ and MariaDB. Traffic goes only
between containers on networks that the tests create, and to published
ports on 127.0.0.1.
"""

import ipaddress
import random
import socket
import time
import uuid as uuid_lib

import docker
import pytest
import sqlalchemy as sa

from zun.tests.functional import services

SERVE_COMMAND = ['sh', '-c',
                 'while true; do echo hello | nc -l -p 8080; done']


def _subnet():
    """Return a random /24 of 10.0.0.0/8, unlikely to clash with others."""
    return '10.%d.%d.0/24' % (random.randint(160, 250),
                              random.randint(0, 255))


@pytest.fixture()
def test_network(docker_client):
    """Create an engine bridge network with a subnet; remove it after."""
    network_ids = []

    def make(ipv6=False):
        name = services.unique_name('zun-test')
        pools = [docker.types.IPAMPool(subnet=_subnet())]
        if ipv6:
            pools.append(docker.types.IPAMPool(
                subnet='fd%02x:%04x:1::/64' % (random.randint(0, 255),
                                               random.randint(0, 65535))))
        network = docker_client.create_network(
            name, driver='bridge', enable_ipv6=ipv6,
            ipam=docker.types.IPAMConfig(pool_configs=pools))
        network_ids.append(network['Id'])
        return docker_client.inspect_network(network['Id'])

    yield make
    for network_id in network_ids:
        # The containers go later, with the ``created`` fixture.
        info = docker_client.inspect_network(network_id)
        for container_id in info.get('Containers') or {}:
            docker_client.disconnect_container_from_network(
                container_id, network_id, force=True)
        docker_client.remove_network(network_id)


def _subnet_of(network, version=4):
    for pool in network['IPAM']['Config']:
        subnet = ipaddress.ip_network(pool['Subnet'])
        if subnet.version == version:
            return subnet
    raise AssertionError('network has no IPv%d subnet' % version)


def _run(deployment, created, image, run=True, **extra):
    body = dict({'image': image, 'name': services.unique_name('net')},
                **extra)
    container = deployment.client.create(body, run=run)
    created.append(container['uuid'])
    status = 'Running' if run else 'Created'
    return deployment.client.wait_for_status(container['uuid'], status)


def _action_path(uuid, action):
    return '/v1/containers/%s/%s' % (uuid, action)


def _detail(response):
    return response.json()['errors'][0]['detail']


def test_default_network_addresses(deployment, created, docker_client,
                                   test_image):
    container = _run(deployment, created, test_image)
    bridge = docker_client.inspect_network('bridge')

    addresses = container['addresses']
    assert list(addresses) == [bridge['Id']]
    entry, = addresses[bridge['Id']]
    engine = docker_client.inspect_container('zun-%s' % container['uuid'])
    endpoint = engine['NetworkSettings']['Networks']['bridge']
    assert entry['addr'] == endpoint['IPAddress']
    assert entry['version'] == 4
    assert entry['subnet_id'] == str(_subnet_of(bridge))
    assert entry['preserve_on_delete'] is False
    assert str(uuid_lib.UUID(entry['port'])) == entry['port']


def test_network_list_shapes(deployment, created, docker_client,
                             test_image):
    container = _run(deployment, created, test_image)
    uuid = container['uuid']
    (net_id, (entry,)), = container['addresses'].items()
    path = _action_path(uuid, 'network_list')

    current = deployment.client.get(path)
    legacy = deployment.client.get(path, version='1.17')
    too_old = deployment.client.get(path, version='1.12')

    assert current.json() == {'networks': [{
        'net_id': net_id, 'port_id': entry['port'],
        'fixed_ips': [{'ip_address': entry['addr'], 'version': 4,
                       'subnet_id': entry['subnet_id']}]}]}
    assert legacy.json() == {'networks': [{
        'net_id': net_id, 'port_id': entry['port'],
        'subnet_id': entry['subnet_id'], 'version': 4,
        'ip_address': entry['addr']}]}
    assert too_old.status_code == 406, too_old.text


def test_nets_by_name_and_id(deployment, created, docker_client, test_image,
                             test_network):
    network = test_network()
    subnet = _subnet_of(network)
    fixed = str(subnet.network_address + 10)

    by_name = _run(deployment, created, test_image, nets=[
        {'network': network['Name'], 'v4-fixed-ip': fixed}])
    by_id = _run(deployment, created, test_image,
                 nets=[{'network': network['Id']}])

    assert list(by_name['addresses']) == [network['Id']]
    assert by_name['addresses'][network['Id']][0]['addr'] == fixed
    assert list(by_id['addresses']) == [network['Id']]
    address = by_id['addresses'][network['Id']][0]['addr']
    assert ipaddress.ip_address(address) in subnet
    engine = docker_client.inspect_container('zun-%s' % by_id['uuid'])
    assert set(engine['NetworkSettings']['Networks']) == {network['Name']}


def test_v6_fixed_ip(deployment, created, test_image, test_network):
    network = test_network(ipv6=True)
    v6 = str(_subnet_of(network, 6).network_address + 0x20)
    v4 = str(_subnet_of(network, 4).network_address + 20)

    container = _run(deployment, created, test_image, nets=[
        {'network': network['Name'], 'v4-fixed-ip': v4, 'v6-fixed-ip': v6}])

    entries = container['addresses'][network['Id']]
    assert {(entry['version'], entry['addr']) for entry in entries} == {
        (4, v4), (6, v6)}
    assert len({entry['port'] for entry in entries}) == 1


def test_two_networks(deployment, created, test_image, test_network):
    first, second = test_network(), test_network()

    container = _run(deployment, created, test_image, nets=[
        {'network': first['Name']}, {'network': second['Name']}])

    assert set(container['addresses']) == {first['Id'], second['Id']}


def test_containers_reach_each_other(deployment, created, docker_client,
                                     test_image, test_network):
    network = test_network()
    nets = [{'network': network['Name']}]
    server = _run(deployment, created, test_image, nets=nets,
                  command=SERVE_COMMAND)
    client = _run(deployment, created, test_image, nets=nets)
    server_ip = server['addresses'][network['Id']][0]['addr']

    command = ['sh', '-c', 'for i in 1 2 3 4 5; do nc -w 2 %s 8080 && '
               'exit 0; sleep 1; done; exit 1' % server_ip]
    exec_id = docker_client.exec_create('zun-%s' % client['uuid'], command)
    output = docker_client.exec_start(exec_id)

    assert b'hello' in output
    assert docker_client.exec_inspect(exec_id)['ExitCode'] == 0


def test_exposed_port_reachable(deployment, created, test_image):
    container = _run(deployment, created, test_image,
                     exposed_ports={'8080/tcp': {}}, command=SERVE_COMMAND)

    port, = container['ports']
    assert port['port'] == 8080
    assert port['protocol'] == 'tcp'
    assert port['host_ip'] == '127.0.0.1'
    reply = b''
    deadline = time.monotonic() + 20
    while b'hello' not in reply and time.monotonic() < deadline:
        with socket.create_connection(('127.0.0.1', port['host_port']),
                                      timeout=5) as sock:
            reply = sock.recv(100)
        time.sleep(0.2)
    assert b'hello' in reply


def test_missing_network_goes_to_error(deployment, created, test_image):
    name = services.unique_name('zun-test-missing')
    container = deployment.client.create(
        {'image': test_image, 'name': services.unique_name('net'),
         'nets': [{'network': name}]})
    created.append(container['uuid'])

    failed = deployment.client.wait_for_status(container['uuid'], 'Error')

    assert name in failed['status_reason']


def test_port_needs_neutron(deployment):
    response = deployment.client.post(
        '/v1/containers', json={'image': 'busybox',
                                'nets': [{'port': 'some-port'}]})

    assert response.status_code == 400, response.text
    assert 'nets[0].port' in _detail(response)
    assert 'Neutron' in _detail(response)


def test_security_groups_need_neutron(deployment, created, test_image):
    client = deployment.client
    response = client.post('/v1/containers', json={
        'image': test_image, 'security_groups': ['default']})
    container = _run(deployment, created, test_image)
    path = _action_path(container['uuid'], 'add_security_group')

    added = client.post(path, params={'name': 'web'}, version='1.14')
    removed = client.post(_action_path(container['uuid'],
                                       'remove_security_group'),
                          params={'name': 'web'}, version='1.14')
    removed_version = client.post(path, params={'name': 'web'},
                                  version='1.15')

    assert response.status_code == 400, response.text
    assert 'Neutron' in _detail(response)
    for answer in (added, removed):
        assert answer.status_code == 400, answer.text
        assert 'Neutron' in _detail(answer)
    assert removed_version.status_code == 406, removed_version.text


def test_security_group_policy(deployment, created, test_image):
    container = _run(deployment, created, test_image)
    deployment.write_policy({'container:add_security_group': '!'})
    try:
        response = deployment.client.post(
            _action_path(container['uuid'], 'add_security_group'),
            params={'name': 'web'}, version='1.14')
    finally:
        deployment.write_policy({})

    assert response.status_code == 403, response.text


def _action(deployment, uuid, request_id):
    # The action history API does not exist yet, so the test reads the
    # database of the deployment.
    engine = sa.create_engine(deployment.db_url)
    try:
        with engine.connect() as connection:
            action = connection.execute(sa.text(
                'SELECT id, action, message, finish_time FROM '
                'container_actions WHERE container_uuid = :uuid AND '
                'request_id = :request_id'),
                {'uuid': uuid, 'request_id': request_id}).one()
            events = connection.execute(sa.text(
                'SELECT event, result FROM container_actions_events '
                'WHERE action_id = :id'), {'id': action.id}).all()
    finally:
        engine.dispose()
    return action, {event.event: event.result for event in events}


def test_attach_and_detach(deployment, created, test_image, test_network):
    client = deployment.client
    network = test_network()
    fixed = str(_subnet_of(network).network_address + 30)
    container = _run(deployment, created, test_image)
    uuid = container['uuid']

    attached = client.post(_action_path(uuid, 'network_attach'),
                           params={'network': network['Name'],
                                   'fixed_ip': fixed})
    assert attached.status_code == 200, attached.text
    container_view = client.show(uuid).json()
    assert container_view['task_state'] is None
    assert container_view['addresses'][network['Id']][0]['addr'] == fixed
    action, events = _action(deployment, uuid,
                             attached.headers['X-OpenStack-Request-Id'])
    assert action.action == 'network_attach'
    assert action.message is None
    assert events == {'compute_network_attach': 'Success'}

    again = client.post(_action_path(uuid, 'network_attach'),
                        params={'network': network['Id']})
    assert again.status_code == 409, again.text

    detached = client.post(_action_path(uuid, 'network_detach'),
                           params={'network': network['Id']})
    assert detached.status_code == 202, detached.text
    assert network['Id'] not in client.show(uuid).json()['addresses']

    missing = client.post(_action_path(uuid, 'network_detach'),
                          params={'network': network['Id']})
    assert missing.status_code == 404, missing.text


def test_detach_by_port(deployment, created, docker_client, test_image,
                        test_network):
    client = deployment.client
    network = test_network()
    container = _run(deployment, created, test_image,
                     nets=[{'network': 'bridge'},
                           {'network': network['Name']}])
    uuid = container['uuid']
    port = container['addresses'][network['Id']][0]['port']
    path = _action_path(uuid, 'network_detach')

    too_old = client.post(path, params={'port': port}, version='1.16')
    detached = client.post(path, params={'port': port}, version='1.17')
    unknown = client.post(path, params={'port': port}, version='1.17')

    assert too_old.status_code == 400, too_old.text
    assert detached.status_code == 202, detached.text
    assert list(client.show(uuid).json()['addresses']) == [
        docker_client.inspect_network('bridge')['Id']]
    assert unknown.status_code == 404, unknown.text


def test_failed_attach_leaves_no_task(deployment, created, test_image):
    client = deployment.client
    container = _run(deployment, created, test_image)
    uuid = container['uuid']

    missing = client.post(_action_path(uuid, 'network_attach'),
                          params={'network': 'zun-test-no-such-network'})
    detached = client.post(_action_path(uuid, 'network_detach'),
                           params={'network': 'bridge'})
    # The default bridge has no configured subnet, so no fixed IP.
    readded = client.post(_action_path(uuid, 'network_attach'),
                          params={'network': 'bridge',
                                  'fixed_ip': '172.17.250.250'})

    assert missing.status_code == 404, missing.text
    assert detached.status_code == 202, detached.text
    assert readded.status_code == 400, readded.text
    container_view = client.show(uuid).json()
    assert container_view['task_state'] is None
    assert container_view['status'] == 'Running'
    assert container_view['addresses'] == {}
    for response in (missing, readded):
        action, events = _action(deployment, uuid,
                                 response.headers['X-OpenStack-Request-Id'])
        assert action.message == 'Error'
        assert action.finish_time is not None
        assert events == {'compute_network_attach': 'Error'}


def test_attach_to_stopped_then_start(deployment, created, test_image,
                                      test_network):
    client = deployment.client
    network = test_network()
    container = _run(deployment, created, test_image)
    uuid = container['uuid']
    assert client.post(_action_path(uuid, 'stop')).status_code == 202
    client.wait_for_status(uuid, 'Stopped')

    attached = client.post(_action_path(uuid, 'network_attach'),
                           params={'network': network['Name']})
    stopped = client.show(uuid).json()
    assert client.post(_action_path(uuid, 'start')).status_code == 202
    running = client.wait_for_status(uuid, 'Running')

    assert attached.status_code == 200, attached.text
    assert stopped['addresses'][network['Id']] == []
    address = running['addresses'][network['Id']][0]['addr']
    assert ipaddress.ip_address(address) in _subnet_of(network)


def test_action_versions(deployment, created, test_image):
    container = _run(deployment, created, test_image)
    uuid = container['uuid']
    client = deployment.client

    attach = client.post(_action_path(uuid, 'network_attach'),
                         params={'network': 'bridge'}, version='1.7')
    detach = client.post(_action_path(uuid, 'network_detach'),
                         params={'network': 'bridge'}, version='1.5')

    assert attach.status_code == 406, attach.text
    assert detach.status_code == 406, detach.text
