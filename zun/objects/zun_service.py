"""The ZunService object: a running service and its heartbeat."""

from oslo_config import cfg
from oslo_utils import timeutils

from zun.common import exception
from zun.db import api as dbapi
from zun.objects import base
from zun.objects import fields

CONF = cfg.CONF


@base.ZunObjectRegistry.register
class ZunService(base.ZunPersistentObject, base.ZunObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'host': fields.StringField(),
        'binary': fields.StringField(),
        'disabled': fields.BooleanField(),
        'disabled_reason': fields.StringField(nullable=True),
        'forced_down': fields.BooleanField(),
        'last_seen_up': fields.DateTimeField(nullable=True),
        'report_count': fields.IntegerField(),
        'availability_zone': fields.StringField(nullable=True),
    }

    @classmethod
    def get(cls, context, host, binary):
        row = dbapi.service_get(context, host, binary)
        return cls._from_db_object(cls(context), row, context)

    @classmethod
    def list(cls, context, binary=None):
        return cls._from_db_objects(context,
                                    dbapi.service_list(context, binary))

    @classmethod
    def register(cls, context, host, binary, availability_zone):
        """Create the service row, or refresh it after a restart."""
        values = {'availability_zone': availability_zone,
                  'last_seen_up': timeutils.utcnow()}
        try:
            row = dbapi.service_create(context, dict(
                values, host=host, binary=binary, disabled=False,
                forced_down=False, report_count=0))
        except exception.ServiceAlreadyExists:
            row = dbapi.service_update(context, host, binary, values)
        return cls._from_db_object(cls(context), row, context)

    def is_up(self):
        """Return whether the service reported within service_down_time."""
        if self.forced_down or self.last_seen_up is None:
            return False
        last_seen = timeutils.normalize_time(self.last_seen_up)
        elapsed = timeutils.delta_seconds(last_seen, timeutils.utcnow())
        return abs(elapsed) <= CONF.service_down_time
