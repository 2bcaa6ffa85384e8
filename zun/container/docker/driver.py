"""Container driver for the Docker engine, through the docker SDK."""

import os
import platform

from docker import errors as docker_errors
from docker import utils as docker_utils
from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import uuidutils
import requests

from zun.common import consts
from zun.common import exception
from zun.container import driver
from zun.container.docker import client_pool
from zun.container.docker import engine
from zun.container.docker import inspection
from zun.container.docker import interactive
from zun.container.docker import mounts
from zun.container.docker import networking
from zun.container.docker import states

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

MIB = 1024 * 1024
GIB = 1024 * MIB
CPU_PERIOD = 100000
NS_PER_SECOND = 1000000000
DEFAULT_TAG = 'latest'
# Bytes read at a time from the engine's archive of a container path.
ARCHIVE_CHUNK = 64 * 1024

# The driver's methods use these names, which engine.py defines.
engine_name = engine.engine_name
_target = engine.target
_explanation = engine.explanation
translate_errors = engine.translate_errors

# Storage drivers that accept a size limit of the container's file system.
# overlay2 accepts one only on XFS mounted with the pquota option.
_SIZE_LIMIT_DRIVERS = ('btrfs', 'devicemapper', 'zfs', 'windowsfilter')


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
        self._pool = client_pool.ClientPool(self._make_client)
        self._init_inspection()

    # Also used for the one-off clients of exec runs.
    _make_client = staticmethod(client_pool.new_client)

    def _client(self):
        return self._pool.client()

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

    def _host_config(self, client, container, mount_specs=None):
        config = {
            'mem_limit': container.memory * MIB if container.memory else None,
            'cpu_period': CPU_PERIOD if container.cpu else None,
            'cpu_quota': int(container.cpu * CPU_PERIOD)
            if container.cpu else None,
            'cpu_shares': int(container.cpu * 1024) if container.cpu else None,
            'auto_remove': bool(container.auto_remove),
            'privileged': bool(container.privileged),
            'port_bindings': networking.port_bindings(
                container.exposed_ports, CONF.network.exposed_ports_host_ip),
        }
        if container.restart_policy:
            policy = dict(container.restart_policy)
            retries = int(policy.get('MaximumRetryCount') or 0)
            config['restart_policy'] = {
                'Name': policy.get('Name', 'no'),
                'MaximumRetryCount': retries}
        if container.runtime:
            config['runtime'] = container.runtime
        if mount_specs:
            config['mounts'] = mount_specs
        if container.disk:
            config['storage_opt'] = {'size': '%dG' % container.disk}
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
        self._apply_networking(client, container, info)
        return self._apply_inspect(container, info)

    @staticmethod
    def _apply_networking(client, container, info):
        """Read the addresses and ports of an engine inspect."""
        # NOTE: the addresses come from the engine, which is right for the
        # docker network driver; a Neutron driver will own them instead.
        addresses = networking.addresses_from_inspect(
            container.uuid, info,
            lambda name: networking.network_id(client, name))
        if addresses is not None:
            container.addresses = addresses
        ports = networking.ports_from_inspect(info)
        if ports is not None:
            container.ports = ports

    def _apply_inspect(self, container, info):
        state = info.get('State') or {}
        container.container_id = info.get('Id')
        container.status = states.status_from_state(state.get('Status'))
        container.status_detail = states.status_detail_from_inspect(state)
        container.started_at = states.started_at_from_inspect(state)
        if state.get('Error'):
            container.status_reason = state['Error']
        return container

    def _check_disk_limit(self, client, container):
        if not container.disk:
            return
        info = client.info()
        if not disk_quota_supported(info):
            raise exception.DiskQuotaNotSupported(
                container=container.uuid, disk=container.disk,
                driver=_storage_description(info), host=CONF.host)

    @translate_errors
    def create(self, context, container, image_id):
        with self._client() as client:
            self._check_disk_limit(client, container)
            mount_specs = mounts.prepare(client, container)
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
                ports=networking.exposed_port_list(container.exposed_ports),
                stdin_open=bool(container.interactive),
                tty=bool(container.tty),
                healthcheck=self._healthcheck(container),
                host_config=self._host_config(client, container,
                                              mount_specs))
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
    def remove_mounts(self, context, container):
        with self._client() as client:
            mounts.remove(client, container)

    @translate_errors
    def pause(self, context, container):
        with self._client() as client:
            client.pause(_target(container))
            return self._refresh(client, container)

    @translate_errors
    def unpause(self, context, container):
        with self._client() as client:
            client.unpause(_target(container))
            return self._refresh(client, container)

    @translate_errors
    def kill(self, context, container, signal=None):
        with self._client() as client:
            client.kill(_target(container), signal=signal)
            return self._refresh(client, container)

    @translate_errors
    def reboot(self, context, container, timeout):
        with self._client() as client:
            # The SDK adds ``timeout`` to the request's own time limit.
            client.restart(_target(container), timeout=timeout)
            return self._refresh(client, container)

    @translate_errors
    def update(self, context, container, cpu=None, memory=None):
        with self._client() as client:
            target = _target(container)
            limits = {}
            if cpu is not None:
                limits.update(cpu_period=CPU_PERIOD,
                              cpu_quota=int(cpu * CPU_PERIOD),
                              cpu_shares=int(cpu * 1024))
            if memory is not None:
                current = client.inspect_container(target)['HostConfig']
                limits.update(mem_limit=memory * MIB,
                              memswap_limit=_memory_swap(current,
                                                         memory * MIB))
            if limits:
                client.update_container(target, **limits)
            return self._refresh(client, container)

    @translate_errors
    def commit(self, context, container, repository, tag):
        with self._client() as client:
            # The manager pauses a running container itself, so that the
            # status shows the pause; the engine need not pause it again.
            result = client.commit(_target(container), repository=repository,
                                   tag=tag, pause=False)
        return result['Id']

    @translate_errors
    def show(self, context, container):
        with self._client() as client:
            return self._refresh(client, container)

    def _discard_client(self, client):
        """Close ``client`` instead of returning it to the pool.

        A response that is left unread keeps the client's connection busy,
        and a later request on it would wait for the unread data.
        """
        self._pool.discard(client)

    @staticmethod
    def _path_not_found(exc, container, path):
        # The engine returns 404 both for a missing path and for a missing
        # container, and its message tells them apart.
        if _explanation(exc).startswith('No such container'):
            return exc
        return exception.ContainerPathNotFound(path=path,
                                               container=container.uuid)

    @translate_errors
    def get_archive(self, context, container, path, max_size):
        with self._client() as client:
            try:
                stream, stat = client.get_archive(
                    _target(container), path, chunk_size=ARCHIVE_CHUNK)
            except docker_errors.NotFound as exc:
                raise self._path_not_found(exc, container, path)
            data = bytearray()
            for chunk in stream:
                data += chunk
                if len(data) > max_size:
                    self._discard_client(client)
                    raise exception.ArchiveLimitExceeded(
                        path=path, container=container.uuid, limit=max_size)
        return bytes(data), stat

    @translate_errors
    def put_archive(self, context, container, path, data):
        with self._client() as client:
            try:
                client.put_archive(_target(container), path, data)
            except docker_errors.NotFound as exc:
                raise self._path_not_found(exc, container, path)
            except docker_errors.APIError as exc:
                explanation = _explanation(exc)
                if 'not a directory' in explanation:
                    raise exception.InvalidParameterValue(
                        field='path', detail='%s is not a directory in the '
                        'container' % path)
                if (exc.status_code in (400, 403)
                        or explanation.startswith('Error processing tar')):
                    raise exception.InvalidParameterValue(
                        field='data', detail='the engine could not extract '
                        'the archive: %s' % explanation)
                raise

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
            'disk_quota_supported': disk_quota_supported(info),
        }


def _memory_swap(host_config, memory):
    """Return the memory+swap limit, in bytes, that goes with ``memory``.

    The engine refuses a memory limit above the current memory+swap limit
    unless both change together. The new limit keeps the container's ratio
    of memory+swap to memory, which is 2 for a container created with the
    engine's default. An unlimited swap (-1) stays unlimited.
    """
    old_memory = host_config.get('Memory') or 0
    old_swap = host_config.get('MemorySwap') or 0
    if old_swap < 0:
        return -1
    if old_memory <= 0 or old_swap <= 0:
        return 2 * memory
    return int(memory * old_swap / old_memory)


def _storage_description(info):
    status = dict(info.get('DriverStatus') or ())
    backing = status.get('Backing Filesystem')
    driver_name = info.get('Driver') or 'unknown'
    return '%s on %s' % (driver_name, backing) if backing else driver_name


def disk_quota_supported(info):
    """Return whether the engine can limit the size of a container's disk.

    :param info: the engine's ``docker info`` document.
    """
    driver_name = info.get('Driver')
    if driver_name in _SIZE_LIMIT_DRIVERS:
        return True
    status = dict(info.get('DriverStatus') or ())
    # NOTE: XFS also needs the pquota mount option, which docker info does
    # not show; without it the engine rejects the create with its reason.
    return (driver_name == 'overlay2'
            and status.get('Backing Filesystem') == 'xfs')
