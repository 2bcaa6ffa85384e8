"""Tests of the retry of database writes on deadlocks."""

from unittest import mock

from oslo_db import exception as db_exc

from zun.db import api as dbapi
from zun.db.sqlalchemy import api as impl
from zun.tests import base


class TestDeadlockRetry(base.DbTestCase):

    def _flaky_writer(self, failures):
        attempts = []
        real_writer = impl._writer

        def writer():
            attempts.append(1)
            if len(attempts) <= failures:
                raise db_exc.DBDeadlock()
            return real_writer()
        return writer, attempts

    def test_write_retried_after_deadlock(self):
        writer, attempts = self._flaky_writer(failures=1)
        with mock.patch.object(impl, '_writer', side_effect=writer):
            action = dbapi.action_start(self.context, {
                'container_uuid': 'c1', 'request_id': 'req-1'})
        self.assertEqual(2, len(attempts))
        self.assertEqual('req-1', action.request_id)

    def test_gives_up_after_retries(self):
        writer, attempts = self._flaky_writer(failures=100)
        with mock.patch.object(impl, '_writer', side_effect=writer), \
                mock.patch('time.sleep', autospec=True):
            self.assertRaises(db_exc.DBDeadlock, dbapi.action_start,
                              self.context, {'container_uuid': 'c1',
                                             'request_id': 'req-1'})
        self.assertEqual(6, len(attempts))
