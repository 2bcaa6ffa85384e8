"""Tests of the raw console streams of the engine API."""

import json
import os
import socket
import struct
import threading

import fixtures

from zun.common import exception
from zun.container.docker import console
from zun.tests import base

UPGRADED = (b'HTTP/1.1 101 UPGRADED\r\n'
            b'Content-Type: application/vnd.docker.raw-stream\r\n'
            b'Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n')


def frame(stream_type, payload):
    return struct.pack('>BxxxL', stream_type, len(payload)) + payload


class FakeEngine:
    """A unix socket server that replies to one request with fixed bytes."""

    def __init__(self, path, answer):
        self.path = path
        self.answer = answer
        self.request = b''
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(path)
        self._server.listen(1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        connection, _ = self._server.accept()
        with connection:
            while b'\r\n\r\n' not in self.request:
                self.request += connection.recv(4096)
            head, _, body = self.request.partition(b'\r\n\r\n')
            for line in head.split(b'\r\n'):
                if line.lower().startswith(b'content-length:'):
                    length = int(line.split(b':')[1])
                    while len(body) < length:
                        body += connection.recv(4096)
            self.request = head + b'\r\n\r\n' + body
            connection.sendall(self.answer)
        self._server.close()

    def join(self):
        self._thread.join(10)


class TestOpenUpgraded(base.TestCase):

    def setUp(self):
        super().setUp()
        directory = self.useFixture(fixtures.TempDir()).path
        self.path = os.path.join(directory, 'docker.sock')
        self.url = 'unix://' + self.path

    def open(self, answer, body=None):
        engine = FakeEngine(self.path, answer)
        self.addCleanup(engine.join)
        return engine, console.open_upgraded(self.url, '/v1.41/exec/e/start',
                                             body, 5)

    def test_leftover_kept(self):
        engine, (sock, leftover) = self.open(UPGRADED + b'first output')
        sock.close()
        self.assertEqual(b'first output', leftover)

    def test_request_asks_upgrade(self):
        engine, (sock, _) = self.open(UPGRADED, body={'Tty': True})
        sock.close()
        engine.join()
        head, _, body = engine.request.partition(b'\r\n\r\n')
        self.assertTrue(head.startswith(b'POST /v1.41/exec/e/start '))
        self.assertIn(b'Upgrade: tcp', head)
        self.assertEqual({'Tty': True}, json.loads(body))

    def test_status_200_accepted(self):
        _, (sock, leftover) = self.open(b'HTTP/1.1 200 OK\r\n\r\nraw')
        sock.close()
        self.assertEqual(b'raw', leftover)

    def test_error_message_read(self):
        body = b'{"message": "No such exec instance: e"}'
        answer = (b'HTTP/1.1 404 Not Found\r\nContent-Length: %d\r\n\r\n'
                  % len(body)) + body
        error = self.assertRaises(console.UpgradeFailed, self.open, answer)
        self.assertEqual(404, error.status)
        self.assertEqual('No such exec instance: e', error.message)

    def test_other_status_rejected(self):
        error = self.assertRaises(exception.DockerError, self.open,
                                  b'HTTP/1.1 204 No Content\r\n\r\n')
        self.assertIn('status 204', str(error))

    def test_malformed_status_rejected(self):
        error = self.assertRaises(exception.DockerError, self.open,
                                  b'garbage\r\n\r\n')
        self.assertIn('malformed status line', str(error))

    def test_early_close_rejected(self):
        error = self.assertRaises(exception.DockerError, self.open,
                                  b'HTTP/1.1 101')
        self.assertIn('closed the connection', str(error))

    def test_missing_socket(self):
        error = self.assertRaises(exception.DockerError,
                                  console.open_upgraded, self.url, '/x',
                                  None, 1)
        self.assertIn('cannot reach the Docker engine', str(error))

    def test_unsupported_scheme(self):
        error = self.assertRaises(exception.DockerError,
                                  console.open_upgraded, 'ssh://host', '/x',
                                  None, 1)
        self.assertIn('use a unix:// or tcp:// address', str(error))


class StreamTestCase(base.TestCase):

    def stream(self, leftover=b'', multiplexed=False, accepts_input=True):
        engine_side, proxy_side = socket.socketpair()
        self.addCleanup(engine_side.close)
        stream = console.EngineStream(
            proxy_side, leftover, multiplexed, accepts_input,
            describe_end=lambda: 'the command exited with code 0')
        self.addCleanup(stream.close)
        return engine_side, stream


class TestRawStream(StreamTestCase):

    def test_leftover_first(self):
        engine, stream = self.stream(leftover=b'early')
        engine.sendall(b'later')
        self.assertEqual(b'early', stream.read())
        self.assertEqual(b'later', stream.read())

    def test_end_of_stream(self):
        engine, stream = self.stream()
        engine.close()
        self.assertEqual(b'', stream.read())

    def test_timeout_returns_none(self):
        _, stream = self.stream()
        self.assertIsNone(stream.read(timeout=0.05))

    def test_write_reaches_engine(self):
        engine, stream = self.stream()
        stream.write(b'ls\n')
        self.assertEqual(b'ls\n', engine.recv(100))

    def test_write_dropped_without_input(self):
        engine, stream = self.stream(accepts_input=False)
        stream.write(b'ls\n')
        stream.close()
        self.assertEqual(b'', engine.recv(100))

    def test_close_wakes_reader(self):
        _, stream = self.stream()
        results = []
        reader = threading.Thread(target=lambda: results.append(
            stream.read()))
        reader.start()
        stream.close()
        reader.join(5)
        self.assertEqual([b''], results)

    def test_close_twice(self):
        _, stream = self.stream()
        stream.close()
        stream.close()

    def test_describe_end(self):
        _, stream = self.stream()
        self.assertEqual('the command exited with code 0',
                         stream.describe_end())


class TestMultiplexedStream(StreamTestCase):

    def test_frames_joined_and_split(self):
        data = frame(1, b'out') + frame(2, b'err')
        engine, stream = self.stream(leftover=data[:5], multiplexed=True)
        engine.sendall(data[5:])
        self.assertEqual(b'out', stream.read())
        self.assertEqual(b'err', stream.read())

    def test_empty_frame_skipped(self):
        engine, stream = self.stream(multiplexed=True)
        engine.sendall(frame(1, b'') + frame(1, b'x'))
        self.assertEqual(b'x', stream.read())

    def test_partial_frame_at_end(self):
        engine, stream = self.stream(multiplexed=True)
        engine.sendall(frame(1, b'whole') + frame(1, b'cut')[:9])
        engine.close()
        self.assertEqual(b'whole', stream.read())
        self.assertEqual(b'', stream.read())

    def test_timeout_keeps_partial_frame(self):
        engine, stream = self.stream(multiplexed=True)
        data = frame(2, b'\xff\x00')
        engine.sendall(data[:6])
        self.assertIsNone(stream.read(timeout=0.05))
        engine.sendall(data[6:])
        self.assertEqual(b'\xff\x00', stream.read())
