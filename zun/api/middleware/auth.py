"""Authentication middleware: keystonemiddleware or noauth."""

import re

from keystonemiddleware import auth_token
from oslo_config import cfg
from oslo_log import log as logging

LOG = logging.getLogger(__name__)

# Paths that answer without a token: the version documents.
PUBLIC_ROUTES = (re.compile(r'^/?$'), re.compile(r'^/v1/?$'))


class AuthTokenMiddleware(auth_token.AuthProtocol):
    """keystonemiddleware auth_token that lets the version documents pass.

    Its options come from the ``[keystone_authtoken]`` group.
    """

    def __init__(self, application, conf):
        self._application = application
        super().__init__(application, conf)

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '')
        if any(route.match(path) for route in PUBLIC_ROUTES):
            return self._application(environ, start_response)
        return super().__call__(environ, start_response)


class NoAuthMiddleware:
    """Treat every request as coming from a local administrator.

    For a single machine with ``auth_strategy = noauth`` only. The caller's
    identity comes from the X-User-Id, X-Project-Id and X-Roles headers
    when it sends them, and is ``admin`` in project ``admin`` otherwise.
    """

    def __init__(self, application):
        self._application = application

    def __call__(self, environ, start_response):
        environ.setdefault('HTTP_X_USER_ID', 'admin')
        environ.setdefault('HTTP_X_USER_NAME', 'admin')
        environ.setdefault('HTTP_X_PROJECT_ID', 'admin')
        environ.setdefault('HTTP_X_PROJECT_NAME', 'admin')
        environ.setdefault('HTTP_X_ROLES', 'admin')
        environ['HTTP_X_IDENTITY_STATUS'] = 'Confirmed'
        return self._application(environ, start_response)


def authtoken_filter_factory(global_config, **local_config):
    conf = dict(global_config, **local_config)
    # Read [keystone_authtoken] from zun's own configuration.
    conf['oslo_config_config'] = cfg.CONF

    def _factory(application):
        return AuthTokenMiddleware(application, conf)
    return _factory


def noauth_filter_factory(global_config, **local_config):
    return NoAuthMiddleware
