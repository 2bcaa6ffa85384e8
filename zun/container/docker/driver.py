"""Container driver for the Docker engine, through the docker SDK."""

import contextlib
import os
import platform
import threading

import docker
from docker import errors as docker_errors
from docker import utils as docker_utils
from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import uuidutils
import requests

from zun.common import consts
from zun.common import exception
from zun.container import driver
from zun.container.docker import engine
from zun.container.docker import inspection
from zun.container.docker import interactive
from zun.container.docker import states

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

MIB = 1024 * 1024
GIB = 1024 * MIB
CPU_PERIOD = 100000
NS_PER_SECOND = 1000000000
DEFAULT_TAG = 'latest'

# The driver's methods use these names, which engine.py defines.
engine_name = engine.engine_name
_target = engine.target
_explanation = engine.explanation
translate_errors = engine.translate_errors


def uuid_from_engine_names(names):
    """Return the zun UUID in an engine list entry's names, or None."""
    for name in names or ():
        name = name.lstrip('/')
        if name.startswith(consts.NAME_PREFIX):
            candidate = name[len(consts.NAME_PREFIX):]
            if uuidutils.is_uuid_like(candidate):
                return candidate
    return None


_FALLBACK_LOGGED = set()


def _log_fallback(reference, exc):
    """Log the use of a local image copy: a warning once per image."""
    if reference in _FALLBACK_LOGGED:
        LOG.debug('Using the local copy of image %s: %s', reference, exc)
        return
    _FALLBACK_LOGGED.add(reference)
    LOG.warning('Using the local copy of image %s because the pull failed '
                '(later failures for this image are logged at debug '
                'level): %s', reference, exc)


def split_image(image):
    """Split an image reference into repository and tag (or digest)."""
    repo, tag = docker_utils.parse_repository_tag(image)
    return repo, tag or DEFAULT_TAG


class DockerDriver(inspection.InspectionMixin, interactive.InteractiveMixin,
                   driver.ContainerDriver):
    """Runs containers on the local Docker engine."""

    def __init__(self):
        self._local = threading.local()
        self._init_inspection()

    @staticmethod
    def _make_client(version=None, timeout=None):
        """Return a new SDK client of the configured engine.

        :param version: engine API version; the configured one by default.
        :param timeout: seconds per request; [docker] default_timeout by
            default.
        """
        return docker.APIClient(
            base_url=CONF.docker.api_url,
            version=version or CONF.docker.docker_remote_api_version,
            timeout=timeout or CONF.docker.default_timeout)

    @contextlib.contextmanager
    def _client(self):
        # The SDK client keeps a requests session, which one thread at a
        # time may use, so each thread gets its own.
        client = getattr(self._local, 'client', None)
        if client is None:
            client = self._make_client()
            self._local.client = client
        yield client

    # --- images

    def _image_present(self, client, reference):
        try:
            return client.inspect_image(reference)['Id']
        except docker_errors.ImageNotFound:
            return None
        except docker_errors.NotFound:
            return None

    def _pull(self, client, repo, tag, reference):
        LOG.info('Pulling image %s', reference)
        # NOTE: the pull has no time limit. The docker SDK (7.x) sends it
        # without a timeout, so a registry that stops sending data holds
        # this thread until the engine gives up on it.
        try:
            stream = client.pull(repo, tag=tag, stream=True, decode=True)
            for message in stream:
                if 'error' in message:
                    raise exception.ImagePullFailed(
                        image=reference, detail=message['error'])
        except docker_errors.APIError as exc:
            raise exception.ImagePullFailed(image=reference,
                                            detail=_explanation(exc))
        except (docker_errors.DockerException,
                requests.exceptions.RequestException) as exc:
            raise exception.ImagePullFailed(image=reference, detail=str(exc))
        image_id = self._image_present(client, reference)
        if image_id is None:
            raise exception.ImagePullFailed(
                image=reference, detail='the image is missing after the pull')
        return image_id

    @translate_errors
    def pull_image(self, context, image, pull_policy):
        repo, tag = split_image(image)
        separator = '@' if tag.startswith('sha256:') else ':'
        reference = '%s%s%s' % (repo, separator, tag)
        with self._client() as client:
            present = self._image_present(client, reference)
            if pull_policy == consts.PULL_NEVER:
                if present is None:
                    raise exception.ImageNotFound(
                        image=reference,
                        detail='it is not on the host and the pull policy '
                               'is never')
                return present
            if pull_policy == consts.PULL_IF_NOT_PRESENT and present:
                return present
            if pull_policy is None and tag != DEFAULT_TAG and present:
                return present
            try:
                return self._pull(client, repo, tag, reference)
            except exception.ImagePullFailed as exc:
                if pull_policy is None and present:
                    # Without an explicit policy, a local copy beats a
                    # registry that cannot be reached.
                    _log_fallback(reference, exc)
                    return present
                raise

    # --- containers

    def _host_config(self, client, container):
        config = {
            'mem_limit': container.memory * MIB if container.memory else None,
            'cpu_period': CPU_PERIOD if container.cpu else None,
            'cpu_quota': int(container.cpu * CPU_PERIOD)
            if container.cpu else None,
            'cpu_shares': int(container.cpu * 1024) if container.cpu else None,
            'auto_remove': bool(container.auto_remove),
            'privileged': bool(container.privileged),
        }
        if container.restart_policy:
            policy = dict(container.restart_policy)
            retries = int(policy.get('MaximumRetryCount') or 0)
            config['restart_policy'] = {
                'Name': policy.get('Name', 'no'),
                'MaximumRetryCount': retries}
        if container.runtime:
            config['runtime'] = container.runtime
        return client.create_host_config(
            **{key: value for key, value in config.items()
               if value is not None})

    @staticmethod
    def _healthcheck(container):
        """Return the engine's healthcheck: a shell test, times in ns.

        A zero or missing time keeps the engine's default, and a missing
        test keeps the image's own test.
        """
        check = container.healthcheck
        if not check:
            return None
        result = {key: int(round(float(check[key]) * NS_PER_SECOND))
                  for key in ('interval', 'timeout') if check.get(key)}
        if check.get('test'):
            result['test'] = ['CMD-SHELL', check['test']]
        if check.get('retries') is not None:
            result['retries'] = int(check['retries'])
        return result

    @staticmethod
    def _mark_missing(container):
        """Set the status of a container that the engine no longer has."""
        if container.auto_remove:
            # The engine removes such a container itself once it exits.
            container.status = consts.DELETED
            container.status_reason = None
        else:
            container.status = consts.ERROR
            container.status_reason = 'No such container'
        container.status_detail = None
        return container

    def _refresh(self, client, container):
        """Read the engine's state of ``container`` into its fields."""
        try:
            info = client.inspect_container(_target(container))
        except docker_errors.NotFound:
            LOG.info('Container %s is gone from the engine', container.uuid)
            return self._mark_missing(container)
        return self._apply_inspect(container, info)

    def _apply_inspect(self, container, info):
        state = info.get('State') or {}
        container.container_id = info.get('Id')
        container.status = states.status_from_state(state.get('Status'))
        container.status_detail = states.status_detail_from_inspect(state)
        container.started_at = states.started_at_from_inspect(state)
        if state.get('Error'):
            container.status_reason = state['Error']
        return container

    @translate_errors
    def create(self, context, container, image_id):
        with self._client() as client:
            repo, tag = split_image(container.image)
            separator = '@' if tag.startswith('sha256:') else ':'
            response = client.create_container(
                image='%s%s%s' % (repo, separator, tag),
                name=engine_name(container),
                command=container.command or None,
                entrypoint=container.entrypoint or None,
                environment=container.environment or None,
                labels=container.labels or None,
                working_dir=container.workdir or None,
                hostname=container.hostname or None,
                stdin_open=bool(container.interactive),
                tty=bool(container.tty),
                healthcheck=self._healthcheck(container),
                host_config=self._host_config(client, container))
            container.container_id = response['Id']
            return self._refresh(client, container)

    @translate_errors
    def start(self, context, container):
        with self._client() as client:
            client.start(_target(container))
            return self._refresh(client, container)

    @translate_errors
    def stop(self, context, container, timeout):
        with self._client() as client:
            # The SDK adds ``timeout`` to the request's own time limit.
            client.stop(_target(container), timeout=timeout)
            # An auto_remove container may be gone by now; _refresh then
            # marks it Deleted.
            return self._refresh(client, container)

    @translate_errors
    def delete(self, context, container, force):
        with self._client() as client:
            try:
                client.remove_container(_target(container), v=True,
                                        force=force)
            except docker_errors.NotFound:
                LOG.info('Container %s was already gone from the engine',
                         container.uuid)

    @translate_errors
    def show(self, context, container):
        with self._client() as client:
            return self._refresh(client, container)

    @translate_errors
    def list(self, context):
        with self._client() as client:
            entries = client.containers(
                all=True, filters={'name': consts.NAME_PREFIX})
        found = []
        for entry in entries:
            uuid = uuid_from_engine_names(entry.get('Names'))
            if uuid is None:
                continue
            found.append(driver.EngineContainer(
                container_id=entry.get('Id'), uuid=uuid,
                status=states.status_from_state(entry.get('State')),
                status_detail=entry.get('Status')))
        return found

    @translate_errors
    def get_host_info(self):
        with self._client() as client:
            info = client.info()
        data_root = info.get('DockerRootDir') or CONF.docker.docker_data_root
        disk_total = disk_used = 0
        if os.path.isdir(data_root):
            stat = os.statvfs(data_root)
            disk_total = stat.f_blocks * stat.f_frsize // GIB
            disk_used = (stat.f_blocks - stat.f_bfree) * stat.f_frsize // GIB
        labels = {}
        for label in info.get('Labels') or ():
            key, _, value = label.partition('=')
            labels[key] = value
        return {
            'cpus': int(info.get('NCPU') or os.cpu_count() or 0),
            'mem_total': int(info.get('MemTotal') or 0) // MIB,
            'disk_total': disk_total,
            'disk_used': disk_used,
            'architecture': info.get('Architecture') or platform.machine(),
            'os_type': info.get('OSType'),
            'os': info.get('OperatingSystem'),
            'kernel_version': info.get('KernelVersion'),
            'runtimes': sorted((info.get('Runtimes') or {}).keys()),
            'labels': labels,
        }
