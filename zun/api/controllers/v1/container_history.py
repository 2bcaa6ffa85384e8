"""The action history of a container: /v1/containers/{id}/container_actions.

The API records an action for each request that changes a container, and
zun-compute records one event per step that it runs for the action.
"""

import pecan

from zun.api import validation
from zun.api.controllers import base
from zun.api.controllers.v1 import lookup
from zun.api.schemas import containers as schema
from zun.api.views import container_actions as view
from zun.common import exception
from zun.objects import container_action

ContainerAction = container_action.ContainerAction
ContainerActionEvent = container_action.ContainerActionEvent

# The URL segment of this controller under a container.
SEGMENT = 'container_actions'


def _container(container_ident):
    context = base.context()
    params = validation.query_params(pecan.request, schema.ACTIONS_QUERY)
    container = lookup.get_container(context, container_ident, params,
                                     'container:get_one_all_projects')
    context.can('container:actions', lookup.policy_target(container))
    return context, container


class ContainerActionsController(base.Controller):
    """Lists and shows the actions of one container.

    :param show_container: the containers controller's get_one, which
        get_all calls for GET /v1/containers/container_actions.
    """

    def __init__(self, show_container):
        super().__init__()
        self._show_container = show_container

    @pecan.expose('json')
    def get_all(self, *path, **kwargs):
        # pecan passes the container of the URL as the one item of
        # ``path``, and nothing for GET /v1/containers/container_actions.
        # With a named argument, pecan would return 404 for that request
        # before this method could show the container of that name.
        if not path:
            return self._show_container(SEGMENT)
        context, container = _container(path[0])
        actions = ContainerAction.get_by_container_uuid(context,
                                                        container.uuid)
        version = base.version()
        return {'containerActions': [view.format_action(action, version)
                                     for action in actions]}

    @pecan.expose('json')
    def get_one(self, container_ident, request_id, **kwargs):
        context, container = _container(container_ident)
        action = ContainerAction.get_by_request_id(context, container.uuid,
                                                   request_id)
        if action is None:
            raise exception.ContainerActionNotFound(
                request_id=request_id, container=container.uuid)
        events = ContainerActionEvent.get_by_action(context, action.id)
        show_traceback = context.can('container:action:events', fatal=False)
        return view.format_action_with_events(action, base.version(), events,
                                              show_traceback)
