"""Tests of the return of freed memory to the system."""

import threading
from unittest import mock

import fixtures

from zun.common import memory
from zun.tests import base


class TestTrimmer(base.TestCase):

    def setUp(self):
        super().setUp()
        self.trimmed = threading.Event()
        self.trim = mock.Mock(side_effect=lambda pad: self.trimmed.set())
        self.useFixture(fixtures.MockPatchObject(
            memory, '_load_trim', return_value=self.trim))
        self.trimmer = memory.Trimmer(interval=0.05)
        self.addCleanup(self.trimmer.stop)

    def test_trims_after_request(self):
        self.trimmer.start()
        self.trimmer.note_request()
        self.assertTrue(self.trimmed.wait(10))
        self.trim.assert_called_with(0)

    def test_trims_once_per_busy_period(self):
        self.trimmer.start()
        self.trimmer.note_request()
        self.assertTrue(self.trimmed.wait(10))
        # Several more periods pass without a request.
        self.trimmer._stop.wait(0.3)
        self.assertEqual(1, self.trim.call_count)

    def test_idle_process_not_trimmed(self):
        self.trimmer.start()
        self.assertFalse(self.trimmed.wait(0.3))

    def test_without_trim_no_thread(self):
        self.useFixture(fixtures.MockPatchObject(
            memory, '_load_trim', return_value=None))
        trimmer = memory.Trimmer(interval=0.05)
        trimmer.start()
        self.assertIsNone(trimmer._thread)


class TestTrimMiddleware(base.TestCase):

    def test_notes_request_and_passes_through(self):
        trimmer = mock.create_autospec(memory.Trimmer, instance=True)
        application = mock.Mock(return_value=[b'body'])
        middleware = memory.TrimMiddleware(application, trimmer)
        result = middleware({'PATH_INFO': '/'}, mock.sentinel.start)
        self.assertEqual([b'body'], result)
        application.assert_called_once_with({'PATH_INFO': '/'},
                                            mock.sentinel.start)
        trimmer.note_request.assert_called_once_with()


class TestArenaLimit(base.TestCase):

    def test_sets_arena_max(self):
        mallopt = mock.Mock()
        self.useFixture(fixtures.EnvironmentVariable('MALLOC_ARENA_MAX'))
        self.useFixture(fixtures.MockPatchObject(
            memory, '_libc_function', return_value=mallopt))
        memory.limit_malloc_arenas()
        mallopt.assert_called_once_with(-8, memory.ARENA_MAX)

    def test_environment_wins(self):
        mallopt = mock.Mock()
        self.useFixture(fixtures.EnvironmentVariable('MALLOC_ARENA_MAX', '4'))
        self.useFixture(fixtures.MockPatchObject(
            memory, '_libc_function', return_value=mallopt))
        memory.limit_malloc_arenas()
        mallopt.assert_not_called()

    def test_real_libc_functions_found(self):
        # The machines this runs on use glibc.
        self.assertIsNotNone(memory._libc_function('malloc_trim'))
        self.assertIsNotNone(memory._libc_function('mallopt'))
