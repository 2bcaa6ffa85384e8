"""WSGI entry point of zun-api for uWSGI, gunicorn or mod_wsgi.

Point the server at ``zun.api.wsgi:application``; the application is built
on first access. ``OS_ZUN_CONFIG_FILES`` (a semicolon-separated list)
chooses the configuration files; the default is oslo.config's search for
``zun.conf``.
"""

import os
import threading

from zun.api import app
from zun.common import rpc
from zun.common import service

CONF = service.CONF

_APPLICATION = None
_LOCK = threading.Lock()


def init_application():
    """Parse the configuration and return the WSGI application."""
    files = os.environ.get('OS_ZUN_CONFIG_FILES')
    argv = ['zun-api']
    for path in (files.split(';') if files else []):
        argv.extend(['--config-file', path])
    service.prepare_service(argv)
    rpc.init(CONF)
    return app.load_app()


def __getattr__(name):
    if name != 'application':
        raise AttributeError(name)
    global _APPLICATION
    with _LOCK:
        if _APPLICATION is None:
            _APPLICATION = init_application()
    return _APPLICATION
