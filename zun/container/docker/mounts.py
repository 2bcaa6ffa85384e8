"""Volumes and injected files of the containers on the Docker engine.

A container's ``mounts`` come in three kinds:

* ``{"source": "data", "destination": "/data"}`` mounts the local engine
  volume named ``data`` of the container's project. Its engine name is
  ``zun-<project>-data``, so projects never see each other's volumes. The
  volume is created when it does not exist yet, and reused when it does.
* ``{"size": 1, "destination": "/scratch"}`` mounts a new volume of that
  container alone, named ``zun-<container uuid>-<index>``.
* ``{"type": "bind", "source": <base64>, "destination": "/etc/app.conf"}``
  (microversion 1.23) injects a file: its contents are written under
  ``<state_path>/mounts/<container uuid>/`` and bind-mounted at the
  destination. The file stays outside the container's own layer, so a
  commit does not copy it into the image, and a rebuild mounts it again.

Every volume that zun creates carries the label ``zun.managed``. When a
container is deleted, each such volume that it mounted is removed unless
another container still uses it; volumes created outside zun are kept.
"""

import base64
import hashlib
import os
import re
import shutil

from docker import errors as docker_errors
from docker import types as docker_types
from oslo_config import cfg
from oslo_log import log as logging

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

MANAGED_LABEL = 'zun.managed'
PROJECT_LABEL = 'zun.project_id'
CONTAINER_LABEL = 'zun.container_uuid'
# Characters that the engine allows in a volume name.
_NAME_RE = re.compile(r'[a-zA-Z0-9][a-zA-Z0-9_.-]*')


def _project_part(project_id):
    """Return the project ID as a part of an engine volume name.

    Keystone project IDs are hexadecimal; any other ID (noauth callers may
    send one) is replaced by a digest that the engine accepts.
    """
    project_id = project_id or 'none'
    if _NAME_RE.fullmatch(project_id):
        return project_id
    return hashlib.sha256(project_id.encode('utf-8')).hexdigest()[:32]


def is_bind(mount):
    return mount.get('type') == 'bind'


def volume_name(container, mount, index):
    """Return the engine name of the volume of one volume mount."""
    if mount.get('source'):
        return 'zun-%s-%s' % (_project_part(container.project_id),
                              mount['source'])
    return 'zun-%s-%d' % (container.uuid, index)


def files_dir(container):
    """Return the host directory with the injected files of a container."""
    return os.path.join(CONF.state_path, 'mounts', container.uuid)


def _write_file(container, mount, index):
    directory = files_dir(container)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    path = os.path.join(directory, 'file-%d' % index)
    data = base64.b64decode(mount['source'])
    # Written anew on every create, so a rebuild mounts the stored contents
    # even if the container changed the file.
    with open(path, 'wb') as target:
        target.write(data)
    # Readable by any user in the container, whatever its image runs as.
    os.chmod(path, 0o644)
    return path


def _ensure_volume(client, container, name, mount):
    labels = {MANAGED_LABEL: 'true', PROJECT_LABEL: container.project_id or ''}
    if not mount.get('source'):
        labels[CONTAINER_LABEL] = container.uuid
    # NOTE: the local volume driver has no size limit on ordinary file
    # systems, so ``size`` is recorded but not enforced.
    volume = client.create_volume(name=name, driver='local', labels=labels)
    LOG.debug('Volume %s of container %s is ready (labels %s)', name,
              container.uuid, volume.get('Labels'))


def prepare(client, container):
    """Create the volumes and files of ``container``; return its mounts.

    Safe to run again for the same container, as a rebuild does.
    :returns: a list of docker.types.Mount for the host config.
    """
    specs = []
    for index, mount in enumerate(container.mounts or ()):
        target = mount['destination']
        if is_bind(mount):
            path = _write_file(container, mount, index)
            specs.append(docker_types.Mount(target, path, type='bind'))
            continue
        name = volume_name(container, mount, index)
        _ensure_volume(client, container, name, mount)
        specs.append(docker_types.Mount(target, name, type='volume'))
    return specs


def _remove_volume(client, container, name):
    try:
        volume = client.inspect_volume(name)
    except docker_errors.NotFound:
        return
    if (volume.get('Labels') or {}).get(MANAGED_LABEL) != 'true':
        LOG.info('Keeping volume %s of container %s: zun did not create it',
                 name, container.uuid)
        return
    try:
        client.remove_volume(name)
    except docker_errors.NotFound:
        return
    except docker_errors.APIError as exc:
        if exc.status_code != 409:
            raise
        LOG.info('Keeping volume %s of container %s: another container '
                 'uses it', name, container.uuid)
        return
    LOG.info('Removed volume %s of container %s', name, container.uuid)


def remove(client, container):
    """Remove the zun-created volumes and injected files of a container.

    Call it only after the engine container is gone, because the engine
    refuses to remove a volume that a container still mounts.
    """
    for index, mount in enumerate(container.mounts or ()):
        if not is_bind(mount):
            _remove_volume(client, container,
                           volume_name(container, mount, index))
    shutil.rmtree(files_dir(container), ignore_errors=True)
