"""Return the memory that a burst of requests freed to the system.

glibc keeps the memory that Python frees in its heaps, one per thread
that allocated, for reuse. After a burst of large requests, such as
lists of 1,000 containers from several clients at once, an API worker
would keep that peak resident for the rest of its life. ``malloc_trim``
returns the free pages to the system; a daemon thread calls it a few
seconds after the requests stop.
"""

import ctypes
import ctypes.util
import os
import threading

from oslo_log import log as logging

LOG = logging.getLogger(__name__)

# Seconds between two checks for requests since the last trim.
TRIM_INTERVAL = 5.0

# glibc's mallopt() parameter number of M_ARENA_MAX, from malloc.h.
_M_ARENA_MAX = -8
# Heaps that glibc may keep; its default is 8 per core.
ARENA_MAX = 2


def _libc_function(name):
    library = ctypes.util.find_library('c')
    if library is None:
        return None
    try:
        return getattr(ctypes.CDLL(library), name)
    except (OSError, AttributeError):
        # Not glibc, say musl, which has neither function.
        return None


def _load_trim():
    return _libc_function('malloc_trim')


def limit_malloc_arenas():
    """Let glibc keep at most ARENA_MAX heaps for this process's threads.

    With one heap per thread, memory that one request thread freed cannot
    serve the next request on another thread, and the process grows. The
    MALLOC_ARENA_MAX environment variable, when set, takes precedence.
    Call it before the process starts its threads.
    """
    if os.environ.get('MALLOC_ARENA_MAX'):
        return
    mallopt = _libc_function('mallopt')
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, ARENA_MAX)


class Trimmer:
    """Trim the heaps once after each period that saw a request."""

    def __init__(self, interval=TRIM_INTERVAL):
        self._interval = interval
        self._trim = _load_trim()
        self._busy = False
        self._stop = threading.Event()
        self._thread = None

    def note_request(self):
        self._busy = True

    def start(self):
        if self._trim is None:
            LOG.debug('malloc_trim is not available; freed memory stays '
                      'with the allocator')
            return
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name='malloc-trim')
        self._thread.start()

    def stop(self):
        self._stop.set()

    def _run(self):
        while not self._stop.wait(self._interval):
            if self._busy:
                self._busy = False
                self._trim(0)


class TrimMiddleware:
    """WSGI middleware that reports each request to a Trimmer."""

    def __init__(self, application, trimmer):
        self._application = application
        self._trimmer = trimmer

    def __call__(self, environ, start_response):
        self._trimmer.note_request()
        return self._application(environ, start_response)
