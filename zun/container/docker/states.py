"""Translation of the Docker engine's container states into zun statuses."""

import datetime

from oslo_utils import timeutils

from zun.common import consts

# Engine state (the ``State`` of a list entry, or ``State.Status`` of an
# inspect) to zun status.
_STATUS_BY_STATE = {
    'created': consts.CREATED,
    'running': consts.RUNNING,
    'paused': consts.PAUSED,
    'restarting': consts.RESTARTING,
    'removing': consts.STOPPED,
    'exited': consts.STOPPED,
    'dead': consts.DEAD,
}


def status_from_state(state):
    """Return the zun status of an engine state; Unknown when unknown."""
    return _STATUS_BY_STATE.get((state or '').lower(), consts.UNKNOWN)


def _parse_time(value):
    if not value or value.startswith('0001-01-01'):
        return None
    try:
        parsed = timeutils.parse_isotime(value)
    except ValueError:
        return None
    return timeutils.normalize_time(parsed)


def _humanize(delta):
    """Return a duration the way the Docker CLI prints one."""
    seconds = int(delta.total_seconds())
    if seconds < 1:
        return 'Less than a second'
    if seconds < 60:
        return '%d seconds' % seconds
    minutes = seconds // 60
    if minutes < 60:
        return 'About a minute' if minutes == 1 else '%d minutes' % minutes
    hours = minutes // 60
    if hours < 48:
        return 'About an hour' if hours == 1 else '%d hours' % hours
    return '%d days' % (hours // 24)


def status_detail_from_inspect(state, now=None):
    """Return a summary such as ``Up 5 minutes`` from an inspect State."""
    now = now or timeutils.utcnow()
    status = (state.get('Status') or '').lower()
    started = _parse_time(state.get('StartedAt'))
    finished = _parse_time(state.get('FinishedAt'))
    if status in ('running', 'paused', 'restarting') and started:
        detail = 'Up %s' % _humanize(now - started)
        if status == 'paused':
            detail += ' (Paused)'
        health = (state.get('Health') or {}).get('Status')
        if health:
            detail += ' (%s)' % health
        return detail
    if status == 'exited' and finished:
        return 'Exited (%s) %s ago' % (state.get('ExitCode'),
                                       _humanize(now - finished))
    if status == 'created':
        return 'Created'
    return status.capitalize() or None


def started_at_from_inspect(state):
    """Return the start time of an inspect State as a naive UTC datetime."""
    started = _parse_time(state.get('StartedAt'))
    if started is None:
        return None
    return started.replace(tzinfo=None) if isinstance(
        started, datetime.datetime) else None
