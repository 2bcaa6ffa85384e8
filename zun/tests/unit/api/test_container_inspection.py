"""GET .../logs, .../top, .../stats and POST .../execute."""

from urllib import parse

from zun.api.controllers.v1 import containers
from zun.common import consts
from zun.common import exception
from zun.tests import base as test_base
from zun.tests.unit.api import base

STATS = {'CONTAINER': 'web', 'CPU %': 1.5, 'MEM USAGE(MiB)': 3.0,
         'MEM LIMIT(MiB)': 64.0, 'MEM %': 4.6875, 'BLOCK I/O(B)': '0/0',
         'NET I/O(B)': '10/20'}
TOP = {'Titles': ['UID', 'PID', 'CMD'], 'Processes': [['root', '7', 'sh']]}

# Action, HTTP method and the compute API method behind it.
ACTIONS = (
    ('logs', 'GET', 'container_logs'),
    ('top', 'GET', 'container_top'),
    ('stats', 'GET', 'container_stats'),
    ('execute', 'POST', 'container_exec_run'),
)


class InspectionTestCase(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.compute_api.container_logs.return_value = 'line 1\nline 2\n'
        self.compute_api.container_top.return_value = TOP
        self.compute_api.container_stats.return_value = STATS
        self.compute_api.container_exec_run.return_value = {
            'output': 'hello\n', 'exit_code': 0}

    def request(self, method, container, action, query=None, status=200,
                **kwargs):
        path = '/v1/containers/%s/%s' % (container['uuid'], action)
        if query:
            path += '?' + parse.urlencode(query)
        if method == 'GET':
            return self.get(path, status=status, **kwargs)
        return self.post(path, status=status, **kwargs)

    def logs(self, container, status=200, **query):
        return self.request('GET', container, 'logs', query, status)

    def execute(self, container, status=200, **query):
        query.setdefault('command', 'echo hello')
        return self.request('POST', container, 'execute', query, status)

    def sent(self, method):
        getattr(self.compute_api, method).assert_called_once()
        return getattr(self.compute_api, method).call_args


class TestStatusRules(InspectionTestCase):

    def test_allowed_statuses_succeed(self):
        for action, method, compute_method in ACTIONS:
            query = {'command': 'true'} if action == 'execute' else None
            for status in consts.ALLOWED_STATUSES[action]:
                container = self.create_db_container(status=status)
                self.request(method, container, action, query)
            self.assertEqual(len(consts.ALLOWED_STATUSES[action]),
                             getattr(self.compute_api,
                                     compute_method).call_count, action)

    def test_other_statuses_409(self):
        for action, method, compute_method in ACTIONS:
            query = {'command': 'true'} if action == 'execute' else None
            for status in consts.CONTAINER_STATUSES:
                if status in consts.ALLOWED_STATUSES[action]:
                    continue
                container = self.create_db_container(status=status)
                error = self.error_of(self.request(method, container, action,
                                                   query, status=409))
                self.assertEqual('container.invalid-state-exception',
                                 error['code'])
                self.assertIn('in %s state' % status, error['detail'])
            getattr(self.compute_api, compute_method).assert_not_called()

    def test_state_error_names_action(self):
        container = self.create_db_container(status='Stopped')
        error = self.error_of(self.request('GET', container, 'top',
                                           status=409))
        self.assertEqual('Cannot list the processes of container %s in '
                         'Stopped state.' % container['uuid'],
                         error['detail'])

    def test_running_task_does_not_block(self):
        container = self.create_db_container(
            status='Running', task_state=consts.CONTAINER_STOPPING)
        self.request('GET', container, 'stats')
        self.sent('container_stats')

    def test_no_claim_made(self):
        container = self.create_db_container(status='Running')
        self.execute(container)
        self.assertIsNone(self.load_container(container['uuid']).task_state)


class TestLogs(InspectionTestCase):

    def test_logs_returns_json_string(self):
        container = self.create_db_container(status='Running')
        self.assertEqual('line 1\nline 2\n', self.logs(container).json)

    def test_default_options(self):
        container = self.create_db_container(status='Running')
        self.logs(container)
        self.assertEqual({'stdout': True, 'stderr': True,
                          'timestamps': False, 'tail': None, 'since': None},
                         self.sent('container_logs').kwargs)

    def test_zunclient_query(self):
        container = self.create_db_container(status='Running')
        self.logs(container, stdout='True', stderr='False',
                  timestamps='True', tail='5', since='1700000000.5')
        self.assertEqual({'stdout': True, 'stderr': False,
                          'timestamps': True, 'tail': 5,
                          'since': 1700000000.5},
                         self.sent('container_logs').kwargs)

    def test_rfc3339_since(self):
        container = self.create_db_container(status='Running')
        self.logs(container, since='2024-05-01T12:00:00')
        self.assertEqual(1714564800.0,
                         self.sent('container_logs').kwargs['since'])

    def test_bad_values_400(self):
        container = self.create_db_container(status='Running')
        for name, value in (('tail', '-1'), ('tail', 'some'), ('tail', ''),
                            ('since', ''), ('since', 'soon'),
                            ('stdout', 'maybe'), ('timestamps', '2')):
            error = self.error_of(self.logs(container, status=400,
                                            **{name: value}))
            self.assertIn("'%s'" % name, error['detail'], (name, value))
        self.compute_api.container_logs.assert_not_called()

    def test_unknown_parameter_400(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.logs(container, status=400, follow='1'))
        self.assertIn('follow', error['detail'])

    def test_policy_denied_403(self):
        self.set_policy({'container:logs': '!'})
        container = self.create_db_container(status='Running')
        self.logs(container, status=403)
        self.compute_api.container_logs.assert_not_called()

    def test_other_project_404(self):
        container = self.create_db_container(status='Running',
                                             project_id='other-project')
        self.logs(container, status=404)

    def test_admin_sees_other_project(self):
        container = self.create_db_container(status='Running',
                                             project_id='other-project')
        self.request('GET', container, 'logs', **base.ADMIN)

    def test_host_down_503(self):
        container = self.create_db_container(status='Running')
        self.compute_api.container_logs.side_effect = (
            exception.ContainerHostNotUp(host='fake-host',
                                         container=container['uuid']))
        error = self.error_of(self.logs(container, status=503))
        self.assertIn('fake-host', error['detail'])

    def test_call_timeout_503(self):
        container = self.create_db_container(status='Running')
        self.compute_api.container_logs.side_effect = (
            exception.ComputeCallTimeout(host='fake-host',
                                         method='container_logs',
                                         container=container['uuid'],
                                         timeout=60))
        error = self.error_of(self.logs(container, status=503))
        self.assertIn('within 60 seconds', error['detail'])

    def test_remote_exception_code(self):
        # oslo.messaging rebuilds a remote exception as a subclass named
        # <name>_Remote; the error code keeps the plain name.
        remote = type('ContainerNotOnEngine_Remote',
                      (exception.ContainerNotOnEngine,), {})
        container = self.create_db_container(status='Running')
        self.compute_api.container_logs.side_effect = remote(
            container=container['uuid'])
        error = self.error_of(self.logs(container, status=409))
        self.assertEqual('container.container-not-on-engine', error['code'])


class TestTop(InspectionTestCase):

    def test_top_result(self):
        container = self.create_db_container(status='Running')
        response = self.request('GET', container, 'top')
        self.assertEqual(TOP, response.json)

    def test_default_ps_args(self):
        container = self.create_db_container(status='Running')
        self.request('GET', container, 'top', {'ps_args': 'None'})
        self.assertIsNone(self.sent('container_top').args[2])

    def test_ps_args_sent(self):
        container = self.create_db_container(status='Running')
        self.request('GET', container, 'top', {'ps_args': 'aux'})
        self.assertEqual('aux', self.sent('container_top').args[2])

    def test_bad_ps_args_400(self):
        container = self.create_db_container(status='Running')
        for value in ('aux; id', '$(reboot)', '-o comm', 'e'):
            error = self.error_of(self.request(
                'GET', container, 'top', {'ps_args': value}, status=400))
            self.assertIn("'ps_args'", error['detail'], value)
        self.compute_api.container_top.assert_not_called()


class TestStats(InspectionTestCase):

    def test_stats_result(self):
        container = self.create_db_container(status='Running')
        response = self.request('GET', container, 'stats')
        self.assertEqual(STATS, response.json)

    def test_policy_denied_403(self):
        self.set_policy({'container:stats': '!'})
        container = self.create_db_container(status='Running')
        self.request('GET', container, 'stats', status=403)


class TestExecute(InspectionTestCase):

    def test_run_result(self):
        container = self.create_db_container(status='Running')
        self.assertEqual({'output': 'hello\n', 'exit_code': 0,
                          'exec_id': None, 'proxy_url': None},
                         self.execute(container).json)

    def test_query_command_split(self):
        container = self.create_db_container(status='Running')
        self.execute(container, command='"sh" "-c" "echo a b"')
        self.assertEqual(['sh', '-c', 'echo a b'],
                         self.sent('container_exec_run').args[2])

    def test_json_body_string(self):
        container = self.create_db_container(status='Running')
        self.post_json('/v1/containers/%s/execute' % container['uuid'],
                       {'command': 'echo hi', 'run': True}, status=200)
        self.assertEqual(['echo', 'hi'],
                         self.sent('container_exec_run').args[2])

    def test_json_body_list(self):
        container = self.create_db_container(status='Running')
        self.post_json('/v1/containers/%s/execute' % container['uuid'],
                       {'command': ['echo', 'a b']}, status=200)
        self.assertEqual(['echo', 'a b'],
                         self.sent('container_exec_run').args[2])

    def test_missing_command_400(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.request('POST', container, 'execute',
                                           status=400))
        self.assertIn("'command'", error['detail'])
        self.assertIn('required', error['detail'])

    def test_empty_command_400(self):
        container = self.create_db_container(status='Running')
        for command in ('', '  ', "''"):
            error = self.error_of(self.execute(container, status=400,
                                               command=command))
            self.assertIn('must not be empty', error['detail'])
        self.compute_api.container_exec_run.assert_not_called()

    def test_interactive_creates_exec(self):
        self.compute_api.container_exec_create.side_effect = [
            {'exec_id': digit * 64, 'proxy_base_url': 'ws://proxy:6784/'}
            for digit in 'ab']
        container = self.create_db_container(status='Running')
        for query in ({'interactive': 'true'}, {'run': 'false'}):
            body = self.execute(container, **query).json
            self.assertIsNone(body['output'])
        self.assertEqual(2, self.compute_api.container_exec_create.call_count)
        self.compute_api.container_exec_run.assert_not_called()

    def test_bad_run_flag_400(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.execute(container, status=400,
                                           run='often'))
        self.assertIn("'run'", error['detail'])

    def test_timeout_409(self):
        container = self.create_db_container(status='Running')
        self.compute_api.container_exec_run.side_effect = (
            exception.ExecTimeout(container=container['uuid'], timeout=30,
                                  outcome=exception.ExecTimeout.KILLED))
        error = self.error_of(self.execute(container, status=409))
        self.assertIn('did not finish within 30 seconds', error['detail'])
        self.assertIn('It was killed.', error['detail'])

    def test_engine_conflict_409(self):
        container = self.create_db_container(status='Running')
        self.compute_api.container_exec_run.side_effect = (
            exception.ContainerEngineConflict(detail='container is paused'))
        error = self.error_of(self.execute(container, status=409))
        self.assertIn('paused', error['detail'])

    def test_without_ident_404(self):
        self.post('/v1/containers/execute?command=ls', status=404)


class TestRoutingByName(InspectionTestCase):
    """Containers named like an action stay reachable."""

    def test_show_container_named_action(self):
        for name in ('logs', 'top', 'stats'):
            container = self.create_db_container(name=name)
            shown = self.get('/v1/containers/%s' % name).json
            self.assertEqual(container['uuid'], shown['uuid'], name)

    def test_action_on_container_named_action(self):
        for name in ('logs', 'top', 'stats'):
            self.create_db_container(name=name, status='Running')
            self.get('/v1/containers/%s/%s' % (name, name))
        self.sent('container_logs')
        self.sent('container_top')
        self.sent('container_stats')

    def test_execute_on_container_named_execute(self):
        self.create_db_container(name='execute', status='Running')
        self.post('/v1/containers/execute/execute?command=ls', status=200)
        self.sent('container_exec_run')


class TestActionTable(test_base.TestCase):

    def test_served_actions_have_state_rules(self):
        for name in containers.ContainersController._custom_actions:
            self.assertIn(name, consts.ALLOWED_STATUSES)

    def test_inspection_actions_claim_nothing(self):
        for name in consts.INSPECTION_ACTIONS:
            self.assertIn(name, consts.ALLOWED_STATUSES)
            self.assertNotIn(name, consts.ACTION_TASK_STATES)
