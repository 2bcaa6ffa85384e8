"""Helpers of the functional tests of attach and interactive exec.

Sessions use websocket-client, the library of python-zunclient, with the
subprotocols that python-zunclient 5.5 offers.
"""

import time

import websocket

SUBPROTOCOLS = ['binary', 'base64']
# A prompt of busybox sh as root, which the TTY tests wait for.
PROMPT = b'# '


def connect(url, **kwargs):
    """Open a session at a proxy URL, as python-zunclient does."""
    kwargs.setdefault('subprotocols', SUBPROTOCOLS)
    return websocket.create_connection(url, skip_utf8_validation=True,
                                       timeout=30, **kwargs)


def rejection(url, **kwargs):
    """Open a session that the proxy must reject; return the rejection.

    :returns: (HTTP status, response body text).
    """
    try:
        session = connect(url, **kwargs)
    except websocket.WebSocketBadStatusException as exc:
        return exc.status_code, (exc.resp_body or b'').decode('utf-8')
    session.close()
    raise AssertionError('The proxy accepted %s' % url)


def _next_frame(session):
    """Return (opcode, data) of the next data or close frame."""
    while True:
        opcode, frame = session.recv_data_frame(True)
        if opcode in (websocket.ABNF.OPCODE_PING, websocket.ABNF.OPCODE_PONG):
            continue
        return opcode, frame.data


def read_until(session, marker, timeout=30):
    """Read output until ``marker`` (bytes) arrives; return all of it."""
    data = b''
    deadline = time.monotonic() + timeout
    while marker not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError('%r did not arrive within %ds; got %r'
                                 % (marker, timeout, data))
        session.settimeout(remaining)
        try:
            opcode, payload = _next_frame(session)
        except websocket.WebSocketTimeoutException:
            continue
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            raise AssertionError('The session closed before %r arrived; got '
                                 '%r' % (marker, data))
        data += payload
    return data


def read_to_close(session, timeout=30):
    """Read output until the close frame.

    :returns: (output bytes, close code, close reason).
    """
    data = b''
    session.settimeout(timeout)
    while True:
        opcode, payload = _next_frame(session)
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            code = int.from_bytes(payload[:2], 'big') if payload else None
            return data, code, payload[2:].decode('utf-8')
        data += payload


def run_interactive(deployment, created, image, tty=True, command=None):
    """Run an interactive container and return its view once Running."""
    body = {'image': image, 'interactive': True, 'tty': tty,
            'memory': '64m', 'command': command or ['sh']}
    container = deployment.client.create(body)
    created.append(container['uuid'])
    return deployment.client.wait_for_status(container['uuid'], 'Running')


def attach_url(deployment, uuid):
    response = deployment.client.get('/v1/containers/%s/attach' % uuid)
    assert response.status_code == 200, response.text
    return response.json()


def interactive_exec(deployment, uuid, command, **params):
    """Start an interactive exec; return the execute response body."""
    params.setdefault('interactive', 'true')
    params.setdefault('run', 'false')
    response = deployment.client.post(
        '/v1/containers/%s/execute' % uuid,
        params=dict(params, command=command))
    assert response.status_code == 200, response.text
    return response.json()
