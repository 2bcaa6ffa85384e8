"""Tests of attach, interactive exec and resize of the Docker driver."""

import socket
from unittest import mock

import fixtures

from zun.common import exception
from zun.container.docker import console
from zun.container.docker import exec_kill
from zun.container.docker import interactive
from zun.tests.unit.container.docker import test_driver

ENGINE_ID = test_driver.ENGINE_ID
EXEC_ID = 'e' * 64


def exec_info(running=False, pid=0, exit_code=None, tty=True, stdin=True):
    return {'ID': EXEC_ID, 'ContainerID': ENGINE_ID, 'Running': running,
            'Pid': pid, 'ExitCode': exit_code, 'OpenStdin': stdin,
            'ProcessConfig': {'tty': tty}}


def container_info(running=True, tty=True, stdin=True, exit_code=0):
    info = test_driver.inspect_info(
        status='running' if running else 'exited', exit_code=exit_code)
    info['State']['Running'] = running
    info['Config'] = {'Tty': tty, 'OpenStdin': stdin}
    return info


class InteractiveTestCase(test_driver.DriverTestCase):

    def setUp(self):
        super().setUp()
        self.client.api_version = '1.41'
        self.client.inspect_container.return_value = container_info()
        self.client.exec_inspect.return_value = exec_info()
        self.running = self.container(container_id=ENGINE_ID,
                                      status='Running', interactive=True)
        self.engine_side, proxy_side = socket.socketpair()
        self.addCleanup(self.engine_side.close)
        self.upgrade = self.useFixture(fixtures.MockPatchObject(
            console, 'open_upgraded', autospec=True,
            return_value=(proxy_side, b''))).mock
        self.useFixture(fixtures.MockPatchObject(interactive, 'EXIT_POLL',
                                                 0.001))
        self.useFixture(fixtures.MockPatchObject(interactive, 'EXIT_WAIT',
                                                 0.05))


class TestAttach(InteractiveTestCase):

    def test_attachable(self):
        self.driver.check_attachable(self.context, self.running)

    def test_not_running(self):
        self.client.inspect_container.return_value = container_info(
            running=False)
        error = self.assertRaises(exception.ContainerEngineConflict,
                                  self.driver.check_attachable, self.context,
                                  self.running)
        self.assertIn('is not running', str(error))

    def test_no_stdin(self):
        self.client.inspect_container.return_value = container_info(
            stdin=False)
        error = self.assertRaises(exception.ContainerEngineConflict,
                                  self.driver.check_attachable, self.context,
                                  self.running)
        self.assertIn('no standard input', str(error))

    def test_missing_container(self):
        self.client.inspect_container.side_effect = test_driver.not_found()
        self.assertRaises(exception.ContainerNotOnEngine,
                          self.driver.check_attachable, self.context,
                          self.running)

    def test_stream_path(self):
        stream = self.driver.open_attach_stream(self.context, self.running)
        self.addCleanup(stream.close)
        path = self.upgrade.call_args.args[1]
        self.assertEqual('/v1.41/containers/%s/attach?stream=1&stdin=1&'
                         'stdout=1&stderr=1' % ENGINE_ID, path)
        self.assertTrue(stream.accepts_input)

    def test_stream_without_tty_demultiplexed(self):
        self.client.inspect_container.return_value = container_info(
            tty=False)
        stream = self.driver.open_attach_stream(self.context, self.running)
        self.addCleanup(stream.close)
        self.engine_side.sendall(b'\x01\x00\x00\x00\x00\x00\x00\x02hi')
        self.assertEqual(b'hi', stream.read())

    def test_stream_of_stopped_container(self):
        self.client.inspect_container.return_value = container_info(
            running=False)
        self.assertRaises(exception.ContainerEngineConflict,
                          self.driver.open_attach_stream, self.context,
                          self.running)
        self.upgrade.assert_not_called()

    def test_upgrade_not_found(self):
        self.upgrade.side_effect = console.UpgradeFailed(404, 'gone')
        self.assertRaises(exception.ContainerNotOnEngine,
                          self.driver.open_attach_stream, self.context,
                          self.running)

    def test_upgrade_conflict(self):
        self.upgrade.side_effect = console.UpgradeFailed(409, 'paused')
        error = self.assertRaises(exception.ContainerEngineConflict,
                                  self.driver.open_attach_stream,
                                  self.context, self.running)
        self.assertIn('paused', str(error))

    def test_end_reports_exit_code(self):
        stream = self.driver.open_attach_stream(self.context, self.running)
        self.addCleanup(stream.close)
        self.client.inspect_container.return_value = container_info(
            running=False, exit_code=4)
        self.assertEqual('the container exited with code 4',
                         stream.describe_end())

    def test_resize(self):
        self.driver.resize(self.context, self.running, 24, 80)
        self.client.resize.assert_called_once_with(ENGINE_ID, height=24,
                                                   width=80)

    def test_resize_conflict(self):
        self.client.resize.side_effect = test_driver.api_error(
            409, 'is not running')
        self.assertRaises(exception.ContainerEngineConflict,
                          self.driver.resize, self.context, self.running, 1,
                          1)


class TestExec(InteractiveTestCase):

    def test_create_interactive(self):
        self.client.exec_create.return_value = {'Id': EXEC_ID}
        exec_id = self.driver.execute_create(self.context, self.running,
                                             ['sh'], True)
        self.assertEqual(EXEC_ID, exec_id)
        self.client.exec_create.assert_called_once_with(
            ENGINE_ID, ['sh'], stdout=True, stderr=True, stdin=True,
            tty=True)

    def test_create_output_only(self):
        self.client.exec_create.return_value = {'Id': EXEC_ID}
        self.driver.execute_create(self.context, self.running, ['ls'],
                                   False)
        kwargs = self.client.exec_create.call_args.kwargs
        self.assertFalse(kwargs['stdin'])
        self.assertFalse(kwargs['tty'])

    def test_start_stream(self):
        stream = self.driver.open_exec_stream(self.context, self.running,
                                              EXEC_ID)
        self.addCleanup(stream.close)
        self.assertEqual(('/v1.41/exec/%s/start' % EXEC_ID,
                          {'Detach': False, 'Tty': True}),
                         self.upgrade.call_args.args[1:3])

    def test_start_waits_for_pid(self):
        self.client.exec_inspect.side_effect = [
            exec_info(), exec_info(running=True), exec_info(running=True),
            exec_info(running=True, pid=7)]
        stream = self.driver.open_exec_stream(self.context, self.running,
                                              EXEC_ID)
        self.addCleanup(stream.close)
        self.assertEqual(4, self.client.exec_inspect.call_count)

    def test_start_failure_closes_socket(self):
        self.client.exec_inspect.side_effect = [
            exec_info(), test_driver.not_found()]
        self.assertRaises(exception.ExecFinished,
                          self.driver.open_exec_stream, self.context,
                          self.running, EXEC_ID)
        self.engine_side.settimeout(5)
        self.assertEqual(b'', self.engine_side.recv(10))

    def test_start_without_tty(self):
        self.client.exec_inspect.return_value = exec_info(tty=False,
                                                          stdin=False)
        stream = self.driver.open_exec_stream(self.context, self.running,
                                              EXEC_ID)
        self.addCleanup(stream.close)
        self.assertEqual({'Detach': False, 'Tty': False},
                         self.upgrade.call_args.args[2])
        self.assertFalse(stream.accepts_input)

    def test_started_twice(self):
        for info in (exec_info(running=True, pid=7),
                     exec_info(pid=7, exit_code=0)):
            self.client.exec_inspect.return_value = info
            self.assertRaises(exception.ExecAlreadyStarted,
                              self.driver.open_exec_stream, self.context,
                              self.running, EXEC_ID)
        self.upgrade.assert_not_called()

    def test_start_forgotten_exec(self):
        self.client.exec_inspect.side_effect = test_driver.not_found()
        self.assertRaises(exception.ExecFinished,
                          self.driver.open_exec_stream, self.context,
                          self.running, EXEC_ID)

    def test_end_reports_exit_code(self):
        stream = self.driver.open_exec_stream(self.context, self.running,
                                              EXEC_ID)
        self.addCleanup(stream.close)
        self.client.exec_inspect.return_value = exec_info(pid=7,
                                                          exit_code=3)
        self.assertEqual('the command exited with code 3',
                         stream.describe_end())

    def test_resize_running(self):
        self.client.exec_inspect.return_value = exec_info(running=True,
                                                          pid=7)
        self.driver.execute_resize(self.context, self.running, EXEC_ID, 30,
                                   100)
        self.client.exec_resize.assert_called_once_with(EXEC_ID, height=30,
                                                        width=100)

    def test_resize_finished(self):
        self.client.exec_inspect.return_value = exec_info(pid=7,
                                                          exit_code=0)
        self.assertRaises(exception.ExecFinished,
                          self.driver.execute_resize, self.context,
                          self.running, EXEC_ID, 30, 100)
        self.client.exec_resize.assert_not_called()

    def test_resize_not_started(self):
        self.assertRaises(exception.ExecNotStarted,
                          self.driver.execute_resize, self.context,
                          self.running, EXEC_ID, 30, 100)

    def test_resize_forgotten(self):
        self.client.exec_inspect.side_effect = test_driver.not_found()
        self.assertRaises(exception.ExecFinished,
                          self.driver.execute_resize, self.context,
                          self.running, EXEC_ID, 30, 100)

    def test_resize_ended_meanwhile(self):
        self.client.exec_inspect.return_value = exec_info(running=True,
                                                          pid=7)
        self.client.exec_resize.side_effect = test_driver.not_found()
        self.assertRaises(exception.ExecFinished,
                          self.driver.execute_resize, self.context,
                          self.running, EXEC_ID, 30, 100)


class TestExecKill(InteractiveTestCase):

    def setUp(self):
        super().setUp()
        self.kill = self.useFixture(fixtures.MockPatchObject(
            exec_kill, 'kill_exec', autospec=True, return_value=True)).mock

    def test_kill_waits_for_pid(self):
        self.client.exec_inspect.side_effect = [
            exec_info(running=True, pid=0), exec_info(running=True, pid=9)]
        self.assertTrue(self.driver.execute_kill(self.context, self.running,
                                                 EXEC_ID))
        self.assertEqual(2, self.client.exec_inspect.call_count)
        self.kill.assert_called_once_with(self.client, self.running,
                                          EXEC_ID)

    def test_kill_forgotten_exec(self):
        self.client.exec_inspect.side_effect = test_driver.not_found()
        self.assertTrue(self.driver.execute_kill(self.context, self.running,
                                                 EXEC_ID))
        self.kill.assert_not_called()

    def test_kill_failure_logged(self):
        self.kill.side_effect = OSError('denied')
        with mock.patch.object(interactive.LOG, 'warning',
                               autospec=True) as warning:
            self.assertFalse(self.driver.execute_kill(
                self.context, self.running, EXEC_ID))
        warning.assert_called_once()
