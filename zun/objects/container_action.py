"""The ContainerAction and ContainerActionEvent objects.

An action is one request on a container (create, start, ...), recorded by
the API. Its events are the steps that zun-compute runs for it.
"""

import traceback as tb

from oslo_utils import timeutils

from zun.common import consts
from zun.db import api as dbapi
from zun.objects import base
from zun.objects import fields


@base.ZunObjectRegistry.register
class ContainerAction(base.ZunPersistentObject, base.ZunObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'action': fields.StringField(nullable=True),
        'container_uuid': fields.UUIDField(),
        'request_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'message': fields.StringField(nullable=True),
    }

    @classmethod
    def action_start(cls, context, container_uuid, action):
        """Record that ``context`` started ``action`` on a container now."""
        values = {
            'action': action,
            'container_uuid': container_uuid,
            'request_id': context.request_id,
            'user_id': context.user_id,
            'project_id': context.project_id,
            'start_time': timeutils.utcnow(),
        }
        row = dbapi.action_start(context, values)
        return cls._from_db_object(cls(context), row, context)

    @classmethod
    def action_finish(cls, context, container_uuid, failed=False):
        """Record that the action of ``context``'s request has finished.

        A failed action gets the message ``Error``, as in Zun.
        """
        message = consts.EVENT_ERROR if failed else None
        dbapi.action_finish(context, container_uuid, context.request_id,
                            message=message)

    @classmethod
    def get_by_request_id(cls, context, container_uuid, request_id):
        """Return one action of a container, or None."""
        row = dbapi.action_get_by_request_id(context, container_uuid,
                                             request_id)
        if row is None:
            return None
        return cls._from_db_object(cls(context), row, context)

    @classmethod
    def get_by_container_uuid(cls, context, container_uuid):
        """Return the actions of a container, newest first."""
        rows = dbapi.actions_get(context, container_uuid)
        return cls._from_db_objects(context, rows)


@base.ZunObjectRegistry.register
class ContainerActionEvent(base.ZunPersistentObject, base.ZunObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'event': fields.StringField(nullable=True),
        'action_id': fields.IntegerField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'result': fields.StringField(nullable=True),
        'traceback': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
    }

    @classmethod
    def event_start(cls, context, container_uuid, event_name):
        """Record the start of a step of the current request's action."""
        values = {
            'container_uuid': container_uuid,
            'request_id': context.request_id,
            'event': event_name,
            'start_time': timeutils.utcnow(),
        }
        row = dbapi.action_event_start(context, values)
        return cls._from_db_object(cls(context), row, context)

    def finish(self, exc_value=None, exc_tb=None):
        """Record the result of this step: Success, or Error with details."""
        if exc_value is None:
            row = dbapi.action_event_finish(self._context, self.id,
                                            consts.EVENT_SUCCESS)
        else:
            trace = None
            if exc_tb is not None:
                trace = ''.join(tb.format_exception(
                    type(exc_value), exc_value, exc_tb))
            row = dbapi.action_event_finish(
                self._context, self.id, consts.EVENT_ERROR,
                traceback=trace, details=str(exc_value))
        self._from_db_object(self, row, self._context)

    @classmethod
    def get_by_action(cls, context, action_id):
        """Return the events of an action, newest first."""
        rows = dbapi.action_events_get(context, action_id)
        return cls._from_db_objects(context, rows)
