"""WSGI middleware that caps the size of request bodies.

A body whose Content-Length is over ``[api] max_request_body_size`` gets
413 at once; a chunked body is cut off, with the same error, as soon as the
application reads past the limit.
"""

from oslo_config import cfg
from oslo_log import log as logging

from zun.api import errors
from zun.common import exception

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


class LimitingReader:
    """File-like wrapper that raises RequestEntityTooLarge past a limit."""

    def __init__(self, stream, limit):
        self._stream = stream
        self._limit = limit
        self._read = 0

    def _count(self, data):
        self._read += len(data)
        if self._read > self._limit:
            raise exception.RequestEntityTooLarge(limit=self._limit)
        return data

    def _guarded(self, read, size):
        # The server's own body reader fails with ValueError, OverflowError
        # or a socket error on broken chunked framing, a client that went
        # away or one that stopped sending: all are the client's fault.
        try:
            data = read(size)
        except (ValueError, OverflowError, OSError) as exc:
            raise exception.MalformedRequestBody(
                detail='the request body could not be read (%s)' % exc)
        return self._count(data)

    def read(self, size=-1):
        return self._guarded(self._stream.read, size)

    def readline(self, size=-1):
        return self._guarded(self._stream.readline, size)

    def __iter__(self):
        while True:
            chunk = self.readline()
            if not chunk:
                return
            yield chunk


class SizeLimitMiddleware:

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        limit = CONF.api.max_request_body_size
        length = environ.get('CONTENT_LENGTH')
        if length and length.isdigit() and int(length) > limit:
            request_id = environ.get('openstack.request_id')
            LOG.info('Request %s rejected: body of %s bytes is over the '
                     'limit of %d', request_id, length, limit)
            response = errors.response_for(
                exception.RequestEntityTooLarge(limit=limit), request_id)
            return response(environ, start_response)
        if 'wsgi.input' in environ:
            environ['wsgi.input'] = LimitingReader(environ['wsgi.input'],
                                                   limit)
        return self.application(environ, start_response)


def filter_factory(global_config, **local_config):
    return SizeLimitMiddleware
