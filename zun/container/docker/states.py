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
    """Return a duration the way the Docker CLI prints one.

    The steps follow HumanDuration of github.com/docker/go-units, which
    ``docker ps`` uses: seconds, then minutes, rounded hours, days below two
    weeks, weeks below about two months, months below two years, years.
    """
    seconds = int(delta.total_seconds())
    if seconds < 1:
        return 'Less than a second'
    if seconds == 1:
        return '1 second'
    if seconds < 60:
        return '%d seconds' % seconds
    minutes = seconds // 60
    if minutes == 1:
        return 'About a minute'
    if minutes < 60:
        return '%d minutes' % minutes
    hours = int(delta.total_seconds() / 3600 + 0.5)
    if hours == 1:
        return 'About an hour'
    if hours < 48:
        return '%d hours' % hours
    if hours < 24 * 7 * 2:
        return '%d days' % (hours // 24)
    if hours < 24 * 30 * 2:
        return '%d weeks' % (hours // (24 * 7))
    if hours < 24 * 365 * 2:
        return '%d months' % (hours // (24 * 30))
    return '%d years' % (seconds // (3600 * 24 * 365))


def _health_label(state):
    health = (state.get('Health') or {}).get('Status')
    if health == 'starting':
        return 'health: starting'
    return health


def _running_detail(status, state, started, now):
    detail = 'Up %s' % _humanize(now - started)
    if status == 'paused':
        return detail + ' (Paused)'
    health = _health_label(state)
    if health:
        detail += ' (%s)' % health
    return detail


def status_detail_from_inspect(state, now=None):
    """Return a summary such as ``Up 5 minutes`` from an inspect State.

    The wording is that of the STATUS column of ``docker ps``.
    """
    now = now or timeutils.utcnow()
    status = (state.get('Status') or '').lower()
    started = _parse_time(state.get('StartedAt'))
    finished = _parse_time(state.get('FinishedAt'))
    if status == 'restarting' and finished:
        return 'Restarting (%s) %s ago' % (state.get('ExitCode'),
                                           _humanize(now - finished))
    if status in ('running', 'paused', 'restarting') and started:
        return _running_detail(status, state, started, now)
    if status == 'removing':
        return 'Removal In Progress'
    if status == 'dead':
        return 'Dead'
    if status == 'created' or (status == 'exited' and started is None):
        return 'Created'
    if status == 'exited' and finished:
        return 'Exited (%s) %s ago' % (state.get('ExitCode'),
                                       _humanize(now - finished))
    return status.capitalize() or None


def started_at_from_inspect(state):
    """Return the start time of an inspect State as a naive UTC datetime."""
    started = _parse_time(state.get('StartedAt'))
    if started is None:
        return None
    return started.replace(tzinfo=None) if isinstance(
        started, datetime.datetime) else None
