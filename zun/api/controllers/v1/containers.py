"""The container resource: /v1/containers."""

from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import uuidutils
import pecan

from zun.api import parsers
from zun.api import validation
from zun.api.controllers import base
from zun.api.controllers.v1 import actions
from zun.api.controllers.v1 import container_archive
from zun.api.controllers.v1 import container_commit
from zun.api.controllers.v1 import container_create
from zun.api.controllers.v1 import container_history
from zun.api.controllers.v1 import container_inspection
from zun.api.controllers.v1 import container_interactive
from zun.api.controllers.v1 import container_lifecycle
from zun.api.controllers.v1 import container_network
from zun.api.controllers.v1 import container_update
from zun.api.controllers.v1 import lookup
from zun.api.schemas import containers as schema
from zun.api.views import containers as view
from zun.common import consts
from zun.common import exception
from zun.db import api as dbapi
from zun.objects import container as container_obj

CONF = cfg.CONF
LOG = logging.getLogger(__name__)



def _invalid(field, detail):
    return exception.InvalidParameterValue(field=field, detail=detail)


def _list_filters(context, params):
    filters = {}
    for name in dbapi.CONTAINER_FILTERS:
        if name not in params:
            continue
        value = params[name]
        if name == 'host':
            context.can('container:get_one:host')
        elif name == 'memory':
            value = parsers.memory_to_mib(value, 'memory')
        elif name == 'auto_remove':
            value = validation.parse_bool(value, name)
        elif name == 'status' and value not in consts.CONTAINER_STATUSES:
            raise _invalid(name, 'must be one of %s'
                           % ', '.join(consts.CONTAINER_STATUSES))
        elif name == 'task_state' and value not in consts.TASK_STATES:
            raise _invalid(name, 'must be one of %s'
                           % ', '.join(consts.TASK_STATES))
        filters[name] = value
    return filters


def _paging(params):
    limit = CONF.api.max_limit
    if 'limit' in params:
        limit = min(validation.parse_int(params['limit'], 'limit',
                                         minimum=1), CONF.api.max_limit)
    marker = params.get('marker')
    if marker is not None and not uuidutils.is_uuid_like(marker):
        raise _invalid('marker', "'%s' is not a container UUID" % marker)
    sort_key = params.get('sort_key', 'id')
    if sort_key not in dbapi.CONTAINER_SORT_KEYS:
        raise _invalid('sort_key', 'must be one of %s'
                       % ', '.join(dbapi.CONTAINER_SORT_KEYS))
    sort_dir = params.get('sort_dir', 'asc')
    if sort_dir not in ('asc', 'desc'):
        raise _invalid('sort_dir', "must be 'asc' or 'desc'")
    return limit, marker, sort_key, sort_dir


class ContainersController(container_lifecycle.LifecycleActions,
                           container_inspection.InspectionActions,
                           container_archive.ArchiveActions,
                           container_network.NetworkActions,
                           container_update.UpdateActions,
                           container_commit.CommitActions,
                           container_interactive.InteractiveActions,
                           base.Controller):
    """Create, list, show and delete containers.

    The actions on one container come from mixins, one module per flow;
    each lists its URL actions in ``CUSTOM_ACTIONS``. The action history
    is the sub-controller ``container_actions``.
    """

    _custom_actions = base.merge_custom_actions(
        container_lifecycle.LifecycleActions,
        container_update.UpdateActions,
        container_commit.CommitActions,
        container_inspection.InspectionActions,
        container_archive.ArchiveActions,
        container_network.NetworkActions,
        container_interactive.InteractiveActions)

    def __init__(self):
        super().__init__()
        self.container_actions = (
            container_history.ContainerActionsController(self.get_one))

    @pecan.expose('json')
    def get_all(self, **kwargs):
        context = base.context()
        context.can('container:get_all')
        params = validation.query_params(pecan.request, schema.LIST_QUERY)
        lookup.enable_all_projects(context, params,
                                   'container:get_all_all_projects')
        filters = _list_filters(context, params)
        limit, marker, sort_key, sort_dir = _paging(params)
        containers = container_obj.Container.list(
            context, filters=filters, limit=limit, marker=marker,
            sort_key=sort_key, sort_dir=sort_dir)
        query = {key: value for key, value in params.items()
                 if key not in ('limit', 'marker')}
        return view.format_collection(context, base.base_url(), containers,
                                      limit, query)

    @pecan.expose('json')
    def get_one(self, container_ident, **kwargs):
        context = base.context()
        params = validation.query_params(pecan.request, schema.SHOW_QUERY)
        container = lookup.get_container(context, container_ident, params,
                                         'container:get_one_all_projects')
        context.can('container:get_one', lookup.policy_target(container))
        return view.format_container(context, base.base_url(), container)

    @pecan.expose('json')
    def post(self, **kwargs):
        context = base.context()
        version = base.version()
        params = validation.query_params(pecan.request, schema.CREATE_QUERY)
        run = validation.parse_bool(params.get('run', False), 'run')
        context.can('container:create')
        body = validation.read_json_body(pecan.request)
        values, requested_host = container_create.build_values(
            context, body, version)
        container = container_obj.Container(context, **values)
        container.create(context)
        LOG.info('Creating container %s (%s) from image %s',
                 container.uuid, container.name, container.image)
        base.compute_api().container_create(context, container, run,
                                            requested_host)
        pecan.response.status = 202
        pecan.response.location = '%s/v1/containers/%s' % (
            base.base_url(), container.uuid)
        return view.format_container(context, base.base_url(), container)

    @pecan.expose('json')
    def delete(self, container_ident=None, **kwargs):
        if container_ident is None:
            # pecan routes DELETE /v1/containers here without an argument.
            pecan.abort(405, headers={'Allow': 'GET, POST'})
        context = base.context()
        version = base.version()
        params = actions.action_params(schema.DELETE_QUERY)
        force = validation.parse_bool(params.get('force', False), 'force')
        stop = validation.parse_bool(params.get('stop', False), 'stop')
        if stop and version < '1.12':
            raise exception.InvalidParamInVersion(
                field='stop', version=version, min_version='1.12')
        container = lookup.get_container(context, container_ident, params,
                                         'container:delete_all_projects')
        target = lookup.policy_target(container)
        context.can('container:delete', target)
        if force and version >= '1.7':
            context.can('container:delete_force', target)
        action = 'delete_force' if force else (
            'delete_stop' if stop else 'delete')

        def send(context, claimed, params):
            base.compute_api().container_delete(
                context, claimed, force, stop, wait=version < '1.10')

        actions.claim_and_call(context, container, action, 'delete', params,
                               send, status=consts.DELETING,
                               ignore_task_state=force)
        pecan.response.status = 204
