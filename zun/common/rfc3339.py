"""Parsing of RFC 3339 date-times with nanoseconds.

The Docker engine writes times with up to nine fractional digits, which
``datetime`` cannot hold, so times here are integer nanoseconds since the
Unix epoch.
"""

import calendar
import datetime
import re

NS_PER_SECOND = 1000000000

_DATETIME_RE = re.compile(
    r'([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})'
    r'(?:\.([0-9]{1,9}))?(Z|z|[+-][0-9]{2}:[0-9]{2})?')


def parse_ns(text):
    """Return nanoseconds since the Unix epoch of an RFC 3339 date-time.

    A date-time without a zone is taken as UTC. The separator between date
    and time may be ``T``, ``t`` or a space, as RFC 3339 allows.
    :raises ValueError: when ``text`` is not such a date-time, or names a
        day or time that does not exist, such as February 30.
    """
    match = _DATETIME_RE.fullmatch(text)
    if match is None:
        raise ValueError('%r is not an RFC 3339 date-time' % text)
    year, month, day, hour, minute, second = (int(part)
                                              for part in match.groups()[:6])
    # datetime checks the ranges of every field; the leap second 60 is
    # rejected with them.
    datetime.datetime(year, month, day, hour, minute, second)
    seconds = calendar.timegm((year, month, day, hour, minute, second))
    zone = match.group(8)
    if zone and zone not in ('Z', 'z'):
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        if hours > 23 or minutes > 59:
            raise ValueError('%r has an invalid zone offset' % text)
        offset = hours * 3600 + minutes * 60
        seconds -= offset if zone[0] == '+' else -offset
    fraction = match.group(7) or ''
    nanoseconds = int(fraction.ljust(9, '0')) if fraction else 0
    return seconds * NS_PER_SECOND + nanoseconds
