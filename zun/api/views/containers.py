"""Response views of containers."""

import datetime
from urllib import parse

# Fields of the container view, in the order clients print them.
VIEW_FIELDS = (
    'uuid', 'name', 'image', 'command', 'entrypoint', 'status',
    'status_reason', 'status_detail', 'task_state', 'cpu', 'cpu_policy',
    'memory', 'disk', 'environment', 'workdir', 'ports', 'hostname',
    'labels', 'addresses', 'host', 'restart_policy', 'interactive', 'tty',
    'image_driver', 'image_pull_policy', 'security_groups', 'auto_remove',
    'auto_heal', 'runtime', 'privileged', 'healthcheck', 'registry_id',
    'user_id', 'project_id', 'created_at', 'updated_at',
)

# Fields shown only when ``container:get_one:<field>`` passes.
RESTRICTED_FIELDS = ('host', 'image_pull_policy', 'privileged', 'runtime')


def format_timestamp(value):
    """Return a stored UTC time as ISO 8601 with its zone, or None."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.isoformat()


def _value(container, field):
    value = getattr(container, field)
    if field == 'memory':
        return None if value is None else str(value)
    if field == 'disk':
        return value or 0
    if field == 'cpu_policy':
        return value or 'shared'
    if field in ('created_at', 'updated_at'):
        return format_timestamp(value)
    return value


def links(base_url, uuid):
    return [
        {'href': '%s/v1/containers/%s' % (base_url, uuid), 'rel': 'self'},
        {'href': '%s/containers/%s' % (base_url, uuid), 'rel': 'bookmark'},
    ]


class FieldVisibility:
    """Decides, per project, which restricted fields a caller may see.

    The result of the policy checks is cached per owning project, so a list
    of many containers costs a few checks, not a few per container.
    """

    def __init__(self, context):
        self._context = context
        self._hidden = {}

    def hidden(self, container):
        project_id = container.project_id
        if project_id not in self._hidden:
            target = {'project_id': project_id,
                      'user_id': container.user_id}
            self._hidden[project_id] = frozenset(
                field for field in RESTRICTED_FIELDS
                if not self._context.can('container:get_one:%s' % field,
                                         target, fatal=False))
        return self._hidden[project_id]


def format_container(context, base_url, container, visibility=None):
    """Return the API view of one container."""
    visibility = visibility or FieldVisibility(context)
    hidden = visibility.hidden(container)
    view = {field: _value(container, field) for field in VIEW_FIELDS
            if field not in hidden}
    view['links'] = links(base_url, container.uuid)
    return view


def format_collection(context, base_url, containers, limit, query):
    """Return the list view with a ``next`` link when the page is full.

    :param query: the list's query parameters, repeated in the link.
    """
    visibility = FieldVisibility(context)
    body = {'containers': [format_container(context, base_url, container,
                                            visibility)
                           for container in containers]}
    if limit and len(containers) == limit:
        params = dict(query, limit=limit, marker=containers[-1].uuid)
        encoded = parse.urlencode(sorted(params.items()))
        body['next'] = '%s/v1/containers?%s' % (base_url, encoded)
    return body
