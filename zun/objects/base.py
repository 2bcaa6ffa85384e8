"""Base classes of zun's versioned objects."""

from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import fields as ovo_fields

NAMESPACE = 'zun_object'


class ZunObjectRegistry(ovo_base.VersionedObjectRegistry):
    pass


class ZunObject(ovo_base.VersionedObject):
    """Base of every zun object.

    Objects talk to the database directly; zun has no conductor, so
    remotable methods run where they are called.
    """

    OBJ_SERIAL_NAMESPACE = 'zun_object'
    OBJ_PROJECT_NAMESPACE = NAMESPACE

    def as_dict(self):
        return {name: getattr(self, name)
                for name in self.fields if self.obj_attr_is_set(name)}

    @classmethod
    def _from_db_object(cls, obj, db_obj, context=None):
        """Copy the fields of a database row into ``obj`` and return it."""
        for name in obj.fields:
            setattr(obj, name, getattr(db_obj, name))
        obj._context = context
        obj.obj_reset_changes()
        return obj

    @classmethod
    def _from_db_objects(cls, context, db_objects):
        return [cls._from_db_object(cls(context), row, context)
                for row in db_objects]


class ZunPersistentObject:
    """Mixin with the created_at and updated_at fields of every table."""

    fields = {
        'created_at': ovo_fields.DateTimeField(nullable=True),
        'updated_at': ovo_fields.DateTimeField(nullable=True),
    }


class ZunObjectSerializer(ovo_base.VersionedObjectSerializer):
    OBJ_BASE_CLASS = ZunObject
