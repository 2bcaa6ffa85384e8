"""Request schemas of the container API.

``CREATE_FIELDS`` is the table that drives container create: each field
has the microversions where it exists, its JSON Schema, an optional parser
that converts it to the stored form, and an optional policy rule that the
caller must pass to use it.
"""

from zun.api import parsers
from zun.api import versions
from zun.api.schemas import parameter_types as types


class Field:
    """One field of a request body.

    :param name: the key in the request body.
    :param schema: JSON Schema of the value.
    :param min_version: first microversion with the field.
    :param max_version: last microversion with the field, if it went away
        or changed shape.
    :param parser: callable(value, field) returning the stored value.
    :param policy: rule that must pass when the field is given.
    :param store_as: column name when it differs from ``name``.
    """

    def __init__(self, name, schema, min_version='1.1', max_version=None,
                 parser=None, policy=None, store_as=None):
        self.name = name
        self.schema = schema
        self.min_version = versions.Version.parse(min_version)
        self.max_version = (versions.Version.parse(max_version)
                            if max_version else versions.MAX_VERSION)
        self.parser = parser
        self.policy = policy
        self.store_as = store_as or name

    def exists_at(self, version):
        return self.min_version <= version <= self.max_version


def _healthcheck(value, field):
    return parsers.parse_healthcheck(value, field)


CREATE_FIELDS = (
    Field('name', types.container_name),
    Field('image', types.image, parser=parsers.parse_image),
    Field('command', {'type': 'string', 'maxLength': 65535},
          max_version='1.19', parser=parsers.parse_command_string),
    Field('command', types.command_list, min_version='1.20'),
    Field('cpu', types.number_or_string, parser=parsers.parse_cpu),
    Field('memory', types.number_or_string, parser=parsers.parse_memory),
    Field('disk', types.number_or_string, parser=parsers.parse_disk),
    Field('workdir', types.workdir),
    Field('labels', types.labels),
    Field('environment', types.environment),
    Field('restart_policy', types.restart_policy,
          parser=parsers.parse_restart_policy),
    Field('interactive', types.boolean),
    Field('tty', types.boolean, min_version='1.36'),
    Field('image_driver', types.image_driver),
    Field('image_pull_policy', types.image_pull_policy,
          policy='container:create:image_pull_policy'),
    Field('security_groups', types.security_groups),
    Field('hints', types.hints),
    Field('availability_zone', types.availability_zone),
    Field('auto_heal', types.boolean),
    Field('nets', types.nets, min_version='1.2', parser=parsers.parse_nets,
          store_as='requested_networks'),
    Field('auto_remove', types.boolean, min_version='1.3'),
    Field('runtime', types.runtime, min_version='1.5',
          policy='container:create:runtime'),
    Field('hostname', types.hostname, min_version='1.9'),
    Field('mounts', types.mounts(with_type=False), min_version='1.11',
          max_version='1.22', parser=parsers.parse_mounts),
    Field('mounts', types.mounts(with_type=True), min_version='1.23',
          parser=parsers.parse_mounts),
    # The policy applies only when privileged is true.
    Field('privileged', types.boolean, min_version='1.21',
          policy='container:create:privileged'),
    Field('healthcheck', types.healthcheck, min_version='1.22',
          parser=_healthcheck),
    Field('exposed_ports', types.exposed_ports, min_version='1.24',
          parser=parsers.parse_exposed_ports),
    Field('cpu_policy', types.cpu_policy, min_version='1.28'),
    Field('registry', types.registry, min_version='1.31'),
    Field('host', types.host, min_version='1.39',
          policy='container:create:requested_destination',
          store_as='requested_host'),
    Field('entrypoint', types.command_list, min_version='1.40'),
)

REQUIRED_CREATE_FIELDS = ('image',)

# Keys inside list items of a create field that appeared after the field:
# (field, key, first version).
NESTED_CREATE_KEYS = (
    ('mounts', 'type', versions.Version.parse('1.23')),
)

CREATE_QUERY = ('run',)

LIST_QUERY = (
    'limit', 'marker', 'sort_key', 'sort_dir', 'all_projects',
    'name', 'image', 'project_id', 'user_id', 'memory', 'host',
    'task_state', 'status', 'auto_remove',
)

SHOW_QUERY = ('all_projects',)

DELETE_QUERY = ('force', 'stop', 'all_projects')

STOP_QUERY = ('timeout', 'all_projects')

START_QUERY = ('all_projects',)

LOGS_QUERY = ('stdout', 'stderr', 'timestamps', 'tail', 'since',
              'all_projects')

TOP_QUERY = ('ps_args', 'all_projects')

STATS_QUERY = ('all_projects',)

EXECUTE_QUERY = ('command', 'run', 'interactive', 'all_projects')

ATTACH_QUERY = ('all_projects',)

RESIZE_QUERY = ('h', 'w', 'all_projects')

EXECUTE_RESIZE_QUERY = ('exec_id', 'h', 'w', 'all_projects')

ACTIONS_QUERY = ('all_projects',)

GET_ARCHIVE_QUERY = ('path', 'all_projects')

# put_archive takes these in the query string or in the JSON body.
PUT_ARCHIVE_PARAMS = ('path', 'data', 'all_projects')

NETWORK_ATTACH_QUERY = ('network', 'port', 'fixed_ip', 'all_projects')

NETWORK_DETACH_QUERY = ('network', 'port', 'all_projects')

NETWORK_LIST_QUERY = ('all_projects',)

SECURITY_GROUP_QUERY = ('name', 'all_projects')

# Parameters of the actions on one container, in the query string or the
# JSON body.
PAUSE_QUERY = ('all_projects',)

UNPAUSE_QUERY = ('all_projects',)

REBOOT_QUERY = ('timeout', 'all_projects')

KILL_QUERY = ('signal', 'all_projects')

REBUILD_QUERY = ('image', 'image_driver', 'all_projects')

COMMIT_QUERY = ('repository', 'tag', 'all_projects')

RENAME_QUERY = ('name', 'all_projects')

RESIZE_CONTAINER_QUERY = ('cpu', 'memory', 'all_projects')

# Fields of PATCH /v1/containers/{id}, each with its first version.
UPDATE_FIELDS = (
    Field('cpu', types.number_or_string, parser=parsers.parse_cpu),
    Field('memory', types.number_or_string, parser=parsers.parse_memory),
    Field('name', types.container_name, min_version='1.14'),
    Field('auto_heal', types.boolean),
)

UPDATE_QUERY = ('all_projects',)


def fields_at(version):
    """Return {name: Field} of the create fields that exist at version."""
    return {field.name: field for field in CREATE_FIELDS
            if field.exists_at(version)}


def field_first_version(name):
    """Return the first version that has the create field ``name``."""
    return min((field.min_version for field in CREATE_FIELDS
                if field.name == name), default=None)
