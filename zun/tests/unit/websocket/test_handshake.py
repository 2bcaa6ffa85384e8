"""Tests of the checks of a websocket handshake."""

from zun.common import consts
from zun.common import context as zun_context
from zun.common import exception
from zun.objects import exec_instance
from zun.tests import base
from zun.tests.unit.db import utils
from zun.websocket import handshake
from zun.websocket import tokens

EXEC_ID = 'a' * 64


class TestParseQuery(base.TestCase):

    def test_proxy_parameters(self):
        params = handshake.parse_query('/?token=t&uuid=u&exec_id=e')
        self.assertEqual({'token': 't', 'uuid': 'u', 'exec_id': 'e'},
                         params)

    def test_other_parameters_ignored(self):
        params = handshake.parse_query('/console?uuid=u&lang=en')
        self.assertEqual({'uuid': 'u'}, params)

    def test_repeated_parameter_rejected(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  handshake.parse_query,
                                  '/?token=a&token=b')
        self.assertIn("'token'", str(error))

    def test_empty_value_kept(self):
        self.assertEqual({'token': ''}, handshake.parse_query('/?token='))


class TestCheckOrigin(base.TestCase):

    def setUp(self):
        super().setUp()
        self.conf.config(base_url='ws://proxy.example:6784/',
                         allowed_origins=['dash.example'],
                         group='websocket_proxy')

    def assert_rejected(self, text, origin, host='proxy.example:6784'):
        error = self.assertRaises(exception.WebsocketOriginRejected,
                                  handshake.check_origin, origin, host)
        self.assertIn(text, str(error))

    def test_missing_origin_passes(self):
        handshake.check_origin(None, 'proxy.example:6784')

    def test_host_header_origin_passes(self):
        handshake.check_origin('http://proxy.example:6784',
                               'proxy.example:6784')

    def test_allowed_origin_passes(self):
        handshake.check_origin('http://dash.example', 'proxy.example:6784')

    def test_host_name_case_ignored(self):
        handshake.check_origin('http://DASH.example', 'proxy.example')

    def test_other_host_rejected(self):
        self.assert_rejected('neither the proxy host',
                             'http://evil.example')

    def test_null_origin_rejected(self):
        self.assert_rejected('neither the proxy host', 'null')

    def test_wrong_scheme_rejected(self):
        self.assert_rejected('serves http pages only',
                             'https://dash.example')

    def test_wss_needs_https(self):
        self.conf.config(base_url='wss://proxy.example/',
                         group='websocket_proxy')
        handshake.check_origin('https://dash.example', 'proxy.example')
        self.assert_rejected('serves https pages only',
                             'http://dash.example')

    def test_ipv6_host_header(self):
        handshake.check_origin('http://[::1]:6784', '[::1]:6784')

    def test_malformed_origin_rejected(self):
        self.assert_rejected('neither the proxy host', 'http://[::1')


class TestAuthorize(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.proxy_context = zun_context.get_admin_context()
        self.container = utils.create_container(
            self.context, status=consts.RUNNING, interactive=True,
            host='fake-host')

    def _params(self, exec_id=None, container_uuid=None):
        container_uuid = container_uuid or self.container.uuid
        token = tokens.issue(self.context, container_uuid, exec_id)
        params = {'token': token, 'uuid': container_uuid}
        if exec_id:
            params['exec_id'] = exec_id
        return params

    def _record_exec(self):
        exec_instance.ExecInstance(
            self.context, container_uuid=self.container.uuid,
            exec_id=EXEC_ID).create(self.context)

    def test_attach_target(self):
        target = handshake.authorize(self.proxy_context, self._params())
        self.assertEqual(self.container.uuid, target.container.uuid)
        self.assertIsNone(target.exec_id)

    def test_exec_target(self):
        self._record_exec()
        target = handshake.authorize(self.proxy_context,
                                     self._params(EXEC_ID))
        self.assertEqual(EXEC_ID, target.exec_id)
        self.assertIn('exec %s' % EXEC_ID, target.describe())

    def test_missing_uuid(self):
        params = self._params()
        del params['uuid']
        error = self.assertRaises(exception.InvalidParameterValue,
                                  handshake.authorize, self.proxy_context,
                                  params)
        self.assertIn("'uuid'", str(error))

    def test_bad_token(self):
        params = dict(self._params(), token='wrong')
        self.assertRaises(exception.WebsocketTokenRejected,
                          handshake.authorize, self.proxy_context, params)

    def test_container_on_other_host(self):
        self.conf.config(host='other-host')
        error = self.assertRaises(exception.ContainerNotOnThisHost,
                                  handshake.authorize, self.proxy_context,
                                  self._params())
        self.assertIn('this websocket proxy serves host other-host',
                      str(error))

    def test_attach_not_interactive(self):
        container = utils.create_container(
            self.context, name='plain', status=consts.RUNNING,
            interactive=False, host='fake-host')
        self.assertRaises(exception.NoInteractiveFlag, handshake.authorize,
                          self.proxy_context,
                          self._params(container_uuid=container.uuid))

    def test_container_not_running(self):
        container = utils.create_container(
            self.context, name='stopped', status=consts.STOPPED,
            interactive=True, host='fake-host')
        error = self.assertRaises(
            exception.InvalidStateException, handshake.authorize,
            self.proxy_context, self._params(container_uuid=container.uuid))
        self.assertIn('Cannot attach to container', str(error))

    def test_exec_not_recorded(self):
        self.assertRaises(exception.ExecInstanceNotFound,
                          handshake.authorize, self.proxy_context,
                          self._params(EXEC_ID))

    def test_exec_in_non_interactive_container(self):
        container = utils.create_container(
            self.context, name='plain', status=consts.RUNNING,
            interactive=False, host='fake-host')
        exec_instance.ExecInstance(
            self.context, container_uuid=container.uuid,
            exec_id=EXEC_ID).create(self.context)
        params = self._params(EXEC_ID, container_uuid=container.uuid)
        target = handshake.authorize(self.proxy_context, params)
        self.assertEqual(EXEC_ID, target.exec_id)
