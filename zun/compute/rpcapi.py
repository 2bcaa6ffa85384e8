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
    """

    VERSION = '1.0'

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
