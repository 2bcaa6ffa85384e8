"""Lifecycle actions on one container.

start, stop, reboot and rebuild are sent to the compute host without
waiting. pause, unpause and kill wait for the engine, so that a container
whose stored status is stale (it exited on its own, say) gets 409 with its
live status instead of a 202 for an action that then fails.
"""

import pecan

from zun.api import parsers
from zun.api import validation
from zun.api.controllers import base
from zun.api.controllers.v1 import actions
from zun.api.schemas import containers as schema
from zun.api.schemas import parameter_types as types
from zun.common import consts

# Seconds that stop and reboot wait before they kill, when the request
# gives none.
DEFAULT_STOP_TIMEOUT = 10
# Longest stop timeout, in seconds, that a request may ask for.
MAX_STOP_TIMEOUT = 3600


def _parse_timeout(params):
    return dict(params, timeout=validation.parse_int(
        params.get('timeout', DEFAULT_STOP_TIMEOUT), 'timeout',
        minimum=0, maximum=MAX_STOP_TIMEOUT))


def _parse_rebuild(params):
    image = params.get('image')
    if image is not None:
        validation.validate(types.image, image, 'image')
    driver = params.get('image_driver')
    if driver is not None:
        validation.validate(types.image_driver, driver, 'image_driver')
    return dict(params, image=image)


class LifecycleActions:
    """Mixin of ContainersController with the lifecycle actions."""

    CUSTOM_ACTIONS = {
        'start': ['POST'],
        'stop': ['POST'],
        'reboot': ['POST'],
        'pause': ['POST'],
        'unpause': ['POST'],
        'kill': ['POST'],
        'rebuild': ['POST'],
    }

    @pecan.expose('json')
    def start(self, container_ident=None, **kwargs):
        def send(context, container, params):
            base.compute_api().container_start(context, container)

        actions.run(container_ident, 'start', 'container:start',
                    schema.START_QUERY, send)

    @pecan.expose('json')
    def stop(self, container_ident=None, **kwargs):
        def send(context, container, params):
            base.compute_api().container_stop(context, container,
                                              params['timeout'])

        actions.run(container_ident, 'stop', 'container:stop',
                    schema.STOP_QUERY, send, parse=_parse_timeout)

    @pecan.expose('json')
    def reboot(self, container_ident=None, **kwargs):
        def send(context, container, params):
            base.compute_api().container_reboot(context, container,
                                                params['timeout'])

        actions.run(container_ident, 'reboot', 'container:reboot',
                    schema.REBOOT_QUERY, send, parse=_parse_timeout,
                    status=consts.RESTARTING)

    @pecan.expose('json')
    def pause(self, container_ident=None, **kwargs):
        def send(context, container, params):
            base.compute_api().container_pause(context, container)

        actions.run(container_ident, 'pause', 'container:pause',
                    schema.PAUSE_QUERY, send)

    @pecan.expose('json')
    def unpause(self, container_ident=None, **kwargs):
        def send(context, container, params):
            base.compute_api().container_unpause(context, container)

        actions.run(container_ident, 'unpause', 'container:unpause',
                    schema.UNPAUSE_QUERY, send)

    @pecan.expose('json')
    def kill(self, container_ident=None, **kwargs):
        def parse(params):
            return dict(params, signal=parsers.parse_signal(
                params.get('signal')))

        def send(context, container, params):
            base.compute_api().container_kill(context, container,
                                              params['signal'])

        actions.run(container_ident, 'kill', 'container:kill',
                    schema.KILL_QUERY, send, parse=parse)

    @pecan.expose('json')
    def rebuild(self, container_ident=None, **kwargs):
        def send(context, container, params):
            # The claim has set Rebuilding; the status before it decides
            # whether the new container starts.
            run = params[actions.STATUS_BEFORE] == consts.RUNNING
            base.compute_api().container_rebuild(context, container,
                                                 params['image'], run)

        actions.run(container_ident, 'rebuild', 'container:rebuild',
                    schema.REBUILD_QUERY, send, parse=_parse_rebuild,
                    status=consts.REBUILDING)

