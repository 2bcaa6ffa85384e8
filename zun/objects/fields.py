"""Field types of zun's versioned objects."""

from oslo_serialization import jsonutils
from oslo_versionedobjects import fields

from zun.common import consts

# Re-exported so that object modules import their fields from one place.
BooleanField = fields.BooleanField
DateTimeField = fields.DateTimeField
DictOfStringsField = fields.DictOfStringsField
FloatField = fields.FloatField
IntegerField = fields.IntegerField
ListOfIntegersField = fields.ListOfIntegersField
ListOfStringsField = fields.ListOfStringsField
StringField = fields.StringField
UUIDField = fields.UUIDField


class ContainerStatus(fields.Enum):
    ALL = consts.CONTAINER_STATUSES

    def __init__(self):
        super().__init__(valid_values=self.ALL)


class ContainerStatusField(fields.BaseEnumField):
    AUTO_TYPE = ContainerStatus()


class TaskState(fields.Enum):
    ALL = consts.TASK_STATES

    def __init__(self):
        super().__init__(valid_values=self.ALL)


class TaskStateField(fields.BaseEnumField):
    AUTO_TYPE = TaskState()


class Json(fields.FieldType):
    """Any value that JSON can encode: dicts, lists, strings, numbers."""

    def coerce(self, obj, attr, value):
        try:
            jsonutils.dumps(value)
        except (TypeError, ValueError) as exc:
            raise ValueError('%s is not JSON serializable: %s'
                             % (attr, exc))
        return value


class JsonField(fields.AutoTypedField):
    AUTO_TYPE = Json()
