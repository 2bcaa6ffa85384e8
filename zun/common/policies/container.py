"""Policy rules of the container API (``container:*``)."""

from oslo_policy import policy

from zun.common.policies import base

PREFIX = 'container:%s'
COLLECTION = '/v1/containers'
MEMBER = '/v1/containers/{container_ident}'


def _rule(name, check_str, description, method, path):
    return policy.DocumentedRuleDefault(
        name=PREFIX % name,
        check_str=check_str,
        description=description,
        operations=[{'method': method, 'path': path}])


def _action(name, description, method='POST', path=None):
    """Return an owner-or-admin rule for an action on one container."""
    return _rule(name, base.RULE_ADMIN_OR_OWNER, description, method,
                 path or '%s/%s' % (MEMBER, name))


def _field_rule(field):
    """Return the admin-only rule that shows ``field`` of a container."""
    return _rule('get_one:%s' % field, base.RULE_ADMIN_API,
                 "Show the '%s' field of a container, and filter the "
                 "container list by it." % field, 'GET', MEMBER)


rules = [
    _rule('create', base.RULE_ADMIN_OR_OWNER, 'Create a container.',
          'POST', COLLECTION),
    _rule('create:runtime', base.RULE_ADMIN_API,
          'Create a container with a chosen runtime.', 'POST', COLLECTION),
    _rule('create:privileged', base.RULE_DENY_EVERYBODY,
          'Create a privileged container. Denied to everybody by default, '
          'because a privileged container controls the host.',
          'POST', COLLECTION),
    _rule('create:requested_destination', base.RULE_ADMIN_API,
          'Create a container on a chosen compute host.',
          'POST', COLLECTION),
    _rule('create:image_pull_policy', base.RULE_ADMIN_API,
          'Create a container with a chosen image pull policy.',
          'POST', COLLECTION),
    _rule('get_one', base.RULE_ADMIN_OR_OWNER, 'Show a container.',
          'GET', MEMBER),
    _rule('get_one_all_projects', base.RULE_ADMIN_API,
          'Show a container of any project.', 'GET', MEMBER),
    _field_rule('host'),
    _field_rule('image_pull_policy'),
    _field_rule('privileged'),
    _field_rule('runtime'),
    _rule('get_all', base.RULE_ADMIN_OR_OWNER,
          "List the containers of the caller's project.", 'GET', COLLECTION),
    _rule('get_all_all_projects', base.RULE_ADMIN_API,
          'List the containers of every project.', 'GET', COLLECTION),
    _rule('update', base.RULE_ADMIN_OR_OWNER, 'Update a container.',
          'PATCH', MEMBER),
    _rule('delete', base.RULE_ADMIN_OR_OWNER, 'Delete a container.',
          'DELETE', MEMBER),
    _rule('delete_all_projects', base.RULE_ADMIN_API,
          'Delete a container of any project.', 'DELETE', MEMBER),
    _rule('delete_force', base.RULE_ADMIN_API,
          'Delete a container whatever its status, ignoring engine errors.',
          'DELETE', MEMBER),
    _action('start', 'Start a container.'),
    _action('stop', 'Stop a container.'),
    _action('reboot', 'Restart a container.'),
    _action('rebuild', 'Rebuild a container from its image.'),
    _action('pause', 'Pause a container.'),
    _action('unpause', 'Unpause a container.'),
    _action('kill', 'Send a signal to a container.'),
    _action('rename', 'Rename a container.'),
    _action('logs', 'Show the logs of a container.', 'GET'),
    _action('execute', 'Run a command in a container.'),
    _action('execute_resize', 'Resize the TTY of an interactive command.'),
    _action('attach', 'Attach to the console of a container.', 'GET'),
    _action('resize', 'Resize the TTY of a container.'),
    _action('resize_container', 'Change the CPU and memory of a container.'),
    _action('top', 'List the processes of a container.', 'GET'),
    _action('get_archive', 'Copy files out of a container.', 'GET'),
    _action('put_archive', 'Copy files into a container.'),
    _action('stats', 'Show the resource usage of a container.', 'GET'),
    _action('commit', 'Create an image from a container.'),
    _action('add_security_group', 'Add a security group to a container.'),
    _action('remove_security_group',
            'Remove a security group from a container.'),
    _action('network_attach', 'Attach a container to a network.'),
    _action('network_detach', 'Detach a container from a network.'),
    _action('network_list', 'List the networks of a container.', 'GET'),
    _rule('actions', base.RULE_ADMIN_OR_OWNER,
          'List and show the action history of a container.', 'GET',
          MEMBER + '/container_actions'),
    _rule('action:events', base.RULE_ADMIN_API,
          'Show the tracebacks of failed action events.', 'GET',
          MEMBER + '/container_actions/{request_id}'),
]


def list_rules():
    return rules
