"""Lifecycle actions on one container: start and stop."""

import pecan

from zun.api import validation
from zun.api.controllers import base
from zun.api.controllers.v1 import actions
from zun.api.schemas import containers as schema

# Seconds that stop waits before it kills, when the request gives none.
DEFAULT_STOP_TIMEOUT = 10
# Longest stop timeout, in seconds, that a request may ask for.
MAX_STOP_TIMEOUT = 3600


class LifecycleActions:
    """Mixin of ContainersController with the lifecycle actions."""

    CUSTOM_ACTIONS = {
        'start': ['POST'],
        'stop': ['POST'],
    }

    @pecan.expose('json')
    def start(self, container_ident=None, **kwargs):
        def send(context, container, params):
            base.compute_api().container_start(context, container)

        actions.run(container_ident, 'start', 'container:start',
                    schema.START_QUERY, send)

    @pecan.expose('json')
    def stop(self, container_ident=None, **kwargs):
        def parse(params):
            return dict(params, timeout=validation.parse_int(
                params.get('timeout', DEFAULT_STOP_TIMEOUT), 'timeout',
                minimum=0, maximum=MAX_STOP_TIMEOUT))

        def send(context, container, params):
            base.compute_api().container_stop(context, container,
                                              params['timeout'])

        actions.run(container_ident, 'stop', 'container:stop',
                    schema.STOP_QUERY, send, parse=parse)
