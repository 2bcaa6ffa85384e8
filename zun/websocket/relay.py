"""Relaying one console session between a websocket and the engine.

Each session uses two threads: the server's handler thread passes the
client's messages to the process's input, and a thread of its own passes
the process's output to the client. Output goes out in binary messages
(or base64 text messages for a client that chose the ``base64``
subprotocol), byte for byte as the engine sent it.
"""

import base64
import binascii
import threading

from oslo_log import log as logging
from websockets import exceptions as ws_exceptions

LOG = logging.getLogger(__name__)

# Seconds for which the end of an incomplete UTF-8 character is held back
# in the hope that the rest of it arrives with the next chunk.
UTF8_HOLD_TIME = 0.05
# Seconds that the end of a session waits for the output thread.
OUTPUT_JOIN_TIMEOUT = 10
# Largest close reason, in bytes, that a close frame can carry.
MAX_CLOSE_REASON = 123
CLOSE_NORMAL = 1000
CLOSE_UNSUPPORTED_DATA = 1003
BASE64_SUBPROTOCOL = 'base64'


def split_incomplete_utf8(data):
    """Split ``data`` before an incomplete UTF-8 character at its end.

    python-zunclient 5.5 decodes each message as UTF-8 on its own and
    fails on a character that is cut between two messages. Holding the
    first bytes of such a character back keeps it in one message. Bytes
    that cannot become valid UTF-8 are never held back, so other data passes
    unchanged, only maybe a moment later.
    :returns: (bytes to send now, bytes to hold back).
    """
    for back in range(1, min(3, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 == 0x80:
            # A continuation byte; the lead byte is further back.
            continue
        if byte & 0xE0 == 0xC0:
            length = 2
        elif byte & 0xF0 == 0xE0:
            length = 3
        elif byte & 0xF8 == 0xF0:
            length = 4
        else:
            return data, b''
        if length > back:
            return data[:-back], data[-back:]
        return data, b''
    return data, b''


def close_reason(text):
    """Cut ``text`` to fit into a close frame, on a character boundary."""
    encoded = text.encode('utf-8')[:MAX_CLOSE_REASON]
    return encoded.decode('utf-8', 'ignore')


class Session:
    """One attach or exec session that the proxy relays.

    :param connection: the websocket connection, after the handshake.
    :param stream: the ConsoleStream of the process, owned by the session.
    :param label: description for the log, such as ``exec X of
        container Y``.
    :param on_client_gone: callable() run when the client leaves before
        the process ends, or None.
    """

    def __init__(self, connection, stream, label, on_client_gone=None):
        self._connection = connection
        self._stream = stream
        self._label = label
        self._on_client_gone = on_client_gone
        self._base64 = connection.subprotocol == BASE64_SUBPROTOCOL
        self._output_ended = threading.Event()
        self._client_gone = threading.Event()

    def run(self):
        """Relay until the process ends or the client leaves."""
        output = threading.Thread(target=self._relay_output,
                                  name='wsproxy-output', daemon=True)
        output.start()
        try:
            self._relay_input()
        finally:
            if not self._output_ended.is_set():
                self._client_gone.set()
            self._stream.close()
            output.join(OUTPUT_JOIN_TIMEOUT)
        if self._client_gone.is_set():
            LOG.info('The client left the session of %s', self._label)
            if self._on_client_gone is not None:
                self._on_client_gone()

    def _decode(self, message):
        if isinstance(message, bytes):
            return message
        if self._base64:
            try:
                return base64.b64decode(message, validate=True)
            except (binascii.Error, ValueError):
                self._connection.close(CLOSE_UNSUPPORTED_DATA,
                                       'a text message is not base64')
                return None
        return message.encode('utf-8')

    def _relay_input(self):
        try:
            for message in self._connection:
                data = self._decode(message)
                if data is None:
                    return
                self._stream.write(data)
        except ws_exceptions.ConnectionClosed as exc:
            LOG.debug('The websocket of %s closed: %s', self._label, exc)
        except OSError as exc:
            # The engine closed the stream; the output thread ends the
            # session with the process's exit.
            LOG.debug('Writing to %s failed: %s', self._label, exc)
            self._output_ended.wait(OUTPUT_JOIN_TIMEOUT)

    def _send(self, data):
        if not data:
            return
        if self._base64:
            self._connection.send(base64.b64encode(data).decode('ascii'))
        else:
            self._connection.send(data)

    def _relay_output(self):
        held_back = b''
        try:
            while True:
                timeout = UTF8_HOLD_TIME if held_back else None
                data = self._stream.read(timeout)
                if data is None:
                    self._send(held_back)
                    held_back = b''
                    continue
                if not data:
                    break
                ready, held_back = split_incomplete_utf8(held_back + data)
                self._send(ready)
            if self._client_gone.is_set():
                return
            self._send(held_back)
            self._output_ended.set()
            reason = self._stream.describe_end()
            LOG.info('Closing the session of %s: %s', self._label, reason)
            self._connection.close(CLOSE_NORMAL, close_reason(reason))
        except ws_exceptions.ConnectionClosed as exc:
            LOG.debug('The websocket of %s closed while sending: %s',
                      self._label, exc)
