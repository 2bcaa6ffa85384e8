"""The ComputeNode object: the resources of one compute host."""

from zun.db import api as dbapi
from zun.objects import base
from zun.objects import fields


@base.ZunObjectRegistry.register
class ComputeNode(base.ZunPersistentObject, base.ZunObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'hostname': fields.StringField(),
        'mem_total': fields.IntegerField(),
        'mem_free': fields.IntegerField(),
        'mem_available': fields.IntegerField(),
        'mem_used': fields.IntegerField(),
        'cpus': fields.IntegerField(),
        'cpu_used': fields.FloatField(),
        'disk_total': fields.IntegerField(),
        'disk_used': fields.IntegerField(),
        'disk_quota_supported': fields.BooleanField(),
        'total_containers': fields.IntegerField(),
        'running_containers': fields.IntegerField(),
        'paused_containers': fields.IntegerField(),
        'stopped_containers': fields.IntegerField(),
        'architecture': fields.StringField(nullable=True),
        'os_type': fields.StringField(nullable=True),
        'os': fields.StringField(nullable=True),
        'kernel_version': fields.StringField(nullable=True),
        'labels': fields.DictOfStringsField(nullable=True),
        'runtimes': fields.ListOfStringsField(nullable=True),
    }

    @classmethod
    def get_by_hostname(cls, context, hostname):
        row = dbapi.compute_node_get(context, hostname)
        return cls._from_db_object(cls(context), row, context)

    @classmethod
    def list(cls, context):
        return cls._from_db_objects(context, dbapi.compute_node_list(context))

    @classmethod
    def report(cls, context, hostname, values):
        """Create or update the node of ``hostname`` with ``values``."""
        row = dbapi.compute_node_upsert(context, hostname, values)
        return cls._from_db_object(cls(context), row, context)
