"""Attach, interactive exec and TTY resize of the Docker driver."""

import functools
import time
from urllib import parse

from docker import errors as docker_errors
from oslo_config import cfg
from oslo_log import log as logging
import requests

from zun.common import exception
from zun.container.docker import console
from zun.container.docker import engine
from zun.container.docker import exec_kill
from zun.container.docker import inspection

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

# Seconds to wait for the engine to record the exit code once the console
# stream of a process has ended, or the PID of an exec that it started.
EXIT_WAIT = 2
EXIT_POLL = 0.05
ATTACH_QUERY = parse.urlencode({'stream': 1, 'stdin': 1, 'stdout': 1,
                                'stderr': 1})


def exec_required(func):
    """Raise ExecFinished when the engine has no record of the exec.

    The API checks that the exec was made for the container, so an exec
    that the engine lacks has ended and been removed, or went away with a
    restart of the container.
    """

    @functools.wraps(func)
    def wrapper(self, context, container, exec_id, *args, **kwargs):
        try:
            return func(self, context, container, exec_id, *args, **kwargs)
        except docker_errors.NotFound:
            raise exception.ExecFinished(exec_id=exec_id,
                                         container=container.uuid)
    return wrapper


def _exec_state(info):
    """Return 'created', 'running' or 'finished' for an exec inspect."""
    if info.get('Running'):
        return 'running'
    if info.get('ExitCode') is not None or info.get('Pid'):
        return 'finished'
    return 'created'


def _not_running(container):
    return exception.ContainerEngineConflict(
        detail='container %s is not running on the engine' % container.uuid)


class InteractiveMixin:
    """Mixin of DockerDriver; needs its ``_client``."""

    def _upgrade(self, client, path, body=None):
        """Open an upgraded console connection for an API ``path``."""
        versioned = '/v%s%s' % (client.api_version, path)
        try:
            return console.open_upgraded(CONF.docker.api_url, versioned,
                                         body, CONF.docker.default_timeout)
        except console.UpgradeFailed as exc:
            if exc.status == 404:
                raise docker_errors.NotFound(exc.message)
            if exc.status == 409:
                raise exception.ContainerEngineConflict(detail=exc.message)
            raise exception.DockerError(error_msg=exc.message)

    # --- attach

    @engine.translate_errors
    @inspection.engine_container_required
    def check_attachable(self, context, container):
        with self._client() as client:
            info = client.inspect_container(engine.target(container))
        if not (info.get('State') or {}).get('Running'):
            raise _not_running(container)
        if not (info.get('Config') or {}).get('OpenStdin'):
            raise exception.ContainerEngineConflict(
                detail='container %s keeps no standard input open'
                % container.uuid)

    @engine.translate_errors
    @inspection.engine_container_required
    def resize(self, context, container, height, width):
        with self._client() as client:
            client.resize(engine.target(container), height=height,
                          width=width)

    @engine.translate_errors
    @inspection.engine_container_required
    def open_attach_stream(self, context, container):
        target = engine.target(container)
        with self._client() as client:
            info = client.inspect_container(target)
            if not (info.get('State') or {}).get('Running'):
                raise _not_running(container)
            config = info.get('Config') or {}
            sock, leftover = self._upgrade(
                client, '/containers/%s/attach?%s' % (parse.quote(target),
                                                      ATTACH_QUERY))
        return console.EngineStream(
            sock, leftover, multiplexed=not config.get('Tty'),
            accepts_input=bool(config.get('OpenStdin')),
            describe_end=functools.partial(self._describe_container_end,
                                           container))

    def _describe_container_end(self, container):
        deadline = time.monotonic() + EXIT_WAIT
        try:
            with self._client() as client:
                while True:
                    state = client.inspect_container(
                        engine.target(container)).get('State') or {}
                    if not state.get('Running'):
                        return ('the container exited with code %s'
                                % state.get('ExitCode'))
                    if time.monotonic() >= deadline:
                        return 'the engine ended the attach stream'
                    time.sleep(EXIT_POLL)
        except (docker_errors.DockerException,
                requests.exceptions.RequestException) as exc:
            LOG.debug('Reading the exit code of container %s failed: %s',
                      container.uuid, exc)
            return 'the container is gone'

    # --- exec

    @engine.translate_errors
    @inspection.engine_container_required
    def execute_create(self, context, container, command, interactive):
        with self._client() as client:
            return client.exec_create(
                engine.target(container), command, stdout=True, stderr=True,
                stdin=interactive, tty=interactive)['Id']

    @engine.translate_errors
    @exec_required
    def execute_resize(self, context, container, exec_id, height, width):
        with self._client() as client:
            state = _exec_state(client.exec_inspect(exec_id))
            if state == 'finished':
                raise exception.ExecFinished(exec_id=exec_id,
                                             container=container.uuid)
            if state == 'created':
                raise exception.ExecNotStarted(exec_id=exec_id,
                                               container=container.uuid)
            # The engine removes an exec soon after it ends, so a NotFound
            # here means that it ended after the inspect.
            client.exec_resize(exec_id, height=height, width=width)

    @engine.translate_errors
    @exec_required
    def open_exec_stream(self, context, container, exec_id):
        with self._client() as client:
            info = client.exec_inspect(exec_id)
            if _exec_state(info) != 'created':
                raise exception.ExecAlreadyStarted(exec_id=exec_id,
                                                   container=container.uuid)
            tty = bool((info.get('ProcessConfig') or {}).get('tty'))
            sock, leftover = self._upgrade(
                client, '/exec/%s/start' % parse.quote(exec_id),
                {'Detach': False, 'Tty': tty})
            try:
                self._wait_for_exec_start(client, exec_id)
            except Exception:
                sock.close()
                raise
        return console.EngineStream(
            sock, leftover, multiplexed=not tty,
            accepts_input=bool(info.get('OpenStdin')),
            describe_end=functools.partial(self._describe_exec_end,
                                           container, exec_id))

    def _describe_exec_end(self, container, exec_id):
        deadline = time.monotonic() + EXIT_WAIT
        try:
            with self._client() as client:
                while True:
                    info = client.exec_inspect(exec_id)
                    if not info.get('Running'):
                        return ('the command exited with code %s'
                                % info.get('ExitCode'))
                    if time.monotonic() >= deadline:
                        return 'the engine ended the exec stream'
                    time.sleep(EXIT_POLL)
        except (docker_errors.DockerException,
                requests.exceptions.RequestException) as exc:
            LOG.debug('Reading the exit code of exec %s of container %s '
                      'failed: %s', exec_id, container.uuid, exc)
            return 'the command ended'

    @staticmethod
    def _wait_for_exec_start(client, exec_id):
        """Wait until the engine reports the PID or the end of an exec.

        The engine (Docker 20.10) replies to the start request before it
        starts the process, and then reports a running exec whose PID is
        still 0 for a moment. A resize or a kill in that moment fails.
        """
        deadline = time.monotonic() + EXIT_WAIT
        while True:
            info = client.exec_inspect(exec_id)
            started = info.get('Pid') or info.get('ExitCode') is not None
            if started or time.monotonic() >= deadline:
                return
            time.sleep(EXIT_POLL)

    def execute_kill(self, context, container, exec_id):
        try:
            with self._client() as client:
                self._wait_for_exec_start(client, exec_id)
                return exec_kill.kill_exec(client, container, exec_id)
        except docker_errors.NotFound:
            return True
        except (docker_errors.DockerException,
                requests.exceptions.RequestException, OSError) as exc:
            LOG.warning('Killing exec %s of container %s failed: %s',
                        exec_id, container.uuid, exc)
            return False
