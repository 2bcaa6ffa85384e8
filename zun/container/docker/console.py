"""Raw two-way streams to the console of a container or an exec.

The engine API replies ``101 UPGRADED`` to an attach or exec start request
that asks for an upgrade, and then carries the process's input and output
on the same connection. The docker SDK (7.x) reads that response
through a buffer and hands out the socket behind it, so output that
arrives together with the response headers is lost; with Docker 20.10 the
first output of a short command often does. This module therefore sends
the request and reads the response head itself, and keeps the bytes that
follow the head.
"""

import json
import select
import socket
import struct
from urllib import parse

from oslo_log import log as logging

from zun.common import exception
from zun.container import driver

LOG = logging.getLogger(__name__)

READ_SIZE = 65536
MAX_HEAD_SIZE = 65536
MAX_ERROR_BODY = 65536
# Header of a frame of a multiplexed stream: the stream type (0 stdin,
# 1 stdout, 2 stderr), three zero bytes and the payload size (big endian).
_FRAME_HEADER = struct.Struct('>BxxxL')


class UpgradeFailed(Exception):
    """The engine rejected the upgrade request with an error status."""

    def __init__(self, status, message):
        super().__init__('%s %s' % (status, message))
        self.status = status
        self.message = message


def connect(api_url, timeout):
    """Open a connection to the engine API at ``api_url``.

    :param api_url: ``unix:///path``, ``tcp://host:port`` or
        ``http://host:port``.
    :raises DockerError: for another scheme or a failed connection.
    """
    url = parse.urlsplit(api_url)
    try:
        if url.scheme in ('unix', 'http+unix'):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(url.path)
        elif url.scheme in ('tcp', 'http'):
            sock = socket.create_connection((url.hostname, url.port or 2375),
                                            timeout=timeout)
        else:
            raise exception.DockerError(
                error_msg='a console stream cannot reach the engine at %s; '
                          'use a unix:// or tcp:// address' % api_url)
    except OSError as exc:
        raise exception.DockerError(
            error_msg='cannot reach the Docker engine at %s: %s'
            % (api_url, exc))
    return sock


def _read_head(sock):
    """Read the response head; return (status, headers, bytes after it)."""
    data = b''
    while b'\r\n\r\n' not in data:
        if len(data) > MAX_HEAD_SIZE:
            raise exception.DockerError(
                error_msg='the engine sent a response head of more than %d '
                          'bytes' % MAX_HEAD_SIZE)
        chunk = sock.recv(READ_SIZE)
        if not chunk:
            raise exception.DockerError(
                error_msg='the engine closed the connection before it '
                          'answered the console request')
        data += chunk
    head, rest = data.split(b'\r\n\r\n', 1)
    lines = head.decode('latin-1').split('\r\n')
    parts = lines[0].split(' ', 2)
    try:
        status = int(parts[1])
    except (IndexError, ValueError):
        raise exception.DockerError(
            error_msg='the engine sent a malformed status line: %r'
            % lines[0][:100])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(':')
        headers[name.strip().lower()] = value.strip()
    return status, headers, rest


def _error_message(sock, headers, rest):
    """Read an error body and return the engine's message in it."""
    try:
        length = min(int(headers.get('content-length', 0)), MAX_ERROR_BODY)
    except ValueError:
        length = 0
    body = rest
    while len(body) < length:
        chunk = sock.recv(READ_SIZE)
        if not chunk:
            break
        body += chunk
    text = body.decode('utf-8', 'replace').strip()
    try:
        return json.loads(text).get('message') or text
    except (ValueError, AttributeError):
        return text


def open_upgraded(api_url, path, body, timeout):
    """POST ``path`` with an upgrade request and return the raw stream.

    :param path: the request path with the API version and query.
    :param body: a dict sent as JSON, or None.
    :param timeout: seconds to connect and to wait for the response head;
        the returned socket blocks without a time limit.
    :returns: (socket, bytes that followed the response head).
    :raises UpgradeFailed: when the engine replies with an error status.
    :raises DockerError: when the engine cannot be reached or answers
        something else than an upgrade.
    """
    payload = json.dumps(body).encode('utf-8') if body is not None else b''
    request = ('POST %s HTTP/1.1\r\n'
               'Host: docker\r\n'
               'Content-Type: application/json\r\n'
               'Connection: Upgrade\r\n'
               'Upgrade: tcp\r\n'
               'Content-Length: %d\r\n'
               '\r\n' % (path, len(payload))).encode('latin-1') + payload
    sock = connect(api_url, timeout)
    try:
        sock.sendall(request)
        status, headers, rest = _read_head(sock)
        if status >= 400:
            raise UpgradeFailed(status, _error_message(sock, headers, rest))
        # Engines before API 1.24 answer 200 and stream all the same.
        if status not in (101, 200):
            raise exception.DockerError(
                error_msg='the engine answered the console request with '
                          'status %d' % status)
    except OSError as exc:
        sock.close()
        raise exception.DockerError(
            error_msg='the console request to the engine failed: %s' % exc)
    except Exception:
        sock.close()
        raise
    sock.settimeout(None)
    return sock, rest


class EngineStream(driver.ConsoleStream):
    """A console stream on a connection that the engine upgraded.

    :param sock: the upgraded connection, owned by the stream from now on.
    :param leftover: bytes that arrived with the response head.
    :param multiplexed: the engine frames the output with 8-byte headers,
        which it does for a process without a TTY.
    :param accepts_input: the process has its standard input open.
    :param describe_end: callable() returning how the process ended.
    """

    def __init__(self, sock, leftover, multiplexed, accepts_input,
                 describe_end):
        self._sock = sock
        self._buffer = leftover
        self._multiplexed = multiplexed
        self._describe_end = describe_end
        self._closed = False
        self._poll = select.poll()
        self._poll.register(sock, select.POLLIN)
        self.accepts_input = accepts_input

    def _recv(self, timeout):
        try:
            # A poll, not a socket timeout, because the timeout would also
            # apply to write() in another thread.
            if timeout is not None and not self._poll.poll(timeout * 1000):
                return None
            return self._sock.recv(READ_SIZE)
        except OSError as exc:
            if not self._closed:
                LOG.debug('Reading a console stream ended: %s', exc)
            return b''

    def _read_raw(self, timeout):
        if self._buffer:
            data, self._buffer = self._buffer, b''
            return data
        return self._recv(timeout)

    def _read_frame(self, timeout):
        while True:
            if len(self._buffer) >= _FRAME_HEADER.size:
                _, size = _FRAME_HEADER.unpack_from(self._buffer)
                end = _FRAME_HEADER.size + size
                if len(self._buffer) >= end:
                    payload = self._buffer[_FRAME_HEADER.size:end]
                    self._buffer = self._buffer[end:]
                    if payload:
                        return payload
                    continue
            chunk = self._recv(timeout)
            if not chunk:
                # None for a timeout; b'' at the end, where a partial
                # frame left in the buffer is dropped.
                return chunk
            self._buffer += chunk

    def read(self, timeout=None):
        if self._multiplexed:
            return self._read_frame(timeout)
        return self._read_raw(timeout)

    def write(self, data):
        if not self.accepts_input or not data:
            return
        self._sock.sendall(data)

    def close(self):
        if self._closed:
            return
        self._closed = True
        try:
            # shutdown() also wakes a thread that is blocked in recv().
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()

    def describe_end(self):
        return self._describe_end()
