"""Changes to one container: PATCH, rename and resize_container.

A change of ``name`` or ``auto_heal`` only writes the database. A change of
``cpu`` or ``memory`` reaches the engine through the compute host: PATCH
waits for it and returns the updated container, resize_container (from
microversion 1.19) returns at once.
"""

from oslo_log import log as logging
import oslo_messaging as messaging
import pecan

from zun.api import parsers
from zun.api import validation
from zun.api.controllers import base
from zun.api.controllers.v1 import actions
from zun.api.controllers.v1 import lookup
from zun.api.schemas import containers as schema
from zun.api.schemas import parameter_types as types
from zun.api.views import containers as view
from zun.common import consts
from zun.common import exception
from zun.db import api as dbapi
from zun.objects import container as container_obj

LOG = logging.getLogger(__name__)

# Fields that reach the engine; the others only change the record.
LIMIT_FIELDS = ('cpu', 'memory')


def _parse_update(body, version):
    """Return the validated and converted fields of a PATCH body.

    :raises InvalidParameterValue: for an unknown or invalid field, or an
        empty body.
    :raises InvalidParamInVersion: for ``name`` before 1.14.
    """
    fields = {field.name: field for field in schema.UPDATE_FIELDS}
    unknown = sorted(set(body) - set(fields))
    if unknown:
        raise exception.InvalidParameterValue(
            field=unknown[0],
            detail='cannot be changed; PATCH changes %s'
            % ', '.join(sorted(fields)))
    patch = {}
    for name, value in sorted(body.items()):
        field = fields[name]
        if not field.exists_at(version):
            raise exception.InvalidParamInVersion(
                field=name, version=version, min_version=field.min_version)
        validation.validate(field.schema, value, name)
        if field.parser is not None:
            value = field.parser(value, name)
        patch[name] = value
    if not patch:
        raise exception.InvalidParameterValue(
            field='(body)', detail='needs at least one of %s'
            % ', '.join(sorted(fields)))
    return patch


def _parse_limits(params):
    """Return cpu and memory of a resize_container request, converted."""
    limits = {}
    if params.get('cpu') is not None:
        limits['cpu'] = parsers.parse_cpu(params['cpu'])
    if params.get('memory') is not None:
        limits['memory'] = parsers.parse_memory(params['memory'])
    if not limits:
        raise exception.InvalidParameterValue(
            field='(body)', detail='needs cpu, memory or both')
    return dict(params, limits=limits)


def _restore_record(context, before, record):
    """Undo the record fields of a PATCH whose engine change failed.

    Only values that no later request changed are restored.
    """
    if not record:
        return
    previous = {name: getattr(before, name) for name in record}
    expected = {name: value for name, value in record.items()
                if name == 'name'}
    dbapi.container_update_if(context, before.uuid, expected, previous)


def _release(context, before):
    dbapi.container_update_if(
        context, before.uuid, {'task_state': consts.CONTAINER_UPDATING},
        {'task_state': None})


class UpdateActions:
    """Mixin of ContainersController with PATCH and the resize actions."""

    CUSTOM_ACTIONS = {
        'rename': ['POST'],
        'resize_container': ['POST'],
    }

    @pecan.expose('json')
    def patch(self, container_ident=None, **kwargs):
        if container_ident is None:
            pecan.abort(405, headers={'Allow': 'GET, POST'})
        context = base.context()
        params = validation.query_params(pecan.request, schema.UPDATE_QUERY)
        patch = _parse_update(validation.read_json_body(pecan.request),
                              base.version())
        container = lookup.get_container(context, container_ident, params,
                                         'container:get_one_all_projects')
        context.can('container:update', lookup.policy_target(container))
        limits = {name: patch[name] for name in LIMIT_FIELDS
                  if name in patch}
        record = {name: value for name, value in patch.items()
                  if name not in LIMIT_FIELDS}
        task_state = consts.CONTAINER_UPDATING if limits else None
        # One statement checks the status, takes the task and writes the
        # record fields, so a taken name fails before the engine changes.
        claimed = container_obj.Container.claim(
            context, container.uuid, 'update',
            consts.ALLOWED_STATUSES['update'], task_state, values=record)
        if limits:
            self._update_limits(context, container, claimed, limits, record)
            # The stored row, not the copy that came back over RPC, which
            # has lost the fractions of a second of its times.
            claimed = container_obj.Container.get_by_uuid(context,
                                                          container.uuid)
        LOG.info('Updated %s of container %s', ', '.join(sorted(patch)),
                 container.uuid)
        return view.format_container(context, base.base_url(), claimed)

    @staticmethod
    def _update_limits(context, before, claimed, limits, record):
        try:
            base.compute_api().container_update(context, claimed, limits)
        except messaging.MessagingTimeout:
            raise exception.ComputeTimeout(host=before.host,
                                           action='update',
                                           container=before.uuid)
        except Exception:
            LOG.warning('Undoing the update of container %s: the engine '
                        'change failed', before.uuid)
            _restore_record(context, before, record)
            _release(context, before)
            raise

    @pecan.expose('json')
    def rename(self, container_ident=None, **kwargs):
        base.require_version('rename', '1.1', '1.13')
        if container_ident is None:
            pecan.abort(404)
        context = base.context()
        params = actions.action_params(schema.RENAME_QUERY)
        name = params.get('name')
        if name is None:
            raise exception.InvalidParameterValue(field='name',
                                                  detail='is required')
        validation.validate(types.container_name, name, 'name')
        container = lookup.get_container(context, container_ident, params,
                                         'container:get_one_all_projects')
        context.can('container:rename', lookup.policy_target(container))
        claimed = container_obj.Container.claim(
            context, container.uuid, 'rename',
            consts.ALLOWED_STATUSES['rename'],
            consts.ACTION_TASK_STATES['rename'], values={'name': name})
        LOG.info('Renamed container %s from %s to %s', container.uuid,
                 container.name, name)
        return view.format_container(context, base.base_url(), claimed)

    @pecan.expose('json')
    def resize_container(self, container_ident=None, **kwargs):
        base.require_version('resize_container', '1.19')

        def send(context, container, params):
            base.compute_api().resize_container(context, container,
                                                params['limits'])

        claimed = actions.run(container_ident, 'resize_container',
                              'container:resize_container',
                              schema.RESIZE_CONTAINER_QUERY, send,
                              parse=_parse_limits)
        # The response shows the stored limits with task_state
        # container_updating; the new ones appear when the task is done.
        return view.format_container(base.context(), base.base_url(),
                                     claimed)
