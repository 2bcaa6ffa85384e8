"""Tests of the websocket proxy server on loopback, with a fake driver."""

import datetime
import os
import ssl
import time
from unittest import mock

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import oid
import fixtures
import websocket
from websockets import exceptions as ws_exceptions

from zun.common import consts
from zun.common import exception
from zun.container import driver as container_driver
from zun.objects import exec_instance
from zun.tests import base
from zun.tests.unit.db import utils
from zun.tests.unit.websocket import test_relay
from zun.websocket import server
from zun.websocket import tokens

EXEC_ID = 'a' * 64
SUBPROTOCOLS = ['binary', 'base64']


def _write_certificate(directory):
    """Write a self-signed certificate and key for 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(oid.NameOID.COMMON_NAME,
                                         'zun-test')])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder()
                   .subject_name(name).issuer_name(name)
                   .public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=1))
                   .not_valid_after(now + datetime.timedelta(hours=1))
                   .sign(key, hashes.SHA256()))
    cert_path = os.path.join(directory, 'cert.pem')
    key_path = os.path.join(directory, 'key.pem')
    with open(cert_path, 'wb') as cert_file:
        cert_file.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_path, 'wb') as key_file:
        key_file.write(key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
    return cert_path, key_path


class ProxyTestCase(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.driver = mock.create_autospec(container_driver.ContainerDriver,
                                           instance=True)
        self.stream = test_relay.FakeStream()
        self.driver.open_attach_stream.return_value = self.stream
        self.driver.open_exec_stream.return_value = self.stream
        self.container = utils.create_container(
            self.context, status=consts.RUNNING, interactive=True,
            host='fake-host')

    def start_proxy(self):
        proxy = server.WebsocketProxy(driver=self.driver, host='127.0.0.1',
                                      port=0)
        proxy.start()
        self.addCleanup(proxy.stop)
        scheme = 'wss' if self.conf.conf.websocket_proxy.cert else 'ws'
        self.conf.config(base_url='%s://127.0.0.1:%d/' % (scheme, proxy.port),
                         group='websocket_proxy')
        return proxy

    def url(self, proxy, exec_id=None, scheme='ws'):
        token = tokens.issue(self.context, self.container.uuid, exec_id)
        return tokens.proxy_url('%s://127.0.0.1:%d/' % (scheme, proxy.port),
                                token, self.container.uuid, exec_id)

    def connect(self, url, **kwargs):
        kwargs.setdefault('subprotocols', SUBPROTOCOLS)
        session = websocket.create_connection(url, timeout=10, **kwargs)
        self.addCleanup(session.close)
        return session

    def rejection(self, url, **kwargs):
        error = self.assertRaises(websocket.WebSocketBadStatusException,
                                  self.connect, url, **kwargs)
        return error.status_code, error.resp_body.decode('utf-8')


class TestSessions(ProxyTestCase):

    def test_attach_relays_both_ways(self):
        proxy = self.start_proxy()
        session = self.connect(self.url(proxy))
        self.assertEqual('binary', session.subprotocol)
        session.send_binary(b'ls\n')
        self.stream.output.put(b'\xffout')
        self.assertEqual(b'\xffout', session.recv())
        # Separate threads relay input and output, so the output arriving
        # does not show that the input was written. Wait for the input.
        self.assertTrue(self.stream.wrote.wait(10))
        self.assertEqual([b'ls\n'], self.stream.written)

    def test_close_frame_on_exit(self):
        proxy = self.start_proxy()
        session = self.connect(self.url(proxy))
        self.stream.output.put(test_relay.END)
        opcode, frame = session.recv_data_frame(True)
        self.assertEqual(websocket.ABNF.OPCODE_CLOSE, opcode)
        self.assertEqual(1000, int.from_bytes(frame.data[:2], 'big'))
        self.assertEqual(b'the command exited with code 0', frame.data[2:])

    def test_exec_client_leaving_kills(self):
        exec_instance.ExecInstance(
            self.context, container_uuid=self.container.uuid,
            exec_id=EXEC_ID).create(self.context)
        proxy = self.start_proxy()
        session = self.connect(self.url(proxy, EXEC_ID))
        session.close()
        self.assertTrue(self.stream.closed.wait(10))
        deadline = time.monotonic() + 10
        while (not self.driver.execute_kill.called
               and time.monotonic() < deadline):
            time.sleep(0.05)
        self.driver.execute_kill.assert_called_once_with(
            mock.ANY, mock.ANY, EXEC_ID)

    def test_attach_client_leaving_detaches(self):
        proxy = self.start_proxy()
        session = self.connect(self.url(proxy))
        session.close()
        self.assertTrue(self.stream.closed.wait(10))
        self.driver.execute_kill.assert_not_called()

    def test_no_subprotocol_offered(self):
        proxy = self.start_proxy()
        session = self.connect(self.url(proxy), subprotocols=None)
        self.assertIsNone(session.subprotocol)


class TestRejections(ProxyTestCase):

    def test_bad_token_403(self):
        proxy = self.start_proxy()
        url = self.url(proxy).replace('token=', 'token=x')
        status, body = self.rejection(url)
        self.assertEqual(403, status)
        self.assertIn('The websocket token is rejected: it is unknown',
                      body)
        self.driver.open_attach_stream.assert_not_called()

    def test_bad_origin_403(self):
        proxy = self.start_proxy()
        status, body = self.rejection(self.url(proxy),
                                      origin='http://elsewhere.example')
        self.assertEqual(403, status)
        self.assertIn('origin http://elsewhere.example is rejected', body)

    def test_engine_conflict_409(self):
        self.driver.open_attach_stream.side_effect = (
            exception.ContainerEngineConflict(detail='it is paused'))
        proxy = self.start_proxy()
        status, body = self.rejection(self.url(proxy))
        self.assertEqual(409, status)
        self.assertIn('it is paused', body)

    def test_engine_error_hidden(self):
        self.driver.open_attach_stream.side_effect = exception.DockerError(
            error_msg='socket /secret/path refused')
        proxy = self.start_proxy()
        status, body = self.rejection(self.url(proxy))
        self.assertEqual(500, status)
        self.assertNotIn('/secret/path', body)
        self.assertIn('its log has the details', body)

    def test_unknown_subprotocol_400(self):
        proxy = self.start_proxy()
        status, body = self.rejection(self.url(proxy), subprotocols=['chat'])
        self.assertEqual(400, status)
        self.assertIn('offer binary or base64', body)
        self.driver.open_attach_stream.assert_not_called()


class TestTLS(ProxyTestCase):

    def test_wss_session(self):
        directory = self.useFixture(fixtures.TempDir()).path
        cert, key = _write_certificate(directory)
        self.conf.config(cert=cert, key=key, group='websocket_proxy')
        proxy = self.start_proxy()
        session = self.connect(self.url(proxy, scheme='wss'),
                               sslopt={'cert_reqs': ssl.CERT_NONE})
        self.stream.output.put(b'secure')
        self.assertEqual(b'secure', session.recv())

    def test_plain_client_refused(self):
        directory = self.useFixture(fixtures.TempDir()).path
        cert, key = _write_certificate(directory)
        self.conf.config(cert=cert, key=key, group='websocket_proxy')
        proxy = self.start_proxy()
        self.assertRaises((websocket.WebSocketException, OSError),
                          self.connect, self.url(proxy))
        self.driver.open_attach_stream.assert_not_called()


class TestSelectSubprotocol(base.TestCase):

    def test_binary_preferred(self):
        self.assertEqual('binary', server._select_subprotocol(
            None, ['base64', 'binary']))

    def test_base64_alone(self):
        self.assertEqual('base64', server._select_subprotocol(
            None, ['base64']))

    def test_none_offered(self):
        self.assertIsNone(server._select_subprotocol(None, []))

    def test_unknown_rejected(self):
        self.assertRaises(ws_exceptions.NegotiationError,
                          server._select_subprotocol, None, ['chat'])
