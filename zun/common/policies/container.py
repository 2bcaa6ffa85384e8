"""Policy rules of the container API (``container:*``).

Every rule is for project-scoped tokens (``scope_types=['project']``), the
tokens that python-zunclient and the openstack CLI get. A system- or
domain-scoped token fails every container rule with 403.

The target of a rule on one container is the container's project and
user. The target of a rule on the collection is the caller's own project.
"""

from oslo_policy import policy

from zun.common.policies import base

PREFIX = 'container:%s'
COLLECTION = '/v1/containers'
MEMBER = '/v1/containers/{container_ident}'
SCOPE_TYPES = ['project']


def _rule(name, check_str, description, operations):
    return policy.DocumentedRuleDefault(
        name=PREFIX % name,
        check_str=check_str,
        description=description,
        operations=[{'method': method, 'path': path}
                    for method, path in operations],
        scope_types=SCOPE_TYPES)


def _read(name, description, method='GET', path=None):
    """Return a rule that readers of the owning project pass."""
    return _rule(name, base.RULE_ADMIN_OR_READER, description,
                 [(method, path or '%s/%s' % (MEMBER, name))])


def _act(name, description, method='POST', path=None):
    """Return a rule that only members of the owning project pass."""
    return _rule(name, base.RULE_ADMIN_OR_MEMBER, description,
                 [(method, path or '%s/%s' % (MEMBER, name))])


def _admin(name, description, operations):
    return _rule(name, base.RULE_ADMIN_API, description, operations)


def _field_rule(field):
    """Return the admin-only rule that shows ``field`` of a container."""
    operations = [('GET', MEMBER), ('GET', COLLECTION)]
    if field == 'host':
        description = ("Show the 'host' field of a container, and filter "
                       "the container list by host.")
    else:
        description = "Show the '%s' field of a container." % field
    return _admin('get_one:%s' % field, description, operations)


rules = [
    _act('create', "Create a container in the caller's project.",
         path=COLLECTION),
    _admin('create:runtime', 'Create a container with a chosen runtime.',
           [('POST', COLLECTION)]),
    _rule('create:privileged', base.RULE_DENY_EVERYBODY,
          'Create a privileged container. Denied to everybody by default, '
          'administrators included, because a privileged container '
          'controls the host.',
          [('POST', COLLECTION)]),
    _admin('create:requested_destination',
           'Create a container on a chosen compute host.',
           [('POST', COLLECTION)]),
    _admin('create:image_pull_policy',
           'Create a container with a chosen image pull policy.',
           [('POST', COLLECTION)]),
    _read('get_one', 'Show a container.', path=MEMBER),
    _admin('get_one_all_projects',
           'Show a container of any project, or run an action on it, '
           'with all_projects=true.',
           [('GET', MEMBER), ('POST', MEMBER + '/{action}')]),
    _field_rule('host'),
    _field_rule('image_pull_policy'),
    _field_rule('privileged'),
    _field_rule('runtime'),
    _read('get_all', "List the containers of the caller's project.",
          path=COLLECTION),
    _admin('get_all_all_projects',
           'List the containers of every project with all_projects=true.',
           [('GET', COLLECTION)]),
    _act('update', 'Change the CPU, memory, name or auto_heal of a '
         'container.', method='PATCH', path=MEMBER),
    _act('delete', 'Delete a container.', method='DELETE', path=MEMBER),
    _admin('delete_all_projects',
           'Delete a container of any project with all_projects=true.',
           [('DELETE', MEMBER)]),
    _admin('delete_force',
           'Delete a container whatever its status, ignoring engine '
           'errors (force=true).',
           [('DELETE', MEMBER)]),
    _act('start', 'Start a container.'),
    _act('stop', 'Stop a container.'),
    _act('reboot', 'Restart a container.'),
    _act('rebuild', 'Rebuild a container from its image.'),
    _act('pause', 'Pause a container.'),
    _act('unpause', 'Unpause a container.'),
    _act('kill', 'Send a signal to a container.'),
    _act('rename', 'Rename a container.'),
    _read('logs', 'Show the logs of a container.'),
    _act('execute', 'Run a command in a container.'),
    _act('execute_resize', 'Resize the TTY of an interactive command.'),
    _act('attach', 'Attach to the console of a container, which lets the '
         'caller write to its input.', method='GET'),
    _act('resize', 'Resize the TTY of a container.'),
    _act('resize_container', 'Change the CPU and memory of a container.'),
    _read('top', 'List the processes of a container.'),
    _read('get_archive', 'Copy files out of a container.'),
    _act('put_archive', 'Copy files into a container.'),
    _read('stats', 'Show the resource usage of a container.'),
    _act('commit', 'Create an image from a container.'),
    _act('add_security_group', 'Add a security group to a container.'),
    _act('remove_security_group',
         'Remove a security group from a container.'),
    _act('network_attach', 'Attach a container to a network.'),
    _act('network_detach', 'Detach a container from a network.'),
    _read('network_list', 'List the networks of a container.'),
    _rule('actions', base.RULE_ADMIN_OR_READER,
          'List and show the action history of a container.',
          [('GET', MEMBER + '/container_actions'),
           ('GET', MEMBER + '/container_actions/{request_id}')]),
    _admin('action:events', 'Show the tracebacks of failed action events.',
           [('GET', MEMBER + '/container_actions/{request_id}')]),
]


def list_rules():
    return rules
