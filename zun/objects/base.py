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
        """Copy the fields of a database row into ``obj`` and return it.

        Values that the database returns in the field's own type are stored
        as they are. Every value was coerced when it was written, and
        coercing it again on each read made up most of the cost of listing
        1,000 containers. Times and floats are still coerced, because the
        database returns times without their UTC zone and may return a
        whole float as an integer.
        """
        coerced, stored = _row_fields(cls)
        for name in coerced:
            setattr(obj, name, getattr(db_obj, name))
        for name in stored:
            setattr(obj, ovo_base._get_attrname(name), getattr(db_obj, name))
        obj._context = context
        obj.obj_reset_changes()
        return obj

    @classmethod
    def _from_db_objects(cls, context, db_objects):
        return [cls._from_db_object(cls(context), row, context)
                for row in db_objects]


# Field types whose coercion changes a value read from the database.
_COERCED_TYPES = (ovo_fields.DateTime, ovo_fields.Float)
_ROW_FIELDS = {}


def _row_fields(cls):
    """Return (coerced, stored) field names of ``cls`` for _from_db_object."""
    if cls not in _ROW_FIELDS:
        coerced = tuple(name for name, field in cls.fields.items()
                        if isinstance(field._type, _COERCED_TYPES))
        stored = tuple(name for name in cls.fields if name not in coerced)
        _ROW_FIELDS[cls] = (coerced, stored)
    return _ROW_FIELDS[cls]


class ZunPersistentObject:
    """Mixin with the created_at and updated_at fields of every table."""

    fields = {
        'created_at': ovo_fields.DateTimeField(nullable=True),
        'updated_at': ovo_fields.DateTimeField(nullable=True),
    }


class ZunObjectSerializer(ovo_base.VersionedObjectSerializer):
    OBJ_BASE_CLASS = ZunObject
