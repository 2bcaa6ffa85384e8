"""The zun-api WSGI application."""

import functools
import os
import sys
import threading

from oslo_config import cfg
from oslo_log import log as logging
from paste import deploy
import pecan
from pecan import core as pecan_core
from pecan import decorators as pecan_decorators
from pecan import rest as pecan_rest
from pecan import routing as pecan_routing
from pecan import util as pecan_util

from zun.api import hooks
from zun.api import validation
from zun.api.controllers import root
from zun.common import exception

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

PASTE_FILE = 'api-paste.ini'


_UTF8_NAMES = ('utf-8', 'utf8')


def _charset_of(content_type):
    """Return the charset parameter of a Content-Type header, or None."""
    for parameter in content_type.split(';')[1:]:
        name, _, value = parameter.partition('=')
        if name.strip().lower() == 'charset':
            return value.strip().strip('"')
    return None


def _check_body_encoding(request):
    """Reject a JSON body that is not UTF-8 before pecan decodes it.

    pecan's routing decodes a JSON body with the charset that the request
    declares. An unknown charset raised LookupError, which pecan does not
    catch, and bytes that are not UTF-8 ended in pecan's own generic 400.
    """
    if not request.body or request.content_type not in (
            validation.JSON_CONTENT_TYPES):
        return
    charset = _charset_of(request.headers.get('Content-Type', ''))
    if charset is not None and charset.lower() not in _UTF8_NAMES:
        raise exception.UnsupportedCharset(charset=charset)
    try:
        request.body.decode('utf-8')
    except UnicodeDecodeError as exc:
        raise exception.MalformedRequestBody(
            detail='the body is not valid UTF-8: %s' % exc)


class _Pecan(pecan.Pecan):
    """pecan's application with 4xx errors for bodies it cannot decode."""

    def find_controller(self, state):
        # pecan's own find_controller stores the request in its thread
        # state first, and its clean-up expects it there even when routing
        # fails. The check runs before that method, so it stores them.
        pecan_core.state.request = state.request
        pecan_core.state.response = state.response
        _check_body_encoding(state.request)
        # pecan's routing parses a JSON body to fill the controller's
        # arguments. It catches ValueError, but not the RecursionError of a
        # deeply nested document.
        try:
            return super().find_controller(state)
        except RecursionError:
            raise exception.MalformedRequestBody(
                detail='the JSON document is nested too deeply')


_PECAN_MODULES = (pecan_util, pecan_core, pecan_decorators, pecan_rest,
                  pecan_routing)
_ARGSPECS = {}
_ARGSPECS_LOCK = threading.Lock()


def _cache_pecan_argspecs():
    """Make pecan read each controller's signature once, not per request.

    pecan (1.8) inspects the signatures of the controllers on its routing
    path about 13 times per request, and builds a new namedtuple class each
    time. That took a fifth of a GET of one container. A signature does not
    change while the process runs, so the result is kept per function.
    """
    original = pecan_util.getargspec
    if getattr(original, 'zun_cached', False):
        return

    @functools.wraps(original)
    def getargspec(method):
        key = getattr(method, '__func__', method)
        found = _ARGSPECS.get(key)
        if found is None:
            found = original(method)
            with _ARGSPECS_LOCK:
                _ARGSPECS[key] = found
        return found

    getargspec.zun_cached = True
    for module in _PECAN_MODULES:
        # NOTE: the modules bound the name at import, so each is patched.
        if getattr(module, 'getargspec', None) is original:
            module.getargspec = getargspec


def setup_app():
    """Return the Pecan application, without middleware."""
    _cache_pecan_argspecs()
    return _Pecan(
        root.RootController(),
        hooks=[hooks.ContextHook(), hooks.ComputeAPIHook(),
               hooks.NoContentHook(), hooks.ErrorHook()],
        force_canonical=False,
        guess_content_type_from_ext=False)


def app_factory(global_config, **local_config):
    return setup_app()


def _find_config_file(name):
    try:
        return CONF.find_file(name)
    except cfg.NotInitializedError:
        # No configuration was parsed, as in tests: use the other places.
        return None


def _paste_file():
    configured = CONF.api.api_paste_config
    candidates = [
        _find_config_file(configured),
        configured if os.path.isabs(configured) else None,
        os.path.join(os.path.dirname(__file__), '..', '..', 'etc', 'zun',
                     PASTE_FILE),
        os.path.join(sys.prefix, 'etc', 'zun', PASTE_FILE),
    ]
    for path in candidates:
        if path and os.path.isfile(path):
            return os.path.abspath(path)
    raise cfg.ConfigFilesNotFoundError([configured])


def load_app():
    """Return the WSGI application with the middleware of api-paste.ini."""
    path = _paste_file()
    pipeline = 'zun-api-%s' % CONF.api.auth_strategy
    LOG.info('Loading pipeline %s of %s', pipeline, path)
    return deploy.loadapp('config:%s' % path, name=pipeline)
