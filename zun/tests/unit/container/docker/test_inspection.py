"""Tests of logs, top, stats and execute of the Docker driver."""

import threading
from unittest import mock

from docker import errors as docker_errors
import fixtures

from zun.common import exception
from zun.container.docker import exec_kill
from zun.container.docker import inspection
from zun.tests.unit.container.docker import test_driver

ENGINE_ID = test_driver.ENGINE_ID
EXEC_ID = 'd' * 64


def _sample(read='2024-06-01T12:00:10Z', usage=0):
    return {
        'id': ENGINE_ID, 'read': read,
        'cpu_stats': {'cpu_usage': {'total_usage': usage},
                      'system_cpu_usage': 0, 'online_cpus': 2},
        'precpu_stats': {'cpu_usage': {'total_usage': 0}},
        'memory_stats': {'usage': 8 * 1024 * 1024,
                         'limit': 64 * 1024 * 1024,
                         'stats': {'total_inactive_file': 0}},
        'blkio_stats': {}, 'networks': {},
    }


class InspectionTestCase(test_driver.DriverTestCase):

    def setUp(self):
        super().setUp()
        self.client.api_version = '1.41'
        self.running = self.container(container_id=ENGINE_ID,
                                      status='Running')


class TestTailLines(InspectionTestCase):

    def test_first_answer_enough(self):
        fetch = mock.Mock(return_value=b'a\nb\nc\nd\n')
        self.assertEqual(b'c\nd\n',
                         inspection.tail_lines(fetch, 2, False))
        fetch.assert_called_once_with(3)

    def test_fragment_dropped(self):
        # The first entry is the end of a line longer than 16 KiB.
        fetch = mock.Mock(return_value=b'tail-of-long\nb\nc\n')
        self.assertEqual(b'b\nc\n', inspection.tail_lines(fetch, 2, False))

    def test_short_log_read_whole(self):
        fetch = mock.Mock(side_effect=[b'a\n', b'a\n'])
        self.assertEqual(b'a\n', inspection.tail_lines(fetch, 5, False))
        self.assertEqual([mock.call(6), mock.call('all')],
                         fetch.call_args_list)

    def test_single_stream_asks_more(self):
        fetch = mock.Mock(side_effect=[b'e1\n', b'e0\ne1\ne2\n'])
        self.assertEqual(b'e1\ne2\n', inspection.tail_lines(fetch, 2, True))
        self.assertEqual([mock.call(3), mock.call(48)],
                         fetch.call_args_list)

    def test_last_line_without_newline(self):
        fetch = mock.Mock(return_value=b'a\nb\nend')
        self.assertEqual(b'b\nend', inspection.tail_lines(fetch, 2, False))

    def test_empty_log(self):
        fetch = mock.Mock(return_value=b'')
        self.assertEqual(b'', inspection.tail_lines(fetch, 3, False))


class TestLogs(InspectionTestCase):

    def logs(self, **options):
        values = dict(stdout=True, stderr=True, timestamps=False, tail=None,
                      since=None)
        values.update(options)
        return self.driver.logs(self.context, self.running, **values)

    def test_all_lines(self):
        self.client.logs.return_value = b'one\ntwo\n'
        self.assertEqual('one\ntwo\n', self.logs())
        self.client.logs.assert_called_once_with(
            ENGINE_ID, stdout=True, stderr=True, timestamps=False,
            since=None, tail='all')

    def test_tail_zero_skips_engine(self):
        self.assertEqual('', self.logs(tail=0))
        self.client.logs.assert_not_called()

    def test_tail_exact(self):
        self.client.logs.return_value = b'1\n2\n3\n4\n'
        self.assertEqual('3\n4\n', self.logs(tail=2))

    def test_since_passed(self):
        self.client.logs.return_value = b''
        self.logs(since=1700000000.25, timestamps=True)
        kwargs = self.client.logs.call_args.kwargs
        self.assertEqual(1700000000.25, kwargs['since'])
        self.assertTrue(kwargs['timestamps'])

    def test_invalid_utf8_replaced(self):
        self.client.logs.return_value = b'ok \xff\n'
        self.assertEqual('ok \ufffd\n', self.logs())

    def test_missing_container(self):
        self.client.logs.side_effect = test_driver.not_found()
        error = self.assertRaises(exception.ContainerNotOnEngine, self.logs)
        self.assertIn(test_driver.UUID, str(error))

    def test_engine_failure(self):
        self.client.logs.side_effect = test_driver.api_error(
            500, 'configured logging driver does not support reading')
        self.assertRaises(exception.DockerError, self.logs)


class TestTop(InspectionTestCase):

    def test_default_arguments(self):
        self.client.top.return_value = {'Titles': ['PID'], 'Processes': []}
        result = self.driver.top(self.context, self.running, None)
        self.assertEqual({'Titles': ['PID'], 'Processes': []}, result)
        self.client.top.assert_called_once_with(ENGINE_ID, ps_args=None)

    def test_ps_failure_is_invalid_input(self):
        self.client.top.side_effect = test_driver.api_error(
            500, "Couldn't find PID field in ps output")
        error = self.assertRaises(exception.InvalidParameterValue,
                                  self.driver.top, self.context,
                                  self.running, '-o pid')
        self.assertIn('PID field', str(error))

    def test_failure_without_arguments(self):
        self.client.top.side_effect = test_driver.api_error(500, 'boom')
        self.assertRaises(exception.DockerError, self.driver.top,
                          self.context, self.running, None)

    def test_not_running_conflict(self):
        self.client.top.side_effect = test_driver.api_error(
            409, 'Container is not running')
        self.assertRaises(exception.ContainerEngineConflict,
                          self.driver.top, self.context, self.running, None)

    def test_missing_container(self):
        self.client.top.side_effect = test_driver.not_found()
        self.assertRaises(exception.ContainerNotOnEngine, self.driver.top,
                          self.context, self.running, 'aux')


class TestStats(InspectionTestCase):

    def test_one_shot_sample(self):
        self.client.stats.return_value = _sample()
        self.client.inspect_container.return_value = {
            'State': {'StartedAt': '2024-06-01T12:00:00Z'}}
        result = self.driver.stats(self.context, self.running)
        self.client.stats.assert_called_once_with(ENGINE_ID, stream=False,
                                                  one_shot=True)
        self.assertEqual('web', result['CONTAINER'])
        self.assertEqual(8.0, result['MEM USAGE(MiB)'])
        self.assertEqual(0.0, result['CPU %'])

    def test_cpu_from_previous_request(self):
        self.client.inspect_container.return_value = {
            'State': {'StartedAt': '2024-06-01T12:00:00Z'}}
        self.client.stats.side_effect = [
            _sample('2024-06-01T12:00:10Z', 0),
            _sample('2024-06-01T12:00:12Z', 500000000)]
        self.driver.stats(self.context, self.running)
        result = self.driver.stats(self.context, self.running)
        self.assertEqual(25.0, result['CPU %'])

    def test_old_engine_two_samples(self):
        self.client.api_version = '1.40'
        sample = _sample()
        sample['cpu_stats']['cpu_usage']['total_usage'] = 200
        sample['cpu_stats']['system_cpu_usage'] = 1000
        sample['precpu_stats'] = {'cpu_usage': {'total_usage': 100},
                                  'system_cpu_usage': 600}
        self.client.stats.return_value = sample
        result = self.driver.stats(self.context, self.running)
        self.client.stats.assert_called_once_with(ENGINE_ID, stream=False)
        self.assertEqual(50.0, result['CPU %'])

    def test_missing_container(self):
        self.client.stats.side_effect = test_driver.not_found()
        self.assertRaises(exception.ContainerNotOnEngine, self.driver.stats,
                          self.context, self.running)


class FakeStream:
    """An exec output stream that yields chunks, or blocks until closed."""

    def __init__(self, chunks=(), block=False):
        self._chunks = list(chunks)
        self._block = block
        self.closed = threading.Event()

    def __iter__(self):
        yield from self._chunks
        if self._block:
            self.closed.wait(30)

    def close(self):
        self.closed.set()


class TestExecuteRun(InspectionTestCase):

    def setUp(self):
        super().setUp()
        self.client.exec_create.return_value = {'Id': EXEC_ID}
        self.client.exec_inspect.return_value = {'Running': False,
                                                 'ExitCode': 0}
        self.kill = self.useFixture(fixtures.MockPatchObject(
            exec_kill, 'kill_exec', autospec=True, return_value=True)).mock

    def run_command(self, command=('echo', 'hi'), timeout=5):
        return self.driver.execute_run(self.context, self.running,
                                       list(command), timeout)

    def test_output_and_exit_code(self):
        self.client.exec_start.return_value = FakeStream([b'h', b'i\n'])
        self.client.exec_inspect.return_value = {'Running': False,
                                                 'ExitCode': 3}
        self.assertEqual({'output': 'hi\n', 'exit_code': 3},
                         self.run_command())

    def test_exec_created_without_tty(self):
        self.client.exec_start.return_value = FakeStream()
        self.run_command(['ls', '-l'])
        self.client.exec_create.assert_called_once_with(
            ENGINE_ID, ['ls', '-l'], stdout=True, stderr=True, stdin=False,
            tty=False)
        self.client.exec_start.assert_called_once_with(EXEC_ID, stream=True)

    def test_own_client_closed(self):
        self.client.exec_start.return_value = FakeStream()
        self.run_command(timeout=7)
        self.api_client.assert_called_with(
            base_url='unix:///var/run/docker.sock', version='1.41',
            timeout=7 + inspection.EXEC_KILL_GRACE)
        self.client.close.assert_called_once_with()

    def test_waits_for_exit_code(self):
        self.client.exec_start.return_value = FakeStream()
        self.client.exec_inspect.side_effect = [
            {'Running': True, 'ExitCode': None},
            {'Running': False, 'ExitCode': 1}]
        self.assertEqual(1, self.run_command()['exit_code'])

    def test_timeout_kills_and_raises(self):
        stream = FakeStream(block=True)
        self.client.exec_start.return_value = stream
        self.kill.side_effect = lambda client, container, exec_id: (
            stream.close() or True)
        error = self.assertRaises(exception.ExecTimeout, self.run_command,
                                  timeout=0.2)
        self.assertIn('It was killed.', str(error))
        self.kill.assert_called_once_with(self.client, self.running, EXEC_ID)

    def test_timeout_without_kill(self):
        stream = FakeStream(block=True)
        self.client.exec_start.return_value = stream
        self.kill.return_value = False
        self.useFixture(fixtures.MockPatchObject(inspection,
                                                 'EXEC_KILL_GRACE', 0.1))
        error = self.assertRaises(exception.ExecTimeout, self.run_command,
                                  timeout=0.2)
        self.assertIn('may still be running', str(error))
        self.assertTrue(stream.closed.is_set())

    def test_kill_failure_still_times_out(self):
        stream = FakeStream(block=True)
        self.client.exec_start.return_value = stream
        self.kill.side_effect = docker_errors.APIError('gone')
        self.useFixture(fixtures.MockPatchObject(inspection,
                                                 'EXEC_KILL_GRACE', 0.1))
        error = self.assertRaises(exception.ExecTimeout, self.run_command,
                                  timeout=0.2)
        self.assertIn('may still be running', str(error))

    def test_paused_conflict(self):
        self.client.exec_create.side_effect = test_driver.api_error(
            409, 'Container is paused, unpause the container before exec')
        error = self.assertRaises(exception.ContainerEngineConflict,
                                  self.run_command)
        self.assertIn('paused', str(error))

    def test_missing_container(self):
        self.client.exec_create.side_effect = test_driver.not_found()
        self.assertRaises(exception.ContainerNotOnEngine, self.run_command)

    def test_stream_error_raised(self):
        self.client.exec_start.side_effect = test_driver.api_error(
            500, 'OCI runtime exec failed')
        error = self.assertRaises(exception.DockerError, self.run_command)
        self.assertIn('OCI runtime', str(error))
