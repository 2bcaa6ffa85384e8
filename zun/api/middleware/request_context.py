"""WSGI middleware that starts each request with a fresh log context.

oslo.log tags each line with the request context stored for the current
thread. A server thread keeps the context of the previous request it
served until the API builds a new one, so log lines written before that
(by the authentication or routing code) would carry a stale request ID.
"""

from oslo_context import context


class RequestContextMiddleware:

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        # The base class of oslo.context is enough for log tagging; the
        # API's full context, with policy, replaces it later.
        context.RequestContext(
            request_id=environ.get('openstack.request_id'), overwrite=True)
        return self.application(environ, start_response)


def filter_factory(global_config, **local_config):
    return RequestContextMiddleware
