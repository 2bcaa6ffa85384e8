"""The one place where exceptions become HTTP error responses.

Every error body has Zun's shape::

    {"errors": [{"request_id": ..., "code": ..., "status": ...,
                 "title": ..., "detail": ..., "links": []}]}

A 5xx caused by an unexpected exception shows only the request ID; the
traceback goes to the service log under that ID.
"""

import re

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob
import webob.exc
import webob.request

from zun.api import versions
from zun.common import exception

LOG = logging.getLogger(__name__)

# Exception families and their HTTP status, most specific first.
_STATUS_BY_FAMILY = (
    (exception.RequestEntityTooLarge, 413),
    (exception.UnsupportedMediaType, 415),
    (exception.NotAcceptable, 406),
    (exception.Invalid, 400),
    (exception.Forbidden, 403),
    (exception.NotFound, 404),
    (exception.Conflict, 409),
    (exception.ServiceUnavailable, 503),
)


def status_for(exc):
    """Return the HTTP status for a zun exception; 500 when unmapped."""
    for family, status in _STATUS_BY_FAMILY:
        if isinstance(exc, family):
            return status
    return 500


# Zun sends this code and title for an unsupported microversion.
MICROVERSION_CODE = 'zun.microversion-unsupported'
MICROVERSION_TITLE = 'Requested microversion is unsupported'


# oslo.messaging rebuilds an exception that an RPC call raised remotely as a
# subclass whose name ends with this suffix.
_REMOTE_SUFFIX = '_Remote'


def _code(exc):
    name = type(exc).__name__
    if name.endswith(_REMOTE_SUFFIX):
        name = name[:-len(_REMOTE_SUFFIX)]
    name = re.sub(r'(?<!^)(?=[A-Z])', '-', name).lower()
    return 'container.%s' % name


def error_response(status, title, detail, code, request_id, extra=None):
    """Return a webob Response with Zun's error body."""
    entry = {
        'request_id': request_id or '',
        'code': code,
        'status': status,
        'title': title,
        'detail': detail,
        'links': [],
    }
    entry.update(extra or {})
    response = webob.Response(status=status,
                              content_type='application/json',
                              charset='UTF-8')
    response.text = jsonutils.dumps({'errors': [entry]})
    return response


def internal_error_response(request_id):
    """Return the 500 response, which shows nothing but the request ID."""
    detail = ('The server failed to complete the request. The request ID '
              '%s identifies the failure in the service log.' % request_id)
    return error_response(500, 'Internal Server Error', detail,
                          'container.internal-server-error', request_id)


def response_for(exc, request_id):
    """Return the error response for any exception raised by a request."""
    if isinstance(exc, exception.ZunException):
        status = status_for(exc)
        if status >= 500 and not isinstance(exc,
                                            exception.ServiceUnavailable):
            LOG.error('Request %s failed: %s', request_id,
                      exc.format_message())
            return internal_error_response(request_id)
        if isinstance(exc, exception.NotAcceptable):
            return _not_acceptable_response(exc, request_id)
        message = exc.format_message()
        return error_response(status, message, message, _code(exc),
                              request_id)
    if isinstance(exc, webob.exc.HTTPException) and exc.code < 500:
        return _http_error_response(exc, request_id)
    if isinstance(exc, webob.request.DisconnectionError):
        # webob raises it when the body ends before its Content-Length.
        LOG.info('Request %s ended early: %s', request_id, exc)
        detail = 'The request body ended before its Content-Length.'
        return error_response(400, detail, detail,
                              'container.malformed-request-body',
                              request_id)
    LOG.error('Unexpected error in request %s', request_id, exc_info=exc)
    return internal_error_response(request_id)


def _not_acceptable_response(exc, request_id):
    extra = {'min_version': str(versions.MIN_VERSION),
             'max_version': str(versions.MAX_VERSION)}
    return error_response(406, MICROVERSION_TITLE, exc.format_message(),
                          MICROVERSION_CODE, request_id, extra)


def _http_error_response(exc, request_id):
    """Return the error response of a routing error that pecan raised."""
    allowed = exc.headers.get('Allow')
    if exc.detail:
        detail = exc.detail
    elif exc.code == 406:
        detail = ('The API returns only application/json, which the Accept '
                  'header of the request does not allow.')
    elif exc.code == 405 and allowed:
        detail = ('The request method is not allowed for this resource, '
                  'which allows %s.' % allowed)
    else:
        detail = exc.explanation or exc.title
    code = 'container.%s' % exc.title.lower().replace(' ', '-')
    response = error_response(exc.code, exc.title, detail, code, request_id)
    if allowed:
        response.headers['Allow'] = allowed
    return response
