"""Parsers of the parameters of logs, top, execute and the TTY resizes.

Each parser converts first and checks ranges after, and raises
InvalidParameterValue naming the parameter and the rule.
"""

import re
import shlex

from zun.api import validation
from zun.common import exception
from zun.common import rfc3339

# Largest tail, in lines, that the API accepts.
MAX_TAIL = 2 ** 31 - 1
# 9999-12-31T23:59:59Z, the last second that RFC 3339 can write.
MAX_SINCE = 253402300799
_UNIX_TIME_RE = re.compile(r'([0-9]{1,12})(?:\.([0-9]{1,9}))?')

MAX_COMMAND_LENGTH = 65535


def _invalid(field, detail):
    return exception.InvalidParameterValue(field=field, detail=detail)


def parse_tail(value, field='tail'):
    """Return a number of lines, or None for ``all``."""
    if isinstance(value, str) and value.strip().lower() == 'all':
        return None
    try:
        return validation.parse_int(value, field, minimum=0,
                                    maximum=MAX_TAIL)
    except exception.InvalidParameterValue as exc:
        raise _invalid(field, "must be 'all' or a whole number of lines "
                              "from 0 to %d; %s" % (MAX_TAIL,
                                                    exc.kwargs['detail']))


def parse_since(value, field='since'):
    """Return seconds since the Unix epoch (a float), or None for 0.

    The value is a Unix timestamp with an optional fraction, such as
    ``1700000000.5``, or an RFC 3339 date-time such as
    ``2024-05-01T12:00:00.25+02:00``. A date-time without a zone is in UTC.
    """
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise _invalid(field, 'must be a Unix timestamp or an RFC 3339 '
                              'date-time')
    text = str(value).strip()
    if not text:
        raise _invalid(field, 'must not be empty; give a Unix timestamp or '
                              'an RFC 3339 date-time')
    match = _UNIX_TIME_RE.fullmatch(text)
    if match:
        seconds = int(match.group(1))
        fraction = match.group(2) or ''
        nanoseconds = int(fraction.ljust(9, '0')) if fraction else 0
    else:
        try:
            total_ns = rfc3339.parse_ns(text)
        except ValueError:
            raise _invalid(field, "'%s' is neither a Unix timestamp, such as "
                                  "1700000000.5, nor an RFC 3339 date-time, "
                                  "such as 2024-05-01T12:00:00Z" % text)
        seconds, nanoseconds = divmod(total_ns, rfc3339.NS_PER_SECOND)
    if seconds < 0:
        raise _invalid(field, "'%s' is before 1970-01-01T00:00:00Z" % text)
    if seconds > MAX_SINCE:
        raise _invalid(field, "'%s' is after 9999-12-31T23:59:59Z" % text)
    if not seconds and not nanoseconds:
        return None
    return seconds + nanoseconds / rfc3339.NS_PER_SECOND


def parse_logs_params(params):
    """Return the keyword arguments of a logs request."""
    stdout = validation.parse_bool(params.get('stdout', True), 'stdout')
    stderr = validation.parse_bool(params.get('stderr', True), 'stderr')
    if not stdout and not stderr:
        raise _invalid('stdout', 'stdout and stderr are both false; at least '
                                 'one of them must be true')
    since = params.get('since')
    return {
        'stdout': stdout,
        'stderr': stderr,
        'timestamps': validation.parse_bool(
            params.get('timestamps', False), 'timestamps'),
        'tail': parse_tail(params.get('tail', 'all')),
        'since': None if since is None else parse_since(since),
    }


# Keywords of the ps output formats (-o, o, --format) and sort keys that
# top accepts. Each names a column of procps-ng ps.
PS_KEYWORDS = frozenset((
    'args', 'c', 'class', 'cls', 'cmd', 'comm', 'command', 'cp', 'cputime',
    'egid', 'egroup', 'etime', 'etimes', 'euid', 'euser', 'f', 'flag',
    'flags', 'fname', 'gid', 'group', 'lstart', 'lwp', 'maj_flt', 'min_flt',
    'ni', 'nice', 'nlwp', 'pcpu', '%cpu', 'pgid', 'pgrp', 'pid', 'pmem',
    '%mem', 'policy', 'ppid', 'pri', 'priority', 'psr', 'rgid', 'rgroup',
    'rss', 'rssize', 'rsz', 'rtprio', 'ruid', 'ruser', 's', 'sid', 'size',
    'start', 'start_time', 'stat', 'state', 'stime', 'sz', 'tid', 'time',
    'tname', 'tt', 'tty', 'ucmd', 'uid', 'uname', 'user', 'vsize', 'vsz',
    'wchan',
))
# Single-letter options without a value. UNIX style takes a dash, BSD style
# none. Left out on purpose: BSD "e" (prints the environment of every
# process), "h" and --no-headers (without a header line the engine cannot
# find the PID column), "L" (lists keywords instead of processes).
PS_UNIX_FLAGS = frozenset('AacdefFHjlLMTwy')
PS_BSD_FLAGS = frozenset('acfHjlmrSsuvwx')
# Options that take a value in the next word or after "=".
_PS_FORMAT_OPTIONS = ('-o', '-O', 'o', 'O', '--format')
_PS_SORT_OPTIONS = ('--sort',)
_PS_PID_OPTIONS = ('-p', 'p', '--pid')
_PS_NUMBER_OPTIONS = ('--cols', '--columns', '--width')
_PS_VALUE_OPTIONS = (_PS_FORMAT_OPTIONS + _PS_SORT_OPTIONS + _PS_PID_OPTIONS
                     + _PS_NUMBER_OPTIONS)
_PS_PIDS_RE = re.compile(r'[0-9]+(?:,[0-9]+)*')
_PS_NUMBER_RE = re.compile(r'[0-9]{1,4}')
MAX_PS_ARGS_LENGTH = 256
PS_ARGS_HINT = ('allowed are UNIX flags -%s, BSD flags %s, -o/o/--format '
                'with ps keywords, -O/O, --sort, -p/p/--pid with PIDs, '
                '--forest and --cols/--width'
                % (''.join(sorted(PS_UNIX_FLAGS)),
                   ''.join(sorted(PS_BSD_FLAGS))))


def _ps_error(detail):
    return _invalid('ps_args', '%s; %s' % (detail, PS_ARGS_HINT))


def _ps_keywords(value, allow_sign=False):
    keywords = value.split(',')
    for keyword in keywords:
        name = keyword[1:] if allow_sign and keyword[:1] in '+-' else keyword
        if name not in PS_KEYWORDS:
            raise _ps_error("'%s' is not an allowed ps keyword" % keyword)
    return keywords


def _check_ps_value(option, value):
    """Check the value of an option; return the format keywords it sets."""
    if option in _PS_FORMAT_OPTIONS:
        keywords = _ps_keywords(value)
        # -O and O add columns to the default ones, which include PID.
        return [] if option in ('-O', 'O') else keywords
    if option in _PS_SORT_OPTIONS:
        _ps_keywords(value, allow_sign=True)
    elif option in _PS_PID_OPTIONS:
        if not _PS_PIDS_RE.fullmatch(value):
            raise _ps_error("'%s' is not a comma-separated list of PIDs"
                            % value)
    elif not _PS_NUMBER_RE.fullmatch(value):
        raise _ps_error("'%s' is not a width in columns" % value)
    return None


def _split_ps_option(word):
    """Return (option, attached value or None) when ``word`` takes a value.

    Handles ``-o pid``, ``-opid``, ``-eo pid`` and ``--format=pid`` alike.
    """
    if word.startswith('--'):
        option, equals, value = word.partition('=')
        if option in _PS_VALUE_OPTIONS:
            return option, value if equals else None
        return None
    if word in _PS_VALUE_OPTIONS:
        return word, None
    if not word.startswith('-'):
        return None
    # Flags may come first in the same word: -eo is -e -o.
    for index, letter in enumerate(word[1:], start=1):
        if letter in 'oOp':
            if not set(word[1:index]) <= PS_UNIX_FLAGS:
                raise _ps_error("'%s' is not an allowed ps option" % word)
            return '-' + letter, word[index + 1:] or None
    return None


def parse_ps_args(value, field='ps_args'):
    """Check ps arguments for top against an allow-list.

    The engine runs ``ps`` with these arguments, split at spaces, and keeps
    the rows of the container's processes. The allow-list admits options
    that choose columns, sort and select processes, and nothing that could
    make ps read other input or print no PID column.
    :returns: the words joined by single spaces, or None for the engine's
        default (``-ef``) when the value is empty or the text ``None``,
        which python-zunclient sends when no ps arguments were given.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise _invalid(field, 'must be a string of ps arguments')
    words = value.split()
    if not words or words == ['None']:
        return None
    if len(value) > MAX_PS_ARGS_LENGTH:
        raise _invalid(field, 'must be at most %d characters long'
                       % MAX_PS_ARGS_LENGTH)
    format_keywords = None
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        split = _split_ps_option(word)
        if split is not None:
            option, attached = split
            if attached is None:
                if index == len(words):
                    raise _ps_error("option '%s' needs a value" % option)
                attached = words[index]
                index += 1
            keywords = _check_ps_value(option, attached)
            if keywords is not None:
                format_keywords = (format_keywords or []) + keywords
        elif word == '--forest':
            continue
        elif word.startswith('-') and not word.startswith('--'):
            if len(word) < 2 or not set(word[1:]) <= PS_UNIX_FLAGS:
                raise _ps_error("'%s' is not an allowed ps option" % word)
        elif not set(word) <= PS_BSD_FLAGS:
            raise _ps_error("'%s' is not an allowed ps option" % word)
    if format_keywords and 'pid' not in format_keywords:
        raise _invalid(field, 'an output format must include the pid '
                              'column, which the engine needs to find the '
                              "container's processes")
    return ' '.join(words)


def parse_exec_command(value, field='command'):
    """Return the command of an execute request as a list of arguments.

    A string, as python-zunclient sends it, is split the way a POSIX shell
    splits words; a JSON list of strings is taken as it is.
    """
    if value is None:
        raise _invalid(field, 'is required; give the command to run')
    if isinstance(value, str):
        if len(value) > MAX_COMMAND_LENGTH:
            raise _invalid(field, 'must be at most %d characters long'
                           % MAX_COMMAND_LENGTH)
        try:
            command = shlex.split(value)
        except ValueError as exc:
            raise _invalid(field, 'cannot be split into arguments: %s' % exc)
    elif isinstance(value, list):
        if not all(isinstance(item, str) for item in value):
            raise _invalid(field, 'must be a list of strings')
        if sum(len(item) for item in value) > MAX_COMMAND_LENGTH:
            raise _invalid(field, 'must be at most %d characters long in '
                                  'total' % MAX_COMMAND_LENGTH)
        command = list(value)
    else:
        raise _invalid(field, 'must be a string or a list of strings')
    if not command or not command[0]:
        raise _invalid(field, 'must not be empty')
    return command


# Bounds of a TTY size in rows or columns; the kernel stores each in 16
# bits (struct winsize).
MIN_TTY_SIZE = 1
MAX_TTY_SIZE = 65535
# The engine's exec IDs are 64 hex digits.
MAX_EXEC_ID_LENGTH = 64


def parse_tty_size(params):
    """Return (height, width) from the ``h`` and ``w`` parameters.

    Both are required whole numbers of rows and columns from 1 to 65535.
    """
    size = []
    for field, meaning in (('h', 'height in rows'), ('w', 'width in columns')):
        value = params.get(field)
        if value is None:
            raise _invalid(field, 'is required; give the TTY %s' % meaning)
        size.append(validation.parse_int(value, field, minimum=MIN_TTY_SIZE,
                                         maximum=MAX_TTY_SIZE))
    return tuple(size)


def parse_exec_id(value, field='exec_id'):
    """Check the exec ID of an execute_resize request."""
    if value is None:
        raise _invalid(field, 'is required; give the exec_id that the '
                              'interactive execute returned')
    if not isinstance(value, str) or not value:
        raise _invalid(field, 'must be a non-empty string')
    if len(value) > MAX_EXEC_ID_LENGTH:
        raise _invalid(field, 'must be at most %d characters long'
                       % MAX_EXEC_ID_LENGTH)
    return value
