"""Tests of the exec_instance and websocket_token functions."""

import datetime

from oslo_utils import timeutils
from oslo_utils import uuidutils

from zun.common import exception
from zun.db import api as dbapi
from zun.tests import base
from zun.tests.unit.db import utils

EXEC_ID = 'a' * 64
HASH = 'f' * 64


class TestExecInstances(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.container = utils.create_container(self.context)

    def _create(self, exec_id=EXEC_ID, container_uuid=None):
        return dbapi.exec_instance_create(self.context, {
            'container_uuid': container_uuid or self.container.uuid,
            'exec_id': exec_id})

    def test_create_and_get(self):
        created = self._create()
        found = dbapi.exec_instance_get(self.context, self.container.uuid,
                                        EXEC_ID)
        self.assertEqual(created.id, found.id)

    def test_get_unknown_exec(self):
        self.assertRaises(exception.ExecInstanceNotFound,
                          dbapi.exec_instance_get, self.context,
                          self.container.uuid, 'b' * 64)

    def test_get_other_container(self):
        self._create()
        self.assertRaises(exception.ExecInstanceNotFound,
                          dbapi.exec_instance_get, self.context,
                          uuidutils.generate_uuid(), EXEC_ID)

    def test_duplicate_conflict(self):
        self._create()
        self.assertRaises(exception.Conflict, self._create)

    def test_destroy_removes_execs(self):
        self._create()
        dbapi.container_destroy(self.context, self.container.uuid)
        self.assertRaises(exception.ExecInstanceNotFound,
                          dbapi.exec_instance_get, self.context,
                          self.container.uuid, EXEC_ID)


class TestWebsocketTokens(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.container = utils.create_container(self.context)
        self.now = timeutils.utcnow()

    def _create(self, token_hash=HASH, lifetime=60, **values):
        values.setdefault('container_uuid', self.container.uuid)
        return dbapi.websocket_token_create(self.context, dict(
            values, token_hash=token_hash,
            expires_at=self.now + datetime.timedelta(seconds=lifetime)))

    def test_get_by_hash(self):
        created = self._create(exec_id=EXEC_ID)
        found = dbapi.websocket_token_get_by_hash(self.context, HASH)
        self.assertEqual(created.id, found.id)
        self.assertEqual(EXEC_ID, found.exec_id)

    def test_get_unknown_hash(self):
        self.assertIsNone(dbapi.websocket_token_get_by_hash(self.context,
                                                            'e' * 64))

    def test_use_once(self):
        token = self._create()
        self.assertTrue(dbapi.websocket_token_use(self.context, token.id,
                                                  self.now))
        self.assertFalse(dbapi.websocket_token_use(self.context, token.id,
                                                   self.now))

    def test_use_records_time(self):
        token = self._create()
        dbapi.websocket_token_use(self.context, token.id, self.now)
        found = dbapi.websocket_token_get_by_hash(self.context, HASH)
        self.assertEqual(self.now.replace(microsecond=0),
                         found.used_at.replace(microsecond=0))

    def test_use_expired_fails(self):
        token = self._create(lifetime=-1)
        self.assertFalse(dbapi.websocket_token_use(self.context, token.id,
                                                   self.now))

    def test_use_aware_time(self):
        token = self._create()
        aware = self.now.replace(tzinfo=datetime.timezone.utc)
        self.assertTrue(dbapi.websocket_token_use(self.context, token.id,
                                                  aware))

    def test_purge_expired_only(self):
        self._create(token_hash='1' * 64, lifetime=-10)
        self._create(token_hash='2' * 64, lifetime=60)
        self.assertEqual(1, dbapi.websocket_tokens_purge(self.context,
                                                         self.now))
        self.assertIsNone(dbapi.websocket_token_get_by_hash(self.context,
                                                            '1' * 64))
        self.assertIsNotNone(dbapi.websocket_token_get_by_hash(
            self.context, '2' * 64))

    def test_destroy_removes_tokens(self):
        self._create()
        dbapi.container_destroy(self.context, self.container.uuid)
        self.assertIsNone(dbapi.websocket_token_get_by_hash(self.context,
                                                            HASH))
