"""WSGI middleware that negotiates the API microversion of a request."""

from oslo_log import log as logging
import webob.dec

from zun.api import errors
from zun.api import versions
from zun.common import exception

LOG = logging.getLogger(__name__)

ENVIRON_KEY = 'zun.api_version'


class MicroversionMiddleware:
    """Parse ``OpenStack-API-Version`` and add the version headers.

    The negotiated Version goes into the WSGI environ under
    ``zun.api_version``. Every response, errors included, carries the
    minimum, maximum and effective versions.
    """

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify
    def __call__(self, request):
        try:
            version = versions.from_header(request.headers.get(
                versions.HEADER))
        except exception.NotAcceptable as exc:
            request_id = request.environ.get('openstack.request_id')
            LOG.info('Request %s asked for an unsupported version: %s',
                     request_id, exc.format_message())
            response = errors.response_for(exc, request_id)
            response.headerlist.extend(versions.response_headers(None))
            return response
        request.environ[ENVIRON_KEY] = version
        response = request.get_response(self.application)
        response.headerlist.extend(versions.response_headers(version))
        return response


def filter_factory(global_config, **local_config):
    return MicroversionMiddleware
