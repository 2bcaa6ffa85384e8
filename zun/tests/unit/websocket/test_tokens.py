"""Tests of the single-use websocket tokens."""

import datetime
from unittest import mock
from urllib import parse

from oslo_utils import timeutils
from oslo_utils import uuidutils

from zun.common import exception
from zun.db import api as dbapi
from zun.tests import base
from zun.websocket import tokens

EXEC_ID = 'a' * 64


class TokenTestCase(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.uuid = uuidutils.generate_uuid()

    def assert_rejected(self, text, token, uuid=None, exec_id=None):
        error = self.assertRaises(exception.WebsocketTokenRejected,
                                  tokens.consume, self.context, token,
                                  uuid or self.uuid, exec_id)
        self.assertIn(text, str(error))


class TestIssue(TokenTestCase):

    def test_token_is_random_text(self):
        first = tokens.issue(self.context, self.uuid)
        second = tokens.issue(self.context, self.uuid)
        self.assertEqual(43, len(first))
        self.assertNotEqual(first, second)

    def test_only_digest_stored(self):
        token = tokens.issue(self.context, self.uuid)
        self.assertIsNone(dbapi.websocket_token_get_by_hash(self.context,
                                                            token))

    def test_lifetime_from_config(self):
        self.conf.config(token_lifetime=30, group='websocket_proxy')
        now = timeutils.utcnow()
        with mock.patch.object(timeutils, 'utcnow', autospec=True,
                               return_value=now):
            token = tokens.issue(self.context, self.uuid)
        row = dbapi.websocket_token_get_by_hash(self.context,
                                                tokens._digest(token))
        self.assertEqual(now + datetime.timedelta(seconds=30),
                         row.expires_at)

    def test_old_expired_tokens_purged(self):
        long_ago = timeutils.utcnow() - datetime.timedelta(days=1)
        with mock.patch.object(timeutils, 'utcnow', autospec=True,
                               return_value=long_ago):
            old = tokens.issue(self.context, self.uuid)
        tokens.issue(self.context, self.uuid)
        self.assertIsNone(dbapi.websocket_token_get_by_hash(
            self.context, tokens._digest(old)))


class TestProxyUrl(base.TestCase):

    def test_attach_url(self):
        url = tokens.proxy_url('ws://proxy:6784/', 'tok', 'uuid-1')
        self.assertEqual('ws://proxy:6784/?token=tok&uuid=uuid-1', url)

    def test_exec_url(self):
        url = tokens.proxy_url('ws://proxy:6784/', 'tok', 'uuid-1', 'e1')
        self.assertEqual({'token': ['tok'], 'uuid': ['uuid-1'],
                          'exec_id': ['e1']},
                         parse.parse_qs(parse.urlsplit(url).query))

    def test_base_url_with_query(self):
        url = tokens.proxy_url('wss://proxy/console?region=a', 'tok', 'u')
        self.assertEqual('wss://proxy/console?region=a&token=tok&uuid=u',
                         url)

    def test_token_quoted(self):
        url = tokens.proxy_url('ws://p/', 'a+b/c=', 'u')
        self.assertIn('token=a%2Bb%2Fc%3D', url)


class TestConsume(TokenTestCase):

    def test_valid_attach_token(self):
        token = tokens.issue(self.context, self.uuid)
        tokens.consume(self.context, token, self.uuid)

    def test_valid_exec_token(self):
        token = tokens.issue(self.context, self.uuid, EXEC_ID)
        tokens.consume(self.context, token, self.uuid, EXEC_ID)

    def test_missing_token(self):
        for token in (None, ''):
            self.assert_rejected('the URL has no token', token)

    def test_unknown_token(self):
        tokens.issue(self.context, self.uuid)
        self.assert_rejected('it is unknown', 'x' * 43)

    def test_overlong_token(self):
        self.assert_rejected('it is unknown', 'x' * 1000)

    def test_reused_token(self):
        token = tokens.issue(self.context, self.uuid)
        tokens.consume(self.context, token, self.uuid)
        self.assert_rejected('already used', token)

    def test_expired_token(self):
        token = tokens.issue(self.context, self.uuid)
        later = timeutils.utcnow() + datetime.timedelta(seconds=200)
        with mock.patch.object(timeutils, 'utcnow', autospec=True,
                               return_value=later):
            self.assert_rejected('it expired 80 seconds ago', token)

    def test_other_container(self):
        token = tokens.issue(self.context, self.uuid)
        self.assert_rejected('issued for another container', token,
                             uuid=uuidutils.generate_uuid())

    def test_other_container_keeps_token(self):
        token = tokens.issue(self.context, self.uuid)
        self.assert_rejected('another container', token,
                             uuid=uuidutils.generate_uuid())
        tokens.consume(self.context, token, self.uuid)

    def test_attach_token_for_exec(self):
        token = tokens.issue(self.context, self.uuid)
        self.assert_rejected('to attach to the container', token,
                             exec_id=EXEC_ID)

    def test_exec_token_without_exec(self):
        token = tokens.issue(self.context, self.uuid, EXEC_ID)
        self.assert_rejected('the URL needs its exec_id', token)

    def test_exec_token_other_exec(self):
        token = tokens.issue(self.context, self.uuid, EXEC_ID)
        self.assert_rejected('issued for another exec', token,
                             exec_id='b' * 64)

    def test_concurrent_use_loses(self):
        token = tokens.issue(self.context, self.uuid)
        with mock.patch.object(dbapi, 'websocket_token_use', autospec=True,
                               return_value=False):
            self.assert_rejected('already used or just expired', token)

    def test_digest_compared_constant_time(self):
        token = tokens.issue(self.context, self.uuid)
        with mock.patch.object(tokens.hmac, 'compare_digest', autospec=True,
                               return_value=True) as compare:
            tokens.consume(self.context, token, self.uuid)
        compare.assert_called_once_with(tokens._digest(token),
                                        tokens._digest(token))
