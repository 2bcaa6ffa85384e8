"""The websocket proxy rejects bad handshakes before any stream opens.

Each rejection carries an HTTP status and the reason in the body. The
tokens of this module live a few seconds, so that one can expire.
"""

import time
from urllib import parse

import pytest

from zun.tests.functional import consoles

TOKEN_LIFETIME = 5
ALLOWED_ORIGIN = 'dashboard.example.com'
CONFIG_OVERRIDES = {
    'websocket_proxy': {
        'token_lifetime': str(TOKEN_LIFETIME),
        'allowed_origins': ALLOWED_ORIGIN,
    },
}


@pytest.fixture()
def shell(deployment, created, test_image):
    return consoles.run_interactive(deployment, created, test_image)


def _replace_query(url, **changes):
    """Return ``url`` with query parameters changed; None removes one."""
    parts = parse.urlsplit(url)
    query = dict(parse.parse_qsl(parts.query))
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return parse.urlunsplit(parts._replace(query=parse.urlencode(query)))


def _exec_not_started(docker_client, exec_id):
    info = docker_client.exec_inspect(exec_id)
    return not info['Running'] and not info['Pid']


def test_missing_token_rejected(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    status, body = consoles.rejection(_replace_query(url, token=None))
    assert status == 403
    assert 'the URL has no token' in body


def test_wrong_token_rejected(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    status, body = consoles.rejection(_replace_query(url, token='x' * 43))
    assert status == 403
    assert 'it is unknown' in body


def test_reused_token_rejected(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    consoles.connect(url).close()
    status, body = consoles.rejection(url)
    assert status == 403
    assert 'already used' in body


def test_expired_token_rejected(deployment, shell, docker_client):
    started = consoles.interactive_exec(deployment, shell['uuid'], 'sh')
    time.sleep(TOKEN_LIFETIME + 1)
    status, body = consoles.rejection(started['proxy_url'])
    assert status == 403
    assert 'expired' in body
    assert _exec_not_started(docker_client, started['exec_id'])


def test_token_for_other_container_rejected(deployment, created,
                                             test_image):
    first = consoles.run_interactive(deployment, created, test_image)
    second = consoles.run_interactive(deployment, created, test_image)
    url = consoles.attach_url(deployment, first['uuid'])
    status, body = consoles.rejection(_replace_query(url,
                                                     uuid=second['uuid']))
    assert status == 403
    assert 'issued for another container' in body


def test_token_for_other_exec_rejected(deployment, shell, docker_client):
    first = consoles.interactive_exec(deployment, shell['uuid'], 'sh')
    second = consoles.interactive_exec(deployment, shell['uuid'], 'sh')
    url = _replace_query(first['proxy_url'], exec_id=second['exec_id'])
    status, body = consoles.rejection(url)
    assert status == 403
    assert 'issued for another exec' in body
    assert _exec_not_started(docker_client, second['exec_id'])


def test_attach_token_without_exec_rejected(deployment, shell):
    started = consoles.interactive_exec(deployment, shell['uuid'], 'sh')
    url = _replace_query(started['proxy_url'], exec_id=None)
    status, body = consoles.rejection(url)
    assert status == 403
    assert 'the URL needs its exec_id' in body


def test_missing_uuid_rejected(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    status, body = consoles.rejection(_replace_query(url, uuid=None))
    assert status == 400
    assert "'uuid': is required" in body


def test_disallowed_origin_rejected(deployment, shell, docker_client):
    started = consoles.interactive_exec(deployment, shell['uuid'], 'sh')
    status, body = consoles.rejection(started['proxy_url'],
                                      origin='http://evil.example.org')
    assert status == 403
    assert 'origin http://evil.example.org is rejected' in body
    assert _exec_not_started(docker_client, started['exec_id'])
    # The rejected handshake left the token unused.
    consoles.connect(started['proxy_url']).close()


def test_origin_with_wrong_scheme_rejected(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    status, body = consoles.rejection(
        url, origin='https://%s' % ALLOWED_ORIGIN)
    assert status == 403
    assert 'serves http pages only' in body


def test_allowed_origin_accepted(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    session = consoles.connect(url, origin='http://%s' % ALLOWED_ORIGIN)
    session.close()


def test_unsupported_subprotocol_rejected(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    status, body = consoles.rejection(url, subprotocols=['chat'])
    assert status == 400
    assert 'offer binary or base64' in body


def test_no_subprotocol_accepted(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    session = consoles.connect(url, subprotocols=None)
    try:
        assert session.subprotocol is None
        session.send_binary(b'echo plain\n')
        consoles.read_until(session, b'\r\nplain\r\n')
    finally:
        session.close()


def test_stopped_container_rejected(deployment, shell):
    url = consoles.attach_url(deployment, shell['uuid'])
    # sh as PID 1 ignores SIGTERM, and the token must not expire first.
    deployment.client.post('/v1/containers/%s/stop?timeout=0'
                           % shell['uuid'])
    deployment.client.wait_for_status(shell['uuid'], 'Stopped')
    status, body = consoles.rejection(url)
    assert status == 409
    assert 'in Stopped state' in body
