"""Tests of the relay between a websocket and a console stream."""

import queue
import threading
import time
from unittest import mock

from websockets import exceptions as ws_exceptions
from websockets import frames

from zun.container import driver
from zun.tests import base
from zun.websocket import relay

END = object()


class FakeStream(driver.ConsoleStream):
    """A console stream fed from a queue; ``END`` ends it."""

    accepts_input = True

    def __init__(self):
        self.output = queue.Queue()
        self.written = []
        self.wrote = threading.Event()
        self.closed = threading.Event()
        self.reads = []

    def read(self, timeout=None):
        self.reads.append(timeout)
        try:
            item = self.output.get(timeout=timeout)
        except queue.Empty:
            return None
        return b'' if item is END else item

    def write(self, data):
        self.written.append(data)
        self.wrote.set()

    def close(self):
        self.closed.set()
        self.output.put(END)

    def describe_end(self):
        return 'the command exited with code 0'


class FakeConnection:
    """A websocket connection whose client messages come from a queue."""

    def __init__(self, subprotocol='binary'):
        self.subprotocol = subprotocol
        self.incoming = queue.Queue()
        self.sent = []
        self.closed_with = None

    def __iter__(self):
        while True:
            item = self.incoming.get()
            if item is END:
                return
            if isinstance(item, Exception):
                raise item
            yield item

    def send(self, data):
        self.sent.append(data)

    def close(self, code=1000, reason=''):
        self.closed_with = (code, reason)
        self.incoming.put(END)


class TestSplitIncompleteUtf8(base.TestCase):

    def test_ascii_passes(self):
        self.assertEqual((b'abc', b''), relay.split_incomplete_utf8(b'abc'))

    def test_complete_characters_pass(self):
        data = 'é€😀'.encode()
        self.assertEqual((data, b''), relay.split_incomplete_utf8(data))

    def test_cut_characters_held(self):
        for character in ('é', '€', '😀'):
            encoded = character.encode()
            for cut in range(1, len(encoded)):
                self.assertEqual(
                    (b'a', encoded[:cut]),
                    relay.split_incomplete_utf8(b'a' + encoded[:cut]),
                    (character, cut))

    def test_invalid_bytes_pass(self):
        for data in (b'\xff', b'\x80\x80\x80', b'\xfe\xfe', b'a\xbf'):
            self.assertEqual((data, b''), relay.split_incomplete_utf8(data))

    def test_empty(self):
        self.assertEqual((b'', b''), relay.split_incomplete_utf8(b''))


class TestCloseReason(base.TestCase):

    def test_short_text_kept(self):
        self.assertEqual('done', relay.close_reason('done'))

    def test_long_text_cut(self):
        self.assertEqual(123, len(relay.close_reason('x' * 200)))

    def test_cut_on_character(self):
        reason = relay.close_reason('€' * 50)
        self.assertEqual('€' * 41, reason)


class SessionTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.stream = FakeStream()
        self.on_client_gone = mock.Mock()

    def run_session(self, connection):
        session = relay.Session(connection, self.stream, 'exec e1',
                                on_client_gone=self.on_client_gone)
        thread = threading.Thread(target=session.run)
        thread.start()
        return thread


class TestSession(SessionTestCase):

    def test_output_sent_as_binary(self):
        connection = FakeConnection()
        self.stream.output.put(b'\xff\xfehi')
        self.stream.output.put(END)
        self.run_session(connection).join(10)
        self.assertEqual([b'\xff\xfehi'], connection.sent)

    def test_close_with_exit(self):
        connection = FakeConnection()
        self.stream.output.put(END)
        self.run_session(connection).join(10)
        self.assertEqual((1000, 'the command exited with code 0'),
                         connection.closed_with)
        self.on_client_gone.assert_not_called()

    def test_input_written(self):
        connection = FakeConnection()
        connection.incoming.put(b'ls\n')
        connection.incoming.put('pwd\n')
        thread = self.run_session(connection)
        connection.incoming.put(END)
        thread.join(10)
        self.assertEqual([b'ls\n', b'pwd\n'], self.stream.written)

    def test_client_leaving_closes_stream(self):
        connection = FakeConnection()
        connection.incoming.put(END)
        self.run_session(connection).join(10)
        self.assertTrue(self.stream.closed.is_set())
        self.on_client_gone.assert_called_once_with()
        self.assertIsNone(connection.closed_with)

    def test_abnormal_close_is_client_gone(self):
        connection = FakeConnection()
        connection.incoming.put(ws_exceptions.ConnectionClosedError(
            frames.Close(1006, ''), None))
        self.run_session(connection).join(10)
        self.on_client_gone.assert_called_once_with()

    def test_cut_character_sent_whole(self):
        connection = FakeConnection()
        self.stream.output.put(b'a\xe2\x82')
        self.stream.output.put(b'\xacb')
        self.stream.output.put(END)
        self.run_session(connection).join(10)
        self.assertEqual([b'a', b'\xe2\x82\xacb'], connection.sent)

    def test_held_bytes_sent_after_pause(self):
        connection = FakeConnection()
        self.stream.output.put(b'\xf0\x9f')
        thread = self.run_session(connection)
        deadline = time.monotonic() + 10
        while not connection.sent and time.monotonic() < deadline:
            thread.join(0.05)
        self.assertEqual([b'\xf0\x9f'], connection.sent)
        self.assertIn(relay.UTF8_HOLD_TIME, self.stream.reads)
        self.stream.output.put(END)
        thread.join(10)

    def test_held_bytes_sent_at_end(self):
        connection = FakeConnection()
        self.stream.output.put(b'x\xc3')
        self.stream.output.put(END)
        self.run_session(connection).join(10)
        self.assertEqual(b'x\xc3', b''.join(connection.sent))


class TestBase64Session(SessionTestCase):

    def test_output_sent_as_base64_text(self):
        connection = FakeConnection(subprotocol='base64')
        self.stream.output.put(b'\xff\x00')
        self.stream.output.put(END)
        self.run_session(connection).join(10)
        self.assertEqual(['/wA='], connection.sent)

    def test_input_decoded(self):
        connection = FakeConnection(subprotocol='base64')
        connection.incoming.put('bHMK')
        thread = self.run_session(connection)
        connection.incoming.put(END)
        thread.join(10)
        self.assertEqual([b'ls\n'], self.stream.written)

    def test_bad_base64_closes(self):
        connection = FakeConnection(subprotocol='base64')
        connection.incoming.put('not base64!')
        self.run_session(connection).join(10)
        self.assertEqual(relay.CLOSE_UNSUPPORTED_DATA,
                         connection.closed_with[0])
        self.assertEqual([], self.stream.written)
