"""Factories of database rows for the unit tests."""

from oslo_utils import uuidutils

from zun.common import consts
from zun.db import api as dbapi


def container_values(**overrides):
    """Return the column values of a typical container, with overrides."""
    values = {
        'uuid': uuidutils.generate_uuid(),
        'name': 'container-%s' % uuidutils.generate_uuid()[:8],
        'project_id': 'fake-project',
        'user_id': 'fake-user',
        'image': 'busybox:latest',
        'image_driver': 'docker',
        'command': ['sleep', '3600'],
        'cpu': 1.0,
        'memory': 512,
        'status': consts.CREATED,
        'task_state': None,
        'environment': {'LANG': 'C'},
        'labels': {'tier': 'web'},
        'restart_policy': {'Name': 'no', 'MaximumRetryCount': '0'},
        'interactive': False,
        'tty': False,
        'auto_remove': False,
        'privileged': False,
        'security_groups': [],
        'host': 'fake-host',
        'container_id': 'a' * 64,
    }
    values.update(overrides)
    return values


def create_container(context, **overrides):
    """Insert a container row and return it."""
    return dbapi.container_create(context, container_values(**overrides))


def create_action(context, container_uuid, action='create', **overrides):
    """Record an action of ``context``'s request and return its row."""
    values = {
        'action': action,
        'container_uuid': container_uuid,
        'request_id': context.request_id,
        'user_id': context.user_id,
        'project_id': context.project_id,
    }
    values.update(overrides)
    return dbapi.action_start(context, values)
