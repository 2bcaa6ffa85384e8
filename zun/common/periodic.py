"""Periodic tasks on plain threads."""

import threading

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class PeriodicTask:
    """Call a function every ``interval`` seconds on a daemon thread.

    A failing call is logged and the task goes on at the next interval.
    """

    def __init__(self, name, func, interval, initial_delay=0):
        self.name = name
        self._func = func
        self._interval = interval
        self._initial_delay = initial_delay
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name,
                                        daemon=True)

    def start(self):
        self._thread.start()

    def stop(self, timeout=None):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self):
        if self._stop.wait(self._initial_delay):
            return
        while not self._stop.is_set():
            try:
                self._func()
            except Exception:
                LOG.exception('Periodic task %s failed', self.name)
            if self._stop.wait(self._interval):
                return
