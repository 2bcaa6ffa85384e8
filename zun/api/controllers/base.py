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


def require_version(action, min_version, max_version=None):
    """Reject a request for an action that its microversion does not have.

    :raises NotAcceptable: when the request's version is below
        ``min_version`` or above ``max_version``.
    """
    requested = version()
    if requested < min_version:
        raise exception.NotAcceptable(
            detail='%s needs microversion %s or later, and the request '
                   'asked for %s' % (action, min_version, requested))
    if max_version is not None and requested > max_version:
        raise exception.NotAcceptable(
            detail='%s was removed after microversion %s, and the request '
                   'asked for %s' % (action, max_version, requested))
