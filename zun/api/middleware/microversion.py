"""WSGI middleware that negotiates the API microversion of a request."""

from urllib import parse

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
        try:
            _check_url_encoding(request.environ)
        except exception.Invalid as exc:
            response = errors.response_for(
                exc, request.environ.get('openstack.request_id'))
        else:
            response = request.get_response(self.application)
        response.headerlist.extend(versions.response_headers(version))
        return response


def _check_url_encoding(environ):
    """Reject a path or query string that is not UTF-8 once decoded.

    The routing code would fail on it later with a generic message.
    :raises InvalidParameterValue: naming the part of the URL.
    """
    # WSGI passes the decoded path as latin-1 text, one character a byte.
    parts = (('path', environ.get('PATH_INFO', '').encode('latin-1')),
             ('query string', parse.unquote_to_bytes(
                 environ.get('QUERY_STRING', ''))))
    for name, raw in parts:
        try:
            raw.decode('utf-8')
        except UnicodeDecodeError as exc:
            raise exception.InvalidParameterValue(
                field=name, detail='is not valid UTF-8 (%s)' % exc.reason)


def filter_factory(global_config, **local_config):
    return MicroversionMiddleware
