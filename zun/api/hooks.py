"""Pecan hooks: request context, compute API and error responses."""

import threading

from pecan import hooks

from zun.api import errors
from zun.api import versions
from zun.api.middleware import microversion
from zun.common import context as zun_context

CONTEXT_KEY = 'zun.context'
VERSION_KEY = microversion.ENVIRON_KEY


class ContextHook(hooks.PecanHook):
    """Build the RequestContext from the identity headers of the request.

    keystonemiddleware (or the noauth middleware) sets the headers;
    oslo.middleware's RequestId sets the request ID.
    """

    priority = 10

    def before(self, state):
        environ = state.request.environ
        context = zun_context.RequestContext.from_environ(environ)
        environ[CONTEXT_KEY] = context
        environ.setdefault(VERSION_KEY, versions.MIN_VERSION)


class ComputeAPIHook(hooks.PecanHook):
    """Give controllers one shared compute API client."""

    priority = 20

    def __init__(self):
        super().__init__()
        self._api = None
        self._lock = threading.Lock()

    def _compute_api(self):
        # Built on first use: it needs the RPC transport, which the process
        # sets up after the WSGI application is loaded.
        from zun.compute import api as compute_api
        with self._lock:
            if self._api is None:
                self._api = compute_api.API()
        return self._api

    def before(self, state):
        state.request.environ['zun.compute_api'] = self._compute_api()


class NoContentHook(hooks.PecanHook):
    """Send 204 responses without a body.

    Pecan renders a controller's None as the JSON text ``null``, which a
    204 must not carry: a client would read it as the start of the next
    response on the same connection.
    """

    priority = 100

    def after(self, state):
        if state.response.status_int == 204:
            state.response.body = b''
            state.response.content_type = None


class ErrorHook(hooks.PecanHook):
    """Turn every exception of a request into Zun's error response."""

    priority = 1

    def on_error(self, state, exc):
        request_id = state.request.environ.get('openstack.request_id')
        return errors.response_for(exc, request_id)
