"""GET .../attach, POST .../resize, .../execute_resize and interactive exec."""

from urllib import parse

from zun.common import exception
from zun.db import api as dbapi
from zun.objects import exec_instance
from zun.tests.unit.api import base
from zun.websocket import tokens

PROXY = 'ws://proxy.example:6784/'
EXEC_ID = 'e' * 64


def _query(url):
    return dict(parse.parse_qsl(parse.urlsplit(url).query))


class InteractiveTestCase(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.compute_api.container_attach.return_value = PROXY
        self.compute_api.container_exec_create.return_value = {
            'exec_id': EXEC_ID, 'proxy_base_url': PROXY}

    def running(self, **values):
        values.setdefault('interactive', True)
        return self.create_db_container(status='Running', **values)

    def attach(self, container, status=200, **kwargs):
        return self.get('/v1/containers/%s/attach' % container['uuid'],
                        status=status, **kwargs)

    def action(self, container, action, status=200, **query):
        path = '/v1/containers/%s/%s?%s' % (container['uuid'], action,
                                            parse.urlencode(query))
        return self.post(path, status=status)

    def record_exec(self, container, exec_id=EXEC_ID):
        exec_instance.ExecInstance(
            None, container_uuid=container['uuid'],
            exec_id=exec_id).create(None)


class TestAttach(InteractiveTestCase):

    def test_returns_url_string(self):
        container = self.running()
        url = self.attach(container).json
        self.assertTrue(url.startswith(PROXY + '?token='))
        self.assertEqual(container['uuid'], _query(url)['uuid'])

    def test_token_opens_session(self):
        container = self.running()
        token = _query(self.attach(container).json)['token']
        tokens.consume(None, token, container['uuid'])

    def test_each_call_new_token(self):
        container = self.running()
        first = _query(self.attach(container).json)['token']
        second = _query(self.attach(container).json)['token']
        self.assertNotEqual(first, second)

    def test_not_interactive_400(self):
        container = self.running(interactive=False)
        error = self.error_of(self.attach(container, status=400))
        self.assertEqual('container.no-interactive-flag', error['code'])
        self.compute_api.container_attach.assert_not_called()

    def test_not_interactive_before_status(self):
        container = self.create_db_container(status='Stopped',
                                             interactive=False)
        self.attach(container, status=400)

    def test_stopped_409(self):
        container = self.create_db_container(status='Stopped',
                                             interactive=True)
        error = self.error_of(self.attach(container, status=409))
        self.assertIn('Cannot attach to container', error['detail'])

    def test_policy_403(self):
        self.set_policy({'container:attach': 'project_id:other'})
        container = self.running()
        error = self.error_of(self.attach(container, status=403))
        self.assertIn('container:attach', error['detail'])

    def test_host_down_503(self):
        self.compute_api.container_attach.side_effect = (
            exception.ContainerHostNotUp(host='h', container='c'))
        self.attach(self.running(), status=503)

    def test_unknown_parameter_400(self):
        container = self.running()
        self.get('/v1/containers/%s/attach?tty=1' % container['uuid'],
                 status=400)

    def test_container_named_attach(self):
        container = self.create_db_container(name='attach')
        shown = self.get('/v1/containers/attach').json
        self.assertEqual(container['uuid'], shown['uuid'])


class TestInteractiveExec(InteractiveTestCase):

    def execute(self, container, **query):
        query.setdefault('command', 'sh')
        return self.action(container, 'execute', **query).json

    def test_zun_response_shape(self):
        body = self.execute(self.running(), interactive='true', run='false')
        self.assertEqual({'output', 'exit_code', 'exec_id', 'proxy_url'},
                         set(body))
        self.assertIsNone(body['output'])
        self.assertIsNone(body['exit_code'])
        self.assertEqual(EXEC_ID, body['exec_id'])

    def test_proxy_url_names_exec(self):
        container = self.running()
        body = self.execute(container, interactive='true')
        query = _query(body['proxy_url'])
        self.assertEqual(container['uuid'], query['uuid'])
        self.assertEqual(EXEC_ID, query['exec_id'])
        tokens.consume(None, query['token'], container['uuid'], EXEC_ID)

    def test_exec_recorded(self):
        container = self.running()
        self.execute(container, interactive='true')
        exec_instance.ExecInstance.get(None, container['uuid'], EXEC_ID)

    def test_interactive_gets_tty(self):
        container = self.running()
        self.execute(container, command='"sh" "-l"', interactive='True',
                     run='False')
        args = self.compute_api.container_exec_create.call_args.args
        self.assertEqual((['sh', '-l'], True), args[2:])

    def test_run_false_without_tty(self):
        container = self.running()
        self.execute(container, run='false')
        args = self.compute_api.container_exec_create.call_args.args
        self.assertFalse(args[3])

    def test_command_in_json_body(self):
        container = self.running()
        self.post_json('/v1/containers/%s/execute' % container['uuid'],
                       {'command': ['sh', '-c', 'ls'], 'interactive': True},
                       status=200)
        args = self.compute_api.container_exec_create.call_args.args
        self.assertEqual(['sh', '-c', 'ls'], args[2])

    def test_non_interactive_container_allowed(self):
        self.execute(self.running(interactive=False), interactive='true')
        self.compute_api.container_exec_create.assert_called_once()

    def test_stopped_409(self):
        container = self.create_db_container(status='Stopped')
        self.action(container, 'execute', status=409, command='sh',
                    interactive='true')
        self.compute_api.container_exec_create.assert_not_called()


class TestResize(InteractiveTestCase):

    def test_resize_sends_size(self):
        container = self.running()
        self.action(container, 'resize', h='24', w='80')
        self.compute_api.container_resize.assert_called_once()
        args = self.compute_api.container_resize.call_args.args
        self.assertEqual((24, 80), args[2:])

    def test_resize_json_body(self):
        container = self.running()
        self.post_json('/v1/containers/%s/resize' % container['uuid'],
                       {'h': 30, 'w': 100}, status=200)
        args = self.compute_api.container_resize.call_args.args
        self.assertEqual((30, 100), args[2:])

    def test_bad_sizes_400(self):
        container = self.running()
        cases = (
            ({'h': '0', 'w': '80'}, "'h'", 'at least 1'),
            ({'h': '24', 'w': ''}, "'w'", 'is not an integer'),
            ({'h': '-3', 'w': '80'}, "'h'", 'at least 1'),
            ({'h': '24', 'w': '65536'}, "'w'", 'at most 65535'),
            ({'h': '1' * 31, 'w': '80'}, "'h'", 'more than 30 digits'),
            ({'h': 'tall', 'w': '80'}, "'h'", 'is not an integer'),
            ({'w': '80'}, "'h'", 'is required'),
            ({'h': '24'}, "'w'", 'is required'),
        )
        for query, field, rule in cases:
            error = self.error_of(self.action(container, 'resize',
                                              status=400, **query))
            self.assertIn(field, error['detail'], query)
            self.assertIn(rule, error['detail'], query)
        self.compute_api.container_resize.assert_not_called()

    def test_bounds_accepted(self):
        container = self.running()
        self.action(container, 'resize', h='1', w='65535')

    def test_stopped_409(self):
        container = self.create_db_container(status='Stopped')
        error = self.error_of(self.action(container, 'resize', status=409,
                                          h='24', w='80'))
        self.assertIn('Cannot resize the TTY of container', error['detail'])

    def test_policy_403(self):
        self.set_policy({'container:resize': 'project_id:other'})
        self.action(self.running(), 'resize', status=403, h='24', w='80')

    def test_without_ident_404(self):
        self.post('/v1/containers/resize?h=1&w=1', status=404)


class TestExecuteResize(InteractiveTestCase):

    def test_resize_sends_size(self):
        container = self.running()
        self.record_exec(container)
        self.action(container, 'execute_resize', exec_id=EXEC_ID, h='30',
                    w='100')
        args = self.compute_api.container_exec_resize.call_args.args
        self.assertEqual((EXEC_ID, 30, 100), args[2:])

    def test_unknown_exec_404(self):
        container = self.running()
        error = self.error_of(self.action(container, 'execute_resize',
                                          status=404, exec_id='f' * 64,
                                          h='24', w='80'))
        self.assertEqual('container.exec-instance-not-found', error['code'])
        self.compute_api.container_exec_resize.assert_not_called()

    def test_exec_of_other_container_404(self):
        other = self.running()
        self.record_exec(other)
        self.action(self.running(), 'execute_resize', status=404,
                    exec_id=EXEC_ID, h='24', w='80')

    def test_finished_exec_409(self):
        container = self.running()
        self.record_exec(container)
        self.compute_api.container_exec_resize.side_effect = (
            exception.ExecFinished(exec_id=EXEC_ID,
                                   container=container['uuid']))
        error = self.error_of(self.action(container, 'execute_resize',
                                          status=409, exec_id=EXEC_ID,
                                          h='24', w='80'))
        self.assertIn('has finished', error['detail'])

    def test_bad_sizes_400(self):
        container = self.running()
        self.record_exec(container)
        for query in ({'h': '0', 'w': '80'}, {'h': '24', 'w': ''},
                      {'h': '-1', 'w': '80'}, {'h': '24', 'w': '99999'}):
            self.action(container, 'execute_resize', status=400,
                        exec_id=EXEC_ID, **query)
        self.compute_api.container_exec_resize.assert_not_called()

    def test_missing_exec_id_400(self):
        error = self.error_of(self.action(self.running(), 'execute_resize',
                                          status=400, h='24', w='80'))
        self.assertIn("'exec_id': is required", error['detail'])

    def test_long_exec_id_400(self):
        self.action(self.running(), 'execute_resize', status=400,
                    exec_id='a' * 65, h='24', w='80')

    def test_stopped_409(self):
        container = self.create_db_container(status='Stopped')
        self.record_exec(container)
        self.action(container, 'execute_resize', status=409,
                    exec_id=EXEC_ID, h='24', w='80')

    def test_destroyed_container_forgets_execs(self):
        container = self.running()
        self.record_exec(container)
        dbapi.container_destroy(None, container['uuid'])
        self.assertRaises(exception.ExecInstanceNotFound,
                          exec_instance.ExecInstance.get, None,
                          container['uuid'], EXEC_ID)
