"""Finding the container that a request names, and policy targets."""

from oslo_utils import uuidutils

from zun.api import validation
from zun.common import exception
from zun.objects import container as container_obj


def policy_target(container):
    """Return the policy target of a container."""
    return {'project_id': container.project_id,
            'user_id': container.user_id}


def enable_all_projects(context, params, rule):
    """Widen the context to every project when the request asks for it.

    :param params: the request's parameters; ``all_projects`` is read.
    :param rule: the policy rule that must pass to see every project.
    """
    if validation.parse_bool(params.get('all_projects', False),
                             'all_projects'):
        context.can(rule)
        context.all_projects = True


def get_container(context, ident, params=None, rule=None):
    """Return the container named by a UUID or a name.

    Administrators find containers of every project, as in Zun; other
    callers only those of their project (or every project with
    ``all_projects`` when ``rule`` passes).
    :raises ContainerNotFound: when no visible container matches.
    """
    if params is not None and rule is not None:
        enable_all_projects(context, params, rule)
    if context.is_admin:
        context.all_projects = True
    if '\x00' in ident:
        # Container names cannot contain NUL, and PostgreSQL rejects NUL
        # in a query.
        raise exception.ContainerNotFound(container=ident.replace('\x00',
                                                                  '\\x00'))
    if uuidutils.is_uuid_like(ident):
        try:
            return container_obj.Container.get_by_uuid(context, ident)
        except exception.ContainerNotFound:
            # A name may look like a UUID; fall back to the name lookup.
            pass
    return container_obj.Container.get_by_name(context, ident)
