"""Tests of the exception tree and its transport over RPC."""

import sys

from oslo_messaging._drivers import common as driver_common

from zun.common import exception
from zun.common import rpc
from zun.tests import base


class TestExceptions(base.TestCase):

    def test_message_from_kwargs(self):
        error = exception.ContainerNotFound(container='web')
        self.assertEqual('Container web could not be found.', str(error))

    def test_kwargs_kept(self):
        error = exception.InvalidStateException(id='u1', action='stop',
                                                actual_state='Stopped')
        self.assertEqual({'id': 'u1', 'action': 'stop',
                          'actual_state': 'Stopped'}, error.kwargs)

    def test_explicit_message(self):
        error = exception.Conflict('custom text')
        self.assertEqual('custom text', error.format_message())

    def test_missing_kwarg_uses_format(self):
        error = exception.ContainerNotFound(wrong='x')
        self.assertEqual(exception.ContainerNotFound.msg_fmt, str(error))

    def test_families(self):
        self.assertTrue(issubclass(exception.ContainerBusy,
                                   exception.Conflict))
        self.assertTrue(issubclass(exception.InvalidStateException,
                                   exception.Conflict))
        self.assertTrue(issubclass(exception.ContainerEngineConflict,
                                   exception.Conflict))
        self.assertTrue(issubclass(exception.ContainerActionEventNotFound,
                                   exception.NotFound))
        self.assertTrue(issubclass(exception.PolicyNotAuthorized,
                                   exception.Forbidden))


class TestRemoteExceptions(base.TestCase):
    """Exceptions keep their class and message through oslo.messaging."""

    def _round_trip(self, error):
        try:
            raise error
        except exception.ZunException:
            data = driver_common.serialize_remote_exception(
                sys.exc_info())
        return driver_common.deserialize_remote_exception(
            data, rpc.ALLOWED_EXMODS)

    def test_class_survives(self):
        copy = self._round_trip(exception.ContainerBusy(
            id='u1', action='stop', task_state='container_starting'))
        self.assertIsInstance(copy, exception.ContainerBusy)

    def test_message_survives(self):
        copy = self._round_trip(exception.ContainerHostNotUp(
            host='h1', container='u1'))
        self.assertIn('h1', copy.format_message())
        self.assertIn('u1', copy.format_message())

    def test_kwargs_survive(self):
        copy = self._round_trip(exception.ContainerNotFound(container='c1'))
        self.assertEqual({'container': 'c1'}, copy.kwargs)
