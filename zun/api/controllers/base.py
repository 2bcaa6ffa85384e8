"""Helpers shared by the API controllers."""

import pecan
from pecan import rest

from zun.api import hooks
from zun.common import exception


class Controller(rest.RestController):
    """Base of zun's REST controllers."""


def merge_custom_actions(*mixins):
    """Return the ``_custom_actions`` of a controller built from mixins.

    :raises ValueError: when two mixins claim the same action name.
    """
    merged = {}
    for mixin in mixins:
        for name, methods in mixin.CUSTOM_ACTIONS.items():
            if name in merged:
                raise ValueError('action %s is defined twice' % name)
            merged[name] = list(methods)
    return merged


def context():
    """Return the RequestContext of the current request."""
    return pecan.request.environ[hooks.CONTEXT_KEY]


def version():
    """Return the negotiated microversion of the current request."""
    return pecan.request.environ[hooks.VERSION_KEY]


def compute_api():
    """Return the compute API client of the current request."""
    return pecan.request.environ['zun.compute_api']


def base_url():
    """Return the URL under which the API is served, without a slash."""
    return pecan.request.application_url.rstrip('/')


def require_version(name, min_version, max_version=None):
    """Reject a request for ``name`` outside the versions that serve it.

    :raises NotAcceptable: (406) when the request's microversion is below
        ``min_version`` or above ``max_version``.
    """
    current = version()
    if current < min_version or (max_version is not None
                                 and current > max_version):
        served = ('from %s to %s' % (min_version, max_version)
                  if max_version else 'from %s on' % min_version)
        raise exception.NotAcceptable(
            detail='%s is not supported at microversion %s; it is served '
                   '%s' % (name, current, served))
