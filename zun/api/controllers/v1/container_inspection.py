"""Inspection actions on one container: logs, top, stats and execute.

They return the result of a synchronous request to the container's compute
host; an interactive execute returns a websocket URL instead. They check
the container's status but claim nothing, and leave no entry in the action
history.
"""

import pecan

from zun.api import inspection_parsers
from zun.api import validation
from zun.api.controllers import base
from zun.api.controllers.v1 import actions
from zun.api.controllers.v1 import container_interactive
from zun.api.schemas import containers as schema


class InspectionActions:
    """Mixin of ContainersController with the inspection actions.

    A GET action without a container, such as GET /v1/containers/logs,
    shows the container of that name instead, because pecan routes the
    request here before it tries get_one.
    """

    CUSTOM_ACTIONS = {
        'logs': ['GET'],
        'top': ['GET'],
        'stats': ['GET'],
        'execute': ['POST'],
    }

    @pecan.expose('json')
    def logs(self, container_ident=None, **kwargs):
        if container_ident is None:
            return self.get_one('logs')
        params = actions.action_params(schema.LOGS_QUERY)
        options = inspection_parsers.parse_logs_params(params)
        context, container = actions.inspect(container_ident, 'logs',
                                             'container:logs', params)
        return base.compute_api().container_logs(context, container,
                                                 **options)

    @pecan.expose('json')
    def top(self, container_ident=None, **kwargs):
        if container_ident is None:
            return self.get_one('top')
        params = actions.action_params(schema.TOP_QUERY)
        ps_args = inspection_parsers.parse_ps_args(params.get('ps_args'))
        context, container = actions.inspect(container_ident, 'top',
                                             'container:top', params)
        return base.compute_api().container_top(context, container, ps_args)

    @pecan.expose('json')
    def stats(self, container_ident=None, **kwargs):
        if container_ident is None:
            return self.get_one('stats')
        params = actions.action_params(schema.STATS_QUERY)
        context, container = actions.inspect(container_ident, 'stats',
                                             'container:stats', params)
        return base.compute_api().container_stats(context, container)

    @pecan.expose('json')
    def execute(self, container_ident=None, **kwargs):
        if container_ident is None:
            pecan.abort(404)
        params = actions.action_params(schema.EXECUTE_QUERY)
        command = inspection_parsers.parse_exec_command(params.get('command'))
        run = validation.parse_bool(params.get('run', True), 'run')
        interactive = validation.parse_bool(params.get('interactive', False),
                                            'interactive')
        context, container = actions.inspect(container_ident, 'execute',
                                             'container:execute', params)
        if interactive or not run:
            return container_interactive.start_interactive_exec(
                context, container, command, interactive)
        result = base.compute_api().container_exec_run(context, container,
                                                       command)
        return {'output': result['output'],
                'exit_code': result['exit_code'],
                'exec_id': None,
                'proxy_url': None}
