"""Response views of the action history of a container."""

from zun.api.views import containers as containers_view

ACTION_FIELDS = ('action', 'container_uuid', 'request_id', 'user_id',
                 'project_id', 'start_time', 'finish_time', 'message')
EVENT_FIELDS = ('event', 'start_time', 'finish_time', 'result', 'traceback')
TIME_FIELDS = ('start_time', 'finish_time')

# Microversion that added finish_time to actions.
FINISH_TIME_VERSION = '1.33'


def _format(record, fields):
    view = {}
    for field in fields:
        value = getattr(record, field)
        if field in TIME_FIELDS:
            value = containers_view.format_timestamp(value)
        view[field] = value
    return view


def format_action(action, version):
    """Return the view of one action; finish_time only from 1.33."""
    view = _format(action, ACTION_FIELDS)
    if version < FINISH_TIME_VERSION:
        del view['finish_time']
    return view


def format_action_with_events(action, version, events, show_traceback):
    """Return the view of an action with its events, newest first.

    :param show_traceback: whether the caller may read the tracebacks of
        failed events; without it the ``traceback`` key is left out.
    """
    view = format_action(action, version)
    view['events'] = []
    for event in events:
        event_view = _format(event, EVENT_FIELDS)
        if not show_traceback:
            del event_view['traceback']
        view['events'].append(event_view)
    return view
