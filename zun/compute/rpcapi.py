"""Client side of the compute RPC API, used by zun-api."""

from oslo_config import cfg
import oslo_messaging as messaging

from zun.common import rpc

CONF = cfg.CONF


class API:
    """Client side of the compute RPC API.

    Every request goes to the zun-compute of the container's host.

    API version history:

    * 1.0 - Initial version: container_create, container_delete,
      container_start, container_stop.
    * 1.1 - Add container_logs, container_top, container_stats,
      container_exec_run, container_get_archive, container_put_archive,
      network_attach, network_detach, container_pause, container_unpause,
      container_kill, container_reboot, container_rebuild,
      container_update, resize_container, container_commit,
      container_attach, container_resize, container_exec_create and
      container_exec_resize.
    """

    VERSION = '1.1'

    def __init__(self, topic=None):
        target = messaging.Target(topic=topic or CONF.compute.topic,
                                  version=self.VERSION)
        self._client = rpc.get_client(target, version_cap=self.VERSION)

    def _prepare(self, host, version='1.0', timeout=None):
        return self._client.prepare(server=host, version=version,
                                    timeout=timeout)

    def container_create(self, context, host, container, run):
        """Create (and with ``run``, start) a container on ``host``.

        Cast; the result shows in the container's status. Since 1.0.
        """
        self._prepare(host).cast(context, 'container_create',
                                 container=container, run=run)

    def container_delete(self, context, container, force, stop, wait=False):
        """Delete a container from its host and from the database.

        Cast, or a call that returns None when ``wait`` is true (API
        microversions before 1.10 answer only after the delete). Raises
        nothing on the API side: failures show in the container's status.
        Since 1.0.
        """
        client = self._prepare(container.host)
        method = client.call if wait else client.cast
        method(context, 'container_delete', container=container,
               force=force, stop=stop)

    def container_start(self, context, container):
        """Start a container. Cast. Since 1.0."""
        self._prepare(container.host).cast(context, 'container_start',
                                           container=container)

    def container_stop(self, context, container, timeout):
        """Stop a container, killing it after ``timeout`` seconds.

        Cast. Since 1.0.
        """
        self._prepare(container.host).cast(context, 'container_stop',
                                           container=container,
                                           timeout=timeout)

    def _call_timeout(self, extra=0):
        return CONF.api.compute_call_timeout + extra

    def container_logs(self, context, container, stdout, stderr, timestamps,
                       tail, since):
        """Return the log text of a container.

        Call. ``tail`` is a number of lines or None for all of them;
        ``since`` is seconds since the Unix epoch, or None. Raises
        ContainerNotOnEngine or DockerError; oslo.messaging's
        MessagingTimeout after ``[api] compute_call_timeout`` seconds.
        Since 1.1.
        """
        client = self._prepare(container.host, version='1.1',
                               timeout=self._call_timeout())
        return client.call(context, 'container_logs', container=container,
                           stdout=stdout, stderr=stderr,
                           timestamps=timestamps, tail=tail, since=since)

    def container_top(self, context, container, ps_args):
        """Return the processes of a container as ``Titles``/``Processes``.

        Call. ``ps_args`` is a checked, space-separated ps argument string,
        or None for the engine's default. Raises ContainerNotOnEngine,
        ContainerEngineConflict or DockerError. Since 1.1.
        """
        client = self._prepare(container.host, version='1.1',
                               timeout=self._call_timeout())
        return client.call(context, 'container_top', container=container,
                           ps_args=ps_args)

    def container_stats(self, context, container):
        """Return the resource usage of a container with Zun's keys.

        Call. Raises ContainerNotOnEngine or DockerError. Since 1.1.
        """
        client = self._prepare(container.host, version='1.1',
                               timeout=self._call_timeout())
        return client.call(context, 'container_stats', container=container)

    def container_exec_run(self, context, container, command):
        """Run ``command`` (a list) in a container and wait for it to end.

        Call, with a timeout of ``[docker] execute_timeout`` plus
        ``[api] compute_call_timeout``. Returns ``{'output', 'exit_code'}``.
        Raises ExecTimeout when the command runs over the time limit,
        ContainerEngineConflict when the engine rejects the exec, for
        example because the container is paused. Since 1.1.
        """
        client = self._prepare(
            container.host, version='1.1',
            timeout=self._call_timeout(CONF.docker.execute_timeout))
        return client.call(context, 'container_exec_run',
                           container=container, command=command)

    def container_get_archive(self, context, container, path, max_size):
        """Return a path of a container as a tar archive.

        Call; returns ``{"data": <the archive, base64>, "stat": <the
        engine's stat of the path>}``. Raises ContainerPathNotFound,
        ArchiveLimitExceeded when the archive is larger than ``max_size``
        bytes, and DockerError. Since 1.1.
        """
        return self._prepare(container.host, version='1.1',
                             timeout=self._call_timeout()).call(
            context, 'container_get_archive', container=container,
            path=path, max_size=max_size)

    def container_put_archive(self, context, container, path, data):
        """Extract a tar archive, base64-encoded, into a container's path.

        Call; returns None. Raises ContainerPathNotFound,
        InvalidParameterValue when the engine rejects the path or the
        archive, and DockerError. Since 1.1.
        """
        self._prepare(container.host, version='1.1',
                      timeout=self._call_timeout()).call(
            context, 'container_put_archive', container=container,
            path=path, data=data)

    def network_attach(self, context, container, network, fixed_ip):
        """Connect a container to a network, by name or ID.

        Call; returns None once the container is connected, and records
        the outcome in the container's action. Raises NetworkNotFound,
        NetworkAlreadyAttached and Invalid. Since 1.1.
        """
        self._prepare(container.host, version='1.1',
                      timeout=self._call_timeout()).call(
            context, 'network_attach', container=container, network=network,
            fixed_ip=fixed_ip)

    def network_detach(self, context, container, network):
        """Disconnect a container from a network, by name or ID.

        Call; returns None once the container is disconnected, and records
        the outcome in the container's action. Raises NetworkNotFound and
        NetworkNotAttached. Since 1.1.
        """
        self._prepare(container.host, version='1.1',
                      timeout=self._call_timeout()).call(
            context, 'network_detach', container=container, network=network)

    def container_pause(self, context, container):
        """Pause a running container.

        Call; returns None once the container is paused. Raises
        InvalidStateException with the live status when the engine finds
        the container not running. Since 1.1.
        """
        self._prepare(container.host, '1.1',
                      timeout=self._call_timeout()).call(
            context, 'container_pause', container=container)

    def container_unpause(self, context, container):
        """Unpause a paused container.

        Call; returns None once the container runs again. Raises
        InvalidStateException with the live status when the engine finds
        the container not paused. Since 1.1.
        """
        self._prepare(container.host, '1.1',
                      timeout=self._call_timeout()).call(
            context, 'container_unpause', container=container)

    def container_kill(self, context, container, signal):
        """Send ``signal`` (None for SIGKILL) to a running container.

        Call; returns None once the engine has sent the signal. Raises
        InvalidStateException with the live status when the engine finds
        the container not running. Since 1.1.
        """
        self._prepare(container.host, '1.1',
                      timeout=self._call_timeout()).call(
            context, 'container_kill', container=container, signal=signal)

    def container_reboot(self, context, container, timeout):
        """Restart a container, killing it after ``timeout`` seconds.

        Cast. Since 1.1.
        """
        self._prepare(container.host, '1.1').cast(
            context, 'container_reboot', container=container,
            timeout=timeout)

    def container_rebuild(self, context, container, image, run):
        """Recreate a container from ``image`` (None: its own image).

        Cast; with ``run`` the new container starts. Since 1.1.
        """
        self._prepare(container.host, '1.1').cast(
            context, 'container_rebuild', container=container, image=image,
            run=run)

    def container_update(self, context, container, patch):
        """Change the CPU or memory of a container on the engine.

        Call; returns the updated Container. ``patch`` has ``cpu`` and/or
        ``memory`` (MiB). Raises ContainerEngineInvalid for a limit that
        the engine rejects and InvalidStateException when the live status
        does not allow the change. Since 1.1.
        """
        return self._prepare(container.host, '1.1',
                             timeout=self._call_timeout()).call(
            context, 'container_update', container=container, patch=patch)

    def resize_container(self, context, container, patch):
        """Change the CPU or memory of a container; see container_update.

        Cast. Since 1.1.
        """
        self._prepare(container.host, '1.1').cast(
            context, 'resize_container', container=container, patch=patch)

    def container_commit(self, context, container, repository, tag):
        """Commit a container to the image ``repository:tag`` on its host.

        Call with a time limit of ``[compute] commit_timeout`` seconds;
        returns the engine's ID of the new image. Raises
        InvalidStateException when the live status does not allow a commit
        and ContainerEngineInvalid for a name that the engine rejects.
        Since 1.1.
        """
        client = self._prepare(container.host, '1.1',
                               timeout=CONF.compute.commit_timeout)
        return client.call(context, 'container_commit', container=container,
                           repository=repository, tag=tag)

    def container_attach(self, context, container):
        """Check that a client can attach to a container's console.

        Call. Returns the base URL of the websocket proxy of the
        container's host. Raises ContainerNotOnEngine, or
        ContainerEngineConflict when the container does not run or keeps no
        standard input open. Since 1.1.
        """
        client = self._prepare(container.host, version='1.1',
                               timeout=self._call_timeout())
        return client.call(context, 'container_attach', container=container)

    def container_resize(self, context, container, height, width):
        """Set the TTY size of a container, in rows and columns.

        Call; returns None. Raises ContainerNotOnEngine or
        ContainerEngineConflict. Since 1.1.
        """
        client = self._prepare(container.host, version='1.1',
                               timeout=self._call_timeout())
        return client.call(context, 'container_resize', container=container,
                           height=height, width=width)

    def container_exec_create(self, context, container, command,
                              interactive):
        """Create an exec of ``command`` (a list) without starting it.

        Call. Returns ``{'exec_id', 'proxy_base_url'}``: the engine's ID of
        the exec and the base URL of the websocket proxy that starts it.
        With ``interactive`` the exec has a TTY and standard input. Raises
        ContainerNotOnEngine or ContainerEngineConflict. Since 1.1.
        """
        client = self._prepare(container.host, version='1.1',
                               timeout=self._call_timeout())
        return client.call(context, 'container_exec_create',
                           container=container, command=command,
                           interactive=interactive)

    def container_exec_resize(self, context, container, exec_id, height,
                              width):
        """Set the TTY size of a running exec, in rows and columns.

        Call; returns None. Raises ExecFinished or ExecNotStarted. Since
        1.1.
        """
        client = self._prepare(container.host, version='1.1',
                               timeout=self._call_timeout())
        return client.call(context, 'container_exec_resize',
                           container=container, exec_id=exec_id,
                           height=height, width=width)
