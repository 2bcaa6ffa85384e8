"""Tests of the periodic task runner."""

import threading

from zun.common import periodic
from zun.tests import base


class TestPeriodicTask(base.TestCase):

    def _task(self, func, interval=0.01, initial_delay=0):
        task = periodic.PeriodicTask('test-task', func, interval,
                                     initial_delay=initial_delay)
        self.addCleanup(task.stop, 5)
        return task

    def test_runs_repeatedly(self):
        calls = []
        done = threading.Event()

        def count():
            calls.append(1)
            if len(calls) >= 3:
                done.set()

        self._task(count).start()
        self.assertTrue(done.wait(5))

    def test_survives_failure(self):
        calls = []
        done = threading.Event()

        def fail_once():
            calls.append(1)
            if len(calls) == 1:
                raise RuntimeError('first run fails')
            done.set()

        self._task(fail_once).start()
        self.assertTrue(done.wait(5))

    def test_stop_before_initial_delay(self):
        calls = []
        task = self._task(lambda: calls.append(1), initial_delay=60)
        task.start()
        task.stop(5)
        self.assertEqual([], calls)

    def test_stop_ends_thread(self):
        task = self._task(lambda: None)
        task.start()
        task.stop(5)
        self.assertFalse(task._thread.is_alive())

    def test_stop_without_start(self):
        self._task(lambda: None).stop(1)
