"""Compute flows behind attach, interactive exec and TTY resize.

These are RPC calls that zun-api waits for. The sessions themselves do not
pass through zun-compute: the websocket proxy of this host streams them
from the engine. So zun-compute returns the URL of that proxy, from its own
``[websocket_proxy] base_url``, and each compute host points clients to
the proxy next to it.
"""

from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging as messaging

from zun.common import exception

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


class InteractiveMixin:
    """Mixin of the compute Manager; needs ``self.driver``.

    Like the inspection flows, these change no state of the container, so
    they take no container lock and record no action event.
    """

    @messaging.expected_exceptions(exception.ZunException)
    def container_attach(self, context, container):
        LOG.debug('Checking that container %s can be attached to',
                  container.uuid)
        self.driver.check_attachable(context, container)
        return CONF.websocket_proxy.base_url

    @messaging.expected_exceptions(exception.ZunException)
    def container_resize(self, context, container, height, width):
        LOG.debug('Resizing the TTY of container %s to %dx%d',
                  container.uuid, height, width)
        self.driver.resize(context, container, height, width)

    @messaging.expected_exceptions(exception.ZunException)
    def container_exec_create(self, context, container, command,
                              interactive):
        # Only the program name is logged: arguments may carry secrets.
        exec_id = self.driver.execute_create(context, container, command,
                                             interactive)
        LOG.info('Created exec %s of %s in container %s (interactive=%s)',
                 exec_id, command[0], container.uuid, interactive)
        return {'exec_id': exec_id,
                'proxy_base_url': CONF.websocket_proxy.base_url}

    @messaging.expected_exceptions(exception.ZunException)
    def container_exec_resize(self, context, container, exec_id, height,
                              width):
        LOG.debug('Resizing the TTY of exec %s of container %s to %dx%d',
                  exec_id, container.uuid, height, width)
        self.driver.execute_resize(context, container, exec_id, height,
                                   width)
