"""Killing the command of an exec that ran over its time limit.

The engine API has no call that ends an exec. zun-compute therefore kills
the command and its child processes from the host, which it can only do
when the engine runs on the same host (``[docker] api_url`` is a unix
socket). Before it sends a signal, it checks in ``/proc`` that the process
belongs to the container, so that a reused PID is never hit. When the host
does not allow the signal, because zun-compute does not run as root, it
runs ``kill`` inside the container as root instead.
"""

import collections
import os
import signal

from docker import errors as docker_errors
from oslo_config import cfg
from oslo_log import log as logging
import requests

from zun.container.docker import engine

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

PROC = '/proc'
LOCAL_ENGINE_SCHEME = 'unix://'


def _read(path):
    with open(path) as source:
        return source.read()


def in_container(pid, container_id):
    """Return True when process ``pid`` of this host is in the container."""
    if not container_id:
        return False
    try:
        cgroups = _read('%s/%d/cgroup' % (PROC, pid))
    except OSError:
        return False
    # Both cgroup drivers put the full container ID into the path, such as
    # /docker/<id> (cgroupfs) or /system.slice/docker-<id>.scope (systemd).
    return container_id in cgroups


def process_tree(pid):
    """Return ``pid`` and the PIDs of all its descendants, parents first."""
    children = collections.defaultdict(list)
    for entry in os.listdir(PROC):
        if not entry.isdigit():
            continue
        try:
            stat = _read('%s/%s/stat' % (PROC, entry))
        except OSError:
            continue
        # The command name in brackets may contain spaces and brackets;
        # the state and the parent PID follow the last closing bracket.
        fields = stat.rsplit(')', 1)[-1].split()
        if len(fields) > 1 and fields[1].isdigit():
            children[int(fields[1])].append(int(entry))
    tree = []
    queue = collections.deque([pid])
    while queue:
        current = queue.popleft()
        tree.append(current)
        queue.extend(children.get(current, ()))
    return tree


def namespace_pid(pid):
    """Return the PID that host process ``pid`` has inside its container."""
    try:
        status = _read('%s/%d/status' % (PROC, pid))
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith('NSpid:'):
            return int(line.split()[-1])
    return None


def _signal_from_host(pids):
    """Send SIGKILL to ``pids``; return False when the host forbids it."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
        except PermissionError:
            return False
    return True


def _signal_from_container(client, container, pids):
    """Run ``kill -KILL`` as root in the container; return True on success."""
    inner = [namespace_pid(pid) for pid in pids]
    inner = [str(pid) for pid in inner if pid is not None]
    if not inner:
        return True
    try:
        exec_id = client.exec_create(engine.target(container),
                                     ['kill', '-KILL'] + inner,
                                     user='0')['Id']
        client.exec_start(exec_id)
        exit_code = client.exec_inspect(exec_id).get('ExitCode')
    except (docker_errors.DockerException,
            requests.exceptions.RequestException) as exc:
        LOG.warning('Running kill in container %s failed: %s',
                    container.uuid, exc)
        return False
    if exit_code != 0:
        LOG.warning('kill in container %s exited with %s', container.uuid,
                    exit_code)
    return exit_code == 0


def kill_exec(client, container, exec_id):
    """Kill the command of an exec and its children with SIGKILL.

    :returns: True when the command is gone, False when it may still run.
    """
    info = client.exec_inspect(exec_id)
    if not info.get('Running'):
        return True
    pid = info.get('Pid')
    if not CONF.docker.api_url.startswith(LOCAL_ENGINE_SCHEME):
        LOG.warning('Cannot kill exec %s of container %s: the engine at %s '
                    'is not on this host', exec_id, container.uuid,
                    CONF.docker.api_url)
        return False
    container_id = info.get('ContainerID') or container.container_id
    if not pid or not in_container(pid, container_id):
        LOG.warning('Cannot kill exec %s of container %s: its process %s '
                    'is not in the container on this host', exec_id,
                    container.uuid, pid)
        return False
    pids = process_tree(pid)
    if _signal_from_host(pids):
        LOG.info('Killed exec %s of container %s: processes %s', exec_id,
                 container.uuid, pids)
        return True
    LOG.info('The host forbids signals to exec %s of container %s; killing '
             'it from inside the container', exec_id, container.uuid)
    return _signal_from_container(client, container, pids)
