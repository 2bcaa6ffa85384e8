"""The ExecInstance object: an exec that the websocket proxy may start."""

from zun.db import api as dbapi
from zun.objects import base
from zun.objects import fields


@base.ZunObjectRegistry.register
class ExecInstance(base.ZunPersistentObject, base.ZunObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'container_uuid': fields.UUIDField(),
        # The engine's ID of the exec.
        'exec_id': fields.StringField(),
    }

    @classmethod
    def get(cls, context, container_uuid, exec_id):
        """Return the exec of a container, or raise ExecInstanceNotFound."""
        row = dbapi.exec_instance_get(context, container_uuid, exec_id)
        return cls._from_db_object(cls(context), row, context)

    def create(self, context):
        """Insert this exec and load the values the database set."""
        row = dbapi.exec_instance_create(context, self.obj_get_changes())
        self._from_db_object(self, row, context)
