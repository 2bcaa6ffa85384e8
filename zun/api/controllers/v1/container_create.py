"""Container create, driven by the field table of the create schema."""

from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import uuidutils

from zun.api import validation
from zun.api.schemas import containers as schema
from zun.common import consts
from zun.common import exception
from zun.network import driver as networks
from zun.objects import zun_service

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


def _check_field_names(body, version, fields):
    """Reject unknown fields, and known ones that this version lacks."""
    unknown = sorted(name for name in body
                     if schema.field_first_version(name) is None)
    if unknown:
        raise exception.InvalidParameterValue(
            field=unknown[0],
            detail='is not a container field; unknown fields: %s'
            % ', '.join(unknown))
    for name in sorted(body):
        if name not in fields:
            raise exception.InvalidParamInVersion(
                field=name, version=version,
                min_version=schema.field_first_version(name))
    for name in schema.REQUIRED_CREATE_FIELDS:
        if name not in body:
            raise exception.InvalidParameterValue(
                field=name, detail='is required')


def _check_nested_keys(body, version):
    """Reject keys inside list items that this version lacks."""
    for name, key, min_version in schema.NESTED_CREATE_KEYS:
        items = body.get(name)
        if version >= min_version or not isinstance(items, list):
            continue
        if any(isinstance(item, dict) and key in item for item in items):
            raise exception.InvalidParamInVersion(
                field='%s.%s' % (name, key), version=version,
                min_version=min_version)


def _parse_fields(context, body, fields):
    values = {}
    for name, value in body.items():
        field = fields[name]
        validation.validate(field.schema, value, name)
        if field.policy and not (name == 'privileged' and not value):
            context.can(field.policy)
        if field.parser is not None:
            value = field.parser(value, name)
        values[field.store_as] = value
    return values


def _check_combinations(values):
    if values.get('security_groups') and values.get('exposed_ports'):
        raise exception.InvalidParameterValue(
            field='exposed_ports',
            detail='cannot be combined with security_groups; the exposed '
                   'ports get a security group of their own')
    restart = (values.get('restart_policy') or {}).get('Name', 'no')
    if values.get('auto_remove') and restart != 'no':
        raise exception.InvalidParameterValue(
            field='auto_remove',
            detail="cannot be combined with restart_policy '%s'; the engine "
                   'removes an auto_remove container when it exits, so it '
                   'cannot restart it' % restart)
    if values.get('privileged'):
        # The policy check above passed, so an operator allowed it.
        LOG.info('Creating a privileged container, allowed by policy')


def _check_networking(values):
    """Reject networks and security groups that the network driver lacks."""
    driver = networks.get_network_driver()
    for index, request in enumerate(values.get('requested_networks') or ()):
        driver.check_requested_network(request, 'nets[%d].' % index)
    driver.check_security_groups(values.get('security_groups') or [],
                                 'security_groups')


def _check_requested_host(context, host):
    try:
        zun_service.ZunService.get(context, host, consts.COMPUTE_BINARY)
    except exception.ServiceNotFound:
        raise exception.InvalidParameterValue(
            field='host', detail="no compute host is named '%s'" % host)


def _apply_defaults(context, values, version):
    values.setdefault('name', 'container-%s' % uuidutils.generate_uuid()[:8])
    values.setdefault('memory', CONF.default_memory)
    values.setdefault('cpu', CONF.default_cpu)
    values.setdefault('image_driver', CONF.default_image_driver)
    values.setdefault('cpu_policy', 'shared')
    for flag in ('interactive', 'auto_remove', 'auto_heal', 'privileged'):
        values.setdefault(flag, False)
    if version < '1.36':
        # Before 1.36 there is no separate tty: interactive implies it.
        values['tty'] = values['interactive']
    values.setdefault('tty', False)
    values.setdefault('security_groups', [])
    values.update(
        uuid=uuidutils.generate_uuid(),
        project_id=context.project_id,
        user_id=context.user_id,
        status=consts.CREATING,
        task_state=consts.CONTAINER_CREATING,
    )


def build_values(context, body, version):
    """Validate a create request body and return the container's values.

    :returns: (values, requested_host); the requested host is not a
        column of the container.
    :raises Invalid: naming the first invalid field and the rule.
    :raises PolicyNotAuthorized: when a field needs a rule that fails.
    """
    fields = schema.fields_at(version)
    _check_field_names(body, version, fields)
    _check_nested_keys(body, version)
    values = _parse_fields(context, body, fields)
    _check_combinations(values)
    _check_networking(values)
    requested_host = values.pop('requested_host', None)
    if requested_host:
        _check_requested_host(context, requested_host)
    registry = values.pop('registry', None)
    if registry:
        raise exception.InvalidParameterValue(
            field='registry',
            detail="registry '%s' could not be found" % registry)
    _apply_defaults(context, values, version)
    return values, requested_host
