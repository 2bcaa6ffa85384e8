"""The Container object."""

from zun.common import context as zun_context
from zun.db import api as dbapi
from zun.objects import base
from zun.objects import fields


@base.ZunObjectRegistry.register
class Container(base.ZunPersistentObject, base.ZunObject):
    # Version 1.0: Initial version
    # Version 1.1: task_state may be container_updating or
    #              container_committing
    VERSION = '1.1'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'container_id': fields.StringField(nullable=True),
        'name': fields.StringField(),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'image': fields.StringField(nullable=True),
        'image_driver': fields.StringField(nullable=True),
        'image_pull_policy': fields.StringField(nullable=True),
        'command': fields.ListOfStringsField(nullable=True),
        'entrypoint': fields.ListOfStringsField(nullable=True),
        'cpu': fields.FloatField(nullable=True),
        'cpu_policy': fields.StringField(nullable=True),
        # Memory limit in MiB.
        'memory': fields.IntegerField(nullable=True),
        # Disk limit in GiB.
        'disk': fields.IntegerField(nullable=True),
        'status': fields.ContainerStatusField(nullable=True),
        'status_reason': fields.StringField(nullable=True),
        'status_detail': fields.StringField(nullable=True),
        'task_state': fields.TaskStateField(nullable=True),
        'environment': fields.DictOfStringsField(nullable=True),
        'workdir': fields.StringField(nullable=True),
        'ports': fields.JsonField(nullable=True),
        'hostname': fields.StringField(nullable=True),
        'labels': fields.DictOfStringsField(nullable=True),
        'restart_policy': fields.DictOfStringsField(nullable=True),
        'interactive': fields.BooleanField(nullable=True),
        'tty': fields.BooleanField(nullable=True),
        'auto_remove': fields.BooleanField(nullable=True),
        'auto_heal': fields.BooleanField(nullable=True),
        'runtime': fields.StringField(nullable=True),
        'privileged': fields.BooleanField(nullable=True),
        'healthcheck': fields.JsonField(nullable=True),
        'exposed_ports': fields.JsonField(nullable=True),
        'addresses': fields.JsonField(nullable=True),
        'security_groups': fields.ListOfStringsField(nullable=True),
        'requested_networks': fields.JsonField(nullable=True),
        'mounts': fields.JsonField(nullable=True),
        'hints': fields.DictOfStringsField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'registry_id': fields.IntegerField(nullable=True),
        'started_at': fields.DateTimeField(nullable=True),
    }

    @classmethod
    def get_by_uuid(cls, context, uuid):
        """Return the container with this UUID in the caller's scope."""
        row = dbapi.container_get_by_uuid(context, uuid)
        return cls._from_db_object(cls(context), row, context)

    @classmethod
    def get_by_name(cls, context, name):
        """Return the container with this name in the caller's scope."""
        row = dbapi.container_get_by_name(context, name)
        return cls._from_db_object(cls(context), row, context)

    @classmethod
    def list(cls, context, filters=None, limit=None, marker=None,
             sort_key='id', sort_dir='asc'):
        """Return a page of containers in the caller's scope."""
        rows = dbapi.container_list(context, filters=filters, limit=limit,
                                    marker=marker, sort_key=sort_key,
                                    sort_dir=sort_dir)
        return cls._from_db_objects(context, rows)

    @classmethod
    def list_by_host(cls, context, host):
        """Return every container on ``host``, whatever its project."""
        rows = dbapi.container_list_by_host(context, host)
        return cls._from_db_objects(context, rows)

    @classmethod
    def claim(cls, context, uuid, action, allowed_statuses, task_state,
              status=None, ignore_task_state=False, values=None):
        """Claim a container for an action; see dbapi.container_claim."""
        row = dbapi.container_claim(
            context, uuid, action, allowed_statuses, task_state,
            status=status, ignore_task_state=ignore_task_state,
            values=values)
        return cls._from_db_object(cls(context), row, context)

    def create(self, context):
        """Insert this container and load the values the database set."""
        values = self.obj_get_changes()
        row = dbapi.container_create(context, values)
        self._from_db_object(self, row, context)

    def save(self, context=None):
        """Write the changed fields to the database."""
        updates = self.obj_get_changes()
        if not updates:
            return
        row = dbapi.container_update(context or self._context, self.uuid,
                                     updates)
        self._from_db_object(self, row, context or self._context)

    def save_if(self, expected, context=None):
        """Write the changed fields only if the row has ``expected`` values.

        :returns: True when the write happened.
        """
        updates = self.obj_get_changes()
        written = dbapi.container_update_if(context or self._context,
                                            self.uuid, expected, updates)
        if written:
            self.obj_reset_changes()
        return written

    def refresh(self, context=None):
        """Reload every field from the database."""
        row = dbapi.container_get_by_uuid(zun_context.get_admin_context(),
                                          self.uuid)
        self._from_db_object(self, row, context or self._context)

    def destroy(self, context=None):
        """Delete this container and its action history."""
        dbapi.container_destroy(context or self._context, self.uuid)
        self.obj_reset_changes()

