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
    * 1.1 - Add container_pause, container_unpause, container_kill,
      container_reboot, container_rebuild, container_update,
      resize_container and container_commit.
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

    def container_pause(self, context, container):
        """Pause a running container.

        Call; returns None once the container is paused. Raises
        InvalidStateException with the live status when the engine finds
        the container not running. Since 1.1.
        """
        self._prepare(container.host, '1.1').call(
            context, 'container_pause', container=container)

    def container_unpause(self, context, container):
        """Unpause a paused container.

        Call; returns None once the container runs again. Raises
        InvalidStateException with the live status when the engine finds
        the container not paused. Since 1.1.
        """
        self._prepare(container.host, '1.1').call(
            context, 'container_unpause', container=container)

    def container_kill(self, context, container, signal):
        """Send ``signal`` (None for SIGKILL) to a running container.

        Call; returns None once the engine has sent the signal. Raises
        InvalidStateException with the live status when the engine finds
        the container not running. Since 1.1.
        """
        self._prepare(container.host, '1.1').call(
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
        return self._prepare(container.host, '1.1').call(
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
