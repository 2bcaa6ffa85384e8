"""Helpers shared by the API controllers."""

import pecan
from pecan import rest

from zun.api import hooks


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
