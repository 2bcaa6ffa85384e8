"""Attach, interactive execute and TTY resize of one container.

attach and an interactive execute return a websocket URL with a
single-use token. The client opens the session at the websocket proxy of
the container's host. The resizes are synchronous requests to the compute
host. Like the inspection actions, none of them claims the container or
leaves an entry in the action history.
"""

from oslo_log import log as logging
import pecan

from zun.api import inspection_parsers
from zun.api.controllers import base
from zun.api.controllers.v1 import actions
from zun.api.controllers.v1 import lookup
from zun.api.schemas import containers as schema
from zun.common import exception
from zun.objects import exec_instance
from zun.websocket import tokens

LOG = logging.getLogger(__name__)


def start_interactive_exec(context, container, command, interactive):
    """Create an exec that the websocket proxy starts when a client comes.

    :param interactive: give the exec a TTY and standard input; without
        it, the session only carries the command's output.
    :returns: the execute response: ``exec_id`` and ``proxy_url``, with
        ``output`` and ``exit_code`` null.
    """
    created = base.compute_api().container_exec_create(
        context, container, command, interactive)
    exec_id = created['exec_id']
    exec_instance.ExecInstance(
        context, container_uuid=container.uuid, exec_id=exec_id).create(
            context)
    token = tokens.issue(context, container.uuid, exec_id)
    LOG.info('Issued a websocket URL for exec %s of container %s',
             exec_id, container.uuid)
    return {'output': None,
            'exit_code': None,
            'exec_id': exec_id,
            'proxy_url': tokens.proxy_url(created['proxy_base_url'], token,
                                          container.uuid, exec_id)}


class InteractiveActions:
    """Mixin of ContainersController with attach and the TTY resizes."""

    CUSTOM_ACTIONS = {
        'attach': ['GET'],
        'resize': ['POST'],
        'execute_resize': ['POST'],
    }

    @pecan.expose('json')
    def attach(self, container_ident=None, **kwargs):
        if container_ident is None:
            # GET /v1/containers/attach shows the container named attach.
            return self.get_one('attach')
        context = base.context()
        params = actions.action_params(schema.ATTACH_QUERY)
        container = lookup.get_container(context, container_ident, params,
                                         'container:get_one_all_projects')
        context.can('container:attach', lookup.policy_target(container))
        # A container without interactive can never be attached to, so
        # this comes before the status check.
        if not container.interactive:
            raise exception.NoInteractiveFlag(container=container.uuid)
        actions.check_status(container, 'attach')
        proxy_base_url = base.compute_api().container_attach(context,
                                                             container)
        token = tokens.issue(context, container.uuid)
        LOG.info('Issued a websocket URL to attach to container %s',
                 container.uuid)
        return tokens.proxy_url(proxy_base_url, token, container.uuid)

    @pecan.expose('json')
    def resize(self, container_ident=None, **kwargs):
        if container_ident is None:
            pecan.abort(404)
        params = actions.action_params(schema.RESIZE_QUERY)
        height, width = inspection_parsers.parse_tty_size(params)
        context, container = actions.inspect(container_ident, 'resize',
                                             'container:resize', params)
        base.compute_api().container_resize(context, container, height,
                                            width)

    @pecan.expose('json')
    def execute_resize(self, container_ident=None, **kwargs):
        if container_ident is None:
            pecan.abort(404)
        params = actions.action_params(schema.EXECUTE_RESIZE_QUERY)
        exec_id = inspection_parsers.parse_exec_id(params.get('exec_id'))
        height, width = inspection_parsers.parse_tty_size(params)
        context, container = actions.inspect(
            container_ident, 'execute_resize', 'container:execute_resize',
            params)
        exec_instance.ExecInstance.get(context, container.uuid, exec_id)
        base.compute_api().container_exec_resize(context, container,
                                                 exec_id, height, width)
