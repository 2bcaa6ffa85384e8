"""Archive flows of the compute manager: copying files in and out."""

import base64

from oslo_log import log as logging
import oslo_messaging as messaging

from zun.common import exception

LOG = logging.getLogger(__name__)

# Exceptions that are normal outcomes of a request. The caller gets them,
# and this service logs no traceback for them.
_EXPECTED = (exception.NotFound, exception.Invalid)


class ArchiveMixin:
    """Mixin of the compute Manager; needs ``self.driver``.

    Both methods are RPC calls that return to a waiting API request. They
    take no container lock and set no task_state, so a copy runs beside any
    other operation, as ``docker cp`` does.
    """

    @messaging.expected_exceptions(*_EXPECTED)
    def container_get_archive(self, context, container, path, max_size):
        LOG.debug('Reading %s of container %s', path, container.uuid)
        data, stat = self.driver.get_archive(context, container, path,
                                             max_size)
        LOG.info('Copied %d bytes of %s out of container %s', len(data),
                 path, container.uuid)
        # RPC messages are JSON, which cannot carry raw bytes.
        return {'data': base64.b64encode(data).decode('ascii'),
                'stat': stat}

    @messaging.expected_exceptions(*_EXPECTED)
    def container_put_archive(self, context, container, path, data):
        archive = base64.b64decode(data)
        LOG.debug('Extracting %d bytes into %s of container %s',
                  len(archive), path, container.uuid)
        self.driver.put_archive(context, container, path, archive)
        LOG.info('Copied %d bytes into %s of container %s', len(archive),
                 path, container.uuid)
