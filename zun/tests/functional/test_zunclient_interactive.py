"""python-zunclient 5.5 and the openstack CLI attach and exec, unchanged.

The CLI runs on a pseudo-terminal of 37 rows and 111 columns, as a user's
terminal would be, against zun-all. It sends the terminal's size through
resize or execute_resize right after it connects, so ``stty size`` in the
container shows that size.
"""

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time

import pytest
from zunclient import client as zun_client

from zun.tests.functional import consoles
from zun.tests.functional import services
from zun.tests.functional import test_zunclient_inspection as cli

ROWS = 37
COLUMNS = 111
CONNECTED = b'to disconnect'


class Terminal:
    """A command running on a pseudo-terminal of ROWS x COLUMNS."""

    def __init__(self, args, env):
        self.output = b''
        # Length of the output up to the last marker that read_until found.
        self.consumed = 0
        self.status = None
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ,
                        struct.pack('HHHH', ROWS, COLUMNS, 0, 0))
            os.execve(args[0], args, env)  # noqa: S606  (a fixed path)

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 4096)
        except OSError:
            # EIO: the command ended and closed the terminal.
            return False
        self.output += data
        return bool(data)

    def read_until(self, marker, timeout=60):
        """Read until ``marker`` follows the previous marker's place.

        :returns: the output from that place to the end of ``marker``.
        """
        start = self.consumed
        deadline = time.monotonic() + timeout
        while marker not in self.output[start:]:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(min(remaining, 0.5)):
                raise AssertionError('%r did not arrive; output: %r'
                                     % (marker, self.output))
        self.consumed = self.output.index(marker, start) + len(marker)
        return self.output[start:self.consumed]

    def wait_for_raw_mode(self, timeout=30):
        """Wait until the command has switched the terminal to raw mode.

        Before that, the terminal echoes and edits what is typed.
        """
        deadline = time.monotonic() + timeout
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            if time.monotonic() >= deadline:
                raise AssertionError('The terminal stayed in canonical '
                                     'mode; output: %r' % self.output)
            self._read(0.05)

    def type(self, text):
        os.write(self.fd, text)

    def wait(self, timeout=30):
        """Read to the end and return the exit status of the command."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._read(0.2)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        raise AssertionError('The command did not end; output: %r'
                             % self.output)

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
        os.close(self.fd)


@pytest.fixture()
def terminal(all_in_one):
    started = []

    def start(*args):
        started.append(Terminal([services.bin_path('openstack'), *args],
                                cli._environment(all_in_one)))
        return started[-1]

    yield start
    for running in started:
        running.close()


@pytest.fixture()
def shell(all_in_one, test_image, docker_client):
    name = services.unique_name('cli-shell')
    container = all_in_one.client.create(
        {'image': test_image, 'name': name, 'memory': '64m',
         'interactive': True, 'tty': True, 'command': ['sh']})
    try:
        yield all_in_one.client.wait_for_status(container['uuid'],
                                                'Running')
    finally:
        all_in_one.client.delete('/v1/containers/%s?force=true'
                                 % container['uuid'])
        all_in_one.client.wait_for_deletion(container['uuid'])


def test_cli_exec_interactive(terminal, shell):
    session = terminal('appcontainer', 'exec', '--interactive',
                       shell['name'], 'sh')
    session.read_until(CONNECTED)
    session.wait_for_raw_mode()
    # busybox sh drops what was typed before its first prompt.
    session.read_until(consoles.PROMPT)
    session.type(b'stty size\r')
    session.read_until(b'%d %d\r\n' % (ROWS, COLUMNS))
    session.type(b'echo hi-$((6*7))\r')
    session.read_until(b'hi-42')
    session.type(b'exit\r')
    assert session.wait() == 0


def test_cli_attach(terminal, all_in_one, shell):
    session = terminal('appcontainer', 'attach', shell['name'])
    session.read_until(CONNECTED)
    session.wait_for_raw_mode()
    session.type(b'\r')
    session.read_until(consoles.PROMPT)
    session.type(b'stty size\r')
    session.read_until(b'%d %d\r\n' % (ROWS, COLUMNS))
    session.type(b'echo hi-$((6*7))\r')
    session.read_until(b'hi-42')
    session.type(b'exit\r')
    assert session.wait() == 0
    all_in_one.client.wait_for_status(shell['uuid'], 'Stopped')


def test_library_attach_and_resize(all_in_one, shell):
    library = zun_client.Client('1.latest',
                                endpoint_override=all_in_one.api_url + '/v1',
                                auth_token='any')
    url = library.containers.attach(shell['name'])
    session = consoles.connect(url)
    try:
        library.containers.resize(shell['name'], '90', '21')
        session.send_binary(b'stty size\n')
        consoles.read_until(session, b'21 90\r\n')
    finally:
        session.close()


def test_library_exec_and_resize(all_in_one, shell):
    library = zun_client.Client('1.latest',
                                endpoint_override=all_in_one.api_url + '/v1',
                                auth_token='any')
    started = library.containers.execute(shell['name'], command='"sh"',
                                         interactive=True, run=False)
    session = consoles.connect(started['proxy_url'])
    try:
        consoles.read_until(session, consoles.PROMPT)
        library.containers.execute_resize(shell['name'], started['exec_id'],
                                          '88', '19')
        session.send_binary(b'stty size\n')
        consoles.read_until(session, b'19 88\r\n')
    finally:
        session.close()
