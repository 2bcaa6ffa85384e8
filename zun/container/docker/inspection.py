"""Logs, top, stats and execute of the Docker driver."""

import functools
import threading
import time

from docker import errors as docker_errors
from docker import utils as docker_utils
from oslo_log import log as logging
import requests

from zun.common import exception
from zun.container.docker import engine
from zun.container.docker import exec_kill
from zun.container.docker import stats as stats_math

LOG = logging.getLogger(__name__)

# Seconds that a timed-out exec may take to end after it was killed.
EXEC_KILL_GRACE = 5
# Seconds to wait for the engine to record the exit code of an exec whose
# output stream has ended.
EXEC_EXIT_WAIT = 2
EXEC_EXIT_POLL = 0.05
# First engine API version with one-shot stats.
ONE_SHOT_STATS_VERSION = '1.41'


def _decode(data):
    return data.decode('utf-8', 'replace')


def _split_lines(data):
    """Split log bytes into lines that keep their newline.

    The last line lacks a newline when the container's output ended
    without one.
    """
    lines = [line + b'\n' for line in data.split(b'\n')]
    last = lines.pop()
    if last != b'\n':
        lines.append(last[:-1])
    return lines


def tail_lines(fetch, count, single_stream):
    """Return the last ``count`` whole lines of a container's log.

    :param fetch: callable(tail) returning the engine's log bytes for an
        engine ``tail``, which is a number of log entries or ``'all'``.
    :param single_stream: True when only one of stdout and stderr is read.

    The engine's ``tail`` counts log entries, not lines: it splits lines
    longer than 16 KiB into several entries, and it counts the entries of
    both streams before it drops the unwanted one. So this requests one
    entry more than needed. Once the result has more than ``count`` lines,
    the first one may be a fragment but the last ``count`` are whole.
    Otherwise it requests more entries, and finally the whole log.
    """
    requests = [count + 1]
    if single_stream:
        requests.append((count + 1) * 16)
    requests.append('all')
    for request in requests:
        lines = _split_lines(fetch(request))
        if len(lines) > count:
            break
    return b''.join(lines[-count:]) if lines else b''


def engine_container_required(func):
    """Raise ContainerNotOnEngine when the engine lacks the container."""

    @functools.wraps(func)
    def wrapper(self, context, container, *args, **kwargs):
        try:
            return func(self, context, container, *args, **kwargs)
        except docker_errors.NotFound:
            raise exception.ContainerNotOnEngine(container=container.uuid)
    return wrapper


class InspectionMixin:
    """Mixin of DockerDriver; needs its ``_client`` and ``_make_client``."""

    def _init_inspection(self):
        self._cpu_samples = stats_math.CpuSampleCache()

    # --- logs

    @engine.translate_errors
    @engine_container_required
    def logs(self, context, container, stdout, stderr, timestamps, tail,
              since):
        if tail == 0:
            return ''
        with self._client() as client:
            fetch = functools.partial(
                client.logs, engine.target(container), stdout=stdout,
                stderr=stderr, timestamps=timestamps,
                # The SDK rejects 0, which means no limit to the engine.
                since=since or None)
            # NOTE: the text is not capped. A log larger than the RPC
            # transport's message size limit fails to reach zun-api.
            if tail is None:
                return _decode(fetch(tail='all'))
            data = tail_lines(lambda request: fetch(tail=request), tail,
                              single_stream=not (stdout and stderr))
            return _decode(data)

    # --- top

    @engine.translate_errors
    @engine_container_required
    def top(self, context, container, ps_args):
        with self._client() as client:
            try:
                return client.top(engine.target(container), ps_args=ps_args)
            except docker_errors.APIError as exc:
                # The engine returns 500 when ps fails or prints no PID
                # column. With arguments from the caller, the arguments
                # are the likely cause.
                if ps_args is None or exc.status_code != 500:
                    raise
                raise exception.InvalidParameterValue(
                    field='ps_args',
                    detail='the engine could not list the processes with '
                           'them: %s' % (exc.explanation or exc))

    # --- stats

    @engine.translate_errors
    @engine_container_required
    def stats(self, context, container):
        target = engine.target(container)
        with self._client() as client:
            if docker_utils.version_gte(client.api_version,
                                        ONE_SHOT_STATS_VERSION):
                # Without one-shot, the engine (Docker 20.10) skips the next
                # tick of its one-second stats collector and returns the
                # tick after, whose sample carries the previous one for the
                # CPU rate. That takes one to two seconds. A one-shot
                # sample returns at once unless another stats request
                # reached the engine within the last second, and the CPU
                # rate then comes from an earlier sample of our own.
                sample = client.stats(target, stream=False, one_shot=True)
                started = client.inspect_container(target)['State'].get(
                    'StartedAt')
                cpu = self._cpu_samples.percent(sample, started)
            else:
                sample = client.stats(target, stream=False)
                cpu = stats_math.cpu_percent_from_previous(sample)
        return stats_math.zun_stats(container.name, sample, cpu)

    # --- execute

    @engine.translate_errors
    @engine_container_required
    def execute_run(self, context, container, command, timeout):
        with self._client() as client:
            exec_id = client.exec_create(engine.target(container), command,
                                         stdout=True, stderr=True,
                                         stdin=False, tty=False)['Id']
            run = _ExecRun(self._make_client(client.api_version,
                                             timeout + EXEC_KILL_GRACE),
                           exec_id)
            run.start()
            if not run.wait(timeout):
                killed = self._kill(client, container, exec_id)
                run.stop(EXEC_KILL_GRACE)
                outcome = (exception.ExecTimeout.KILLED if killed
                           else exception.ExecTimeout.NOT_KILLED)
                raise exception.ExecTimeout(container=container.uuid,
                                            timeout=timeout, outcome=outcome)
            output = run.result()
            exit_code = self._exit_code(client, exec_id)
        # NOTE: the output is not capped, like the log text of logs.
        return {'output': _decode(output), 'exit_code': exit_code}

    @staticmethod
    def _kill(client, container, exec_id):
        try:
            return exec_kill.kill_exec(client, container, exec_id)
        except (docker_errors.DockerException,
                requests.exceptions.RequestException, OSError) as exc:
            LOG.warning('Killing exec %s of container %s failed: %s',
                        exec_id, container.uuid, exc)
            return False

    @staticmethod
    def _exit_code(client, exec_id):
        # The output stream may end a moment before the engine records the
        # exit code.
        deadline = time.monotonic() + EXEC_EXIT_WAIT
        while True:
            info = client.exec_inspect(exec_id)
            if not info.get('Running') or time.monotonic() >= deadline:
                return info.get('ExitCode')
            time.sleep(EXEC_EXIT_POLL)


class _ExecRun:
    """The output stream of one exec, read by a thread of its own.

    The thread lets the caller stop waiting at a deadline, whatever the
    command writes or does not write. It owns ``client``, which it closes
    at the end.
    """

    def __init__(self, client, exec_id):
        self._client = client
        self._exec_id = exec_id
        self._chunks = []
        self._error = None
        self._stream = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(
            target=self._read, name='exec-%s' % exec_id[:12], daemon=True)

    def start(self):
        self._thread.start()

    def _read(self):
        try:
            stream = self._client.exec_start(self._exec_id, stream=True)
            with self._lock:
                self._stream = stream
            for chunk in stream:
                self._chunks.append(chunk)
        except Exception as exc:
            self._error = exc
        finally:
            self._client.close()

    def wait(self, timeout):
        """Wait until the output ends; return False after ``timeout``."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def stop(self, grace):
        """Let the stream end within ``grace`` seconds, then close it."""
        self._thread.join(grace)
        with self._lock:
            stream = self._stream
        if self._thread.is_alive() and stream is not None:
            LOG.warning('Closing the output stream of exec %s, which is '
                        'still open after the kill', self._exec_id)
            try:
                stream.close()
            except OSError as exc:
                LOG.warning('Closing the output stream of exec %s failed: '
                            '%s', self._exec_id, exc)

    def result(self):
        """Return the output, or raise the error that reading it hit."""
        if self._error is not None:
            raise self._error
        return b''.join(self._chunks)
