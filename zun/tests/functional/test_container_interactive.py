"""Attach, interactive exec and TTY resize on the real engine.

A websocket-client session, as python-zunclient opens it, talks to busybox
through the proxy of each deployment: in-process in zun-all, and the
zun-wsproxy process next to zun-compute in the split deployment.
"""

import base64
import threading
import time

import pytest

from zun.tests.functional import consoles

# Bytes that are not valid UTF-8, NUL and escape, UTF-8 characters of two,
# three and four bytes, and the first half of a four-byte character, which
# the proxy holds back for a moment before it sends it alone.
ODD_BYTES = (b'\xff\xfe\x80\xc3(\x00\x1b' + 'é€😀'.encode()
             + b'\xf0\x9f')


@pytest.fixture()
def shell(deployment, created, test_image):
    """A running interactive container with a TTY, whose process is sh."""
    return consoles.run_interactive(deployment, created, test_image)


@pytest.fixture()
def worker(deployment, created, test_image):
    """A running container that is not interactive."""
    container = deployment.client.create({'image': test_image,
                                          'memory': '64m'})
    created.append(container['uuid'])
    return deployment.client.wait_for_status(container['uuid'], 'Running')


def _resize(deployment, uuid, action, status=200, **params):
    response = deployment.client.post(
        '/v1/containers/%s/%s' % (uuid, action), params=params)
    assert response.status_code == status, response.text
    return response


def _detail(response):
    return response.json()['errors'][0]['detail']


# --- attach

def test_attach_echo_hi(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    assert url.startswith('ws://127.0.0.1:%d/?token='
                          % deployment.wsproxy_port)
    session = consoles.connect(url)
    try:
        assert session.subprotocol == 'binary'
        session.send_binary(b'echo hi\n')
        output = consoles.read_until(session, b'\r\nhi\r\n')
        assert b'echo hi\r\nhi\r\n' in output
    finally:
        session.close()


def test_attach_resize_sets_tty_size(deployment, shell):
    session = consoles.connect(consoles.attach_url(deployment,
                                                   shell['uuid']))
    try:
        _resize(deployment, shell['uuid'], 'resize', h='27', w='93')
        session.send_binary(b'stty size\n')
        assert b'27 93\r\n' in consoles.read_until(session, b'27 93\r\n')
    finally:
        session.close()


def test_attach_closes_when_container_exits(deployment, shell):
    session = consoles.connect(consoles.attach_url(deployment,
                                                   shell['uuid']))
    session.send_binary(b'exit 4\n')
    _, code, reason = consoles.read_to_close(session)
    assert code == 1000
    assert reason == 'the container exited with code 4'
    deployment.client.wait_for_status(shell['uuid'], 'Stopped')


def test_attach_base64_subprotocol(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    session = consoles.connect(url, subprotocols=['base64'])
    try:
        assert session.subprotocol == 'base64'
        session.send(base64.b64encode(b'echo b64\n').decode('ascii'))
        session.settimeout(30)
        output = b''
        while b'\r\nb64\r\n' not in output:
            message = session.recv()
            assert isinstance(message, str)
            output += base64.b64decode(message)
    finally:
        session.close()


def test_attach_non_interactive_400(deployment, worker):
    response = deployment.client.get('/v1/containers/%s/attach'
                                     % worker['uuid'])
    assert response.status_code == 400
    assert 'interactive' in _detail(response)


def test_attach_stopped_409(deployment, shell):
    deployment.client.post('/v1/containers/%s/stop?timeout=0'
                           % shell['uuid'])
    deployment.client.wait_for_status(shell['uuid'], 'Stopped')
    response = deployment.client.get('/v1/containers/%s/attach'
                                     % shell['uuid'])
    assert response.status_code == 409
    assert 'Stopped' in _detail(response)


# --- interactive exec

def test_exec_stty_size_after_resize(deployment, shell):
    started = consoles.interactive_exec(deployment, shell['uuid'], 'sh')
    assert started['output'] is None
    assert started['exit_code'] is None
    session = consoles.connect(started['proxy_url'])
    try:
        consoles.read_until(session, consoles.PROMPT)
        _resize(deployment, shell['uuid'], 'execute_resize',
                exec_id=started['exec_id'], h='33', w='101')
        session.send_binary(b'stty size\n')
        assert b'33 101\r\n' in consoles.read_until(session, b'33 101\r\n')
    finally:
        session.close()


def test_exec_command_in_json_body(deployment, shell):
    response = deployment.client.post(
        '/v1/containers/%s/execute' % shell['uuid'],
        json={'command': ['sh', '-c', 'echo from-body'],
              'interactive': True})
    assert response.status_code == 200, response.text
    session = consoles.connect(response.json()['proxy_url'])
    output, code, _ = consoles.read_to_close(session)
    assert b'from-body' in output
    assert code == 1000


def test_exec_bytes_round_trip(deployment, shell):
    started = consoles.interactive_exec(
        deployment, shell['uuid'], "sh -c 'stty raw -echo; echo ready; cat'")
    session = consoles.connect(started['proxy_url'])
    try:
        consoles.read_until(session, b'ready')
        session.send_binary(ODD_BYTES)
        echoed = consoles.read_until(session, ODD_BYTES)
        assert echoed.endswith(ODD_BYTES)
    finally:
        session.close()


def test_exec_closes_with_exit_code(deployment, shell):
    started = consoles.interactive_exec(deployment, shell['uuid'],
                                        "sh -c 'echo bye; exit 3'")
    session = consoles.connect(started['proxy_url'])
    output, code, reason = consoles.read_to_close(session)
    assert b'bye' in output
    assert code == 1000
    assert reason == 'the command exited with code 3'


def test_exec_without_tty_streams_output(deployment, shell):
    started = consoles.interactive_exec(
        deployment, shell['uuid'], "sh -c 'echo out; echo err >&2'",
        interactive='false')
    session = consoles.connect(started['proxy_url'])
    output, code, _ = consoles.read_to_close(session)
    assert sorted(output.split()) == [b'err', b'out']
    assert code == 1000


def test_exec_client_leaving_kills_command(deployment, shell, docker_client):
    started = consoles.interactive_exec(deployment, shell['uuid'],
                                        'sleep 1000')
    session = consoles.connect(started['proxy_url'])
    deadline = time.monotonic() + 10
    while not docker_client.exec_inspect(started['exec_id'])['Running']:
        assert time.monotonic() < deadline, 'the exec did not start'
        time.sleep(0.1)
    session.close()
    deadline = time.monotonic() + 15
    while docker_client.exec_inspect(started['exec_id'])['Running']:
        assert time.monotonic() < deadline, 'the exec still runs'
        time.sleep(0.2)


def test_many_sessions_at_once(deployment, shell):
    count = 8
    results = {}

    def run(number):
        started = consoles.interactive_exec(
            deployment, shell['uuid'], "sh -c 'read line; echo got-$line'")
        session = consoles.connect(started['proxy_url'])
        session.send_binary(b'%d\n' % number)
        results[number] = consoles.read_to_close(session)

    threads = [threading.Thread(target=run, args=(number,))
               for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(results) == list(range(count))
    for number, (output, code, _) in results.items():
        assert b'got-%d' % number in output
        assert code == 1000


# --- TTY resize

@pytest.mark.parametrize('params, text', [
    ({'h': '0', 'w': '80'}, "'h': must be at least 1"),
    ({'h': '24', 'w': ''}, "'w': '' is not an integer"),
    ({'h': '-5', 'w': '80'}, "'h': must be at least 1"),
    ({'h': '24', 'w': '65536'}, "'w': must be at most 65535"),
    ({'h': '9' * 40, 'w': '80'}, "'h': the integer has more than"),
    ({'h': '24.5', 'w': '80'}, "'h': '24.5' is not an integer"),
    ({'w': '80'}, "'h': is required"),
])
def test_resize_bad_size_400(deployment, shell, params, text):
    response = _resize(deployment, shell['uuid'], 'resize', status=400,
                       **params)
    assert text in _detail(response)


@pytest.mark.parametrize('params, text', [
    ({'h': '0', 'w': '80'}, "'h': must be at least 1"),
    ({'h': '24', 'w': ''}, "'w': '' is not an integer"),
    ({'h': '24', 'w': '-1'}, "'w': must be at least 1"),
    ({'h': '70000', 'w': '80'}, "'h': must be at most 65535"),
])
def test_execute_resize_bad_size_400(deployment, shell, params, text):
    started = consoles.interactive_exec(deployment, shell['uuid'], 'sh')
    response = _resize(deployment, shell['uuid'], 'execute_resize',
                       status=400, exec_id=started['exec_id'], **params)
    assert text in _detail(response)


def test_execute_resize_unknown_exec_404(deployment, shell):
    response = _resize(deployment, shell['uuid'], 'execute_resize',
                       status=404, exec_id='f' * 64, h='24', w='80')
    assert 'could not be found' in _detail(response)


def test_execute_resize_finished_exec_409(deployment, shell):
    started = consoles.interactive_exec(deployment, shell['uuid'], 'true')
    session = consoles.connect(started['proxy_url'])
    consoles.read_to_close(session)
    response = _resize(deployment, shell['uuid'], 'execute_resize',
                       status=409, exec_id=started['exec_id'], h='24',
                       w='80')
    assert 'has finished' in _detail(response)


def test_execute_resize_before_start_409(deployment, shell):
    started = consoles.interactive_exec(deployment, shell['uuid'], 'sh')
    response = _resize(deployment, shell['uuid'], 'execute_resize',
                       status=409, exec_id=started['exec_id'], h='24',
                       w='80')
    assert 'has not started' in _detail(response)
