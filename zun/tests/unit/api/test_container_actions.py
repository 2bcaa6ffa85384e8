"""POST /v1/containers/{ident}/start and /stop, and concurrent claims."""

import threading

from zun.common import consts
from zun.common import context as zun_context
from zun.common import exception
from zun.objects import container as container_obj
from zun.tests.unit.api import base

# Threads that race for one container in the concurrency tests.
RACERS = 8


class ActionTestCase(base.APITestCase):

    def action(self, container, action, query='', status=202, **kwargs):
        path = '/v1/containers/%s/%s' % (container['uuid'], action)
        if query:
            path += '?' + query
        return self.post(path, status=status, **kwargs)

    def action_json(self, container, action, body, status=202):
        path = '/v1/containers/%s/%s' % (container['uuid'], action)
        return self.post_json(path, body, status=status)

    def assert_unclaimed(self, container, status):
        stored = self.load_container(container['uuid'])
        self.assertEqual(status, stored.status)
        self.assertIsNone(stored.task_state)


class TestStart(ActionTestCase):

    def test_start_stopped_202(self):
        container = self.create_db_container(status='Stopped')
        self.action(container, 'start')
        self.compute_api.container_start.assert_called_once()

    def test_start_sends_claimed(self):
        container = self.create_db_container(status='Created')
        self.action(container, 'start')
        sent = self.compute_api.container_start.call_args[0][1]
        self.assertEqual(container['uuid'], sent.uuid)
        self.assertEqual(consts.CONTAINER_STARTING, sent.task_state)

    def test_start_sets_task_state(self):
        container = self.create_db_container(status='Stopped')
        self.action(container, 'start')
        stored = self.load_container(container['uuid'])
        self.assertEqual(consts.CONTAINER_STARTING, stored.task_state)

    def test_every_allowed_status(self):
        for status in consts.ALLOWED_STATUSES['start']:
            container = self.create_db_container(status=status)
            self.action(container, 'start')

    def test_start_running_409(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.action(container, 'start', status=409))
        self.assertEqual('Cannot start container %s in Running state.'
                         % container['uuid'], error['detail'])
        self.assertEqual('container.invalid-state-exception', error['code'])

    def test_start_paused_409(self):
        container = self.create_db_container(status='Paused')
        error = self.error_of(self.action(container, 'start', status=409))
        self.assertIn('in Paused state', error['detail'])

    def test_claimed_container_409(self):
        container = self.create_db_container(
            status='Stopped', task_state=consts.CONTAINER_DELETING)
        error = self.error_of(self.action(container, 'start', status=409))
        self.assertEqual('container.container-busy', error['code'])
        self.compute_api.container_start.assert_not_called()

    def test_start_by_name(self):
        self.create_db_container(name='web', status='Stopped')
        self.post('/v1/containers/web/start')

    def test_unknown_container_404(self):
        self.post('/v1/containers/missing/start', status=404)

    def test_other_project_404(self):
        container = self.create_db_container(project_id='other-project',
                                             status='Stopped')
        self.action(container, 'start', status=404)

    def test_unknown_query_parameter(self):
        container = self.create_db_container(status='Stopped')
        error = self.error_of(self.action(container, 'start', 'now=1',
                                          status=400))
        self.assertIn('now', error['detail'])

    def test_unknown_body_parameter(self):
        container = self.create_db_container(status='Stopped')
        error = self.error_of(self.action_json(container, 'start',
                                               {'now': True}, status=400))
        self.assertIn('now', error['detail'])
        self.assert_unclaimed(container, 'Stopped')

    def test_policy_denied_403(self):
        self.set_policy({'container:start': '!'})
        container = self.create_db_container(status='Stopped')
        self.action(container, 'start', status=403)
        self.assert_unclaimed(container, 'Stopped')

    def test_failed_send_releases_claim(self):
        container = self.create_db_container(status='Stopped')
        self.compute_api.container_start.side_effect = RuntimeError('x')
        self.action(container, 'start', status=500)
        self.assert_unclaimed(container, 'Stopped')

    def test_host_down_releases_claim(self):
        container = self.create_db_container(status='Stopped')
        self.compute_api.container_start.side_effect = (
            exception.ContainerHostNotUp(host='fake-host',
                                         container=container['uuid']))
        self.action(container, 'start', status=503)
        self.assert_unclaimed(container, 'Stopped')


class TestStop(ActionTestCase):

    def assert_stop_timeout(self, timeout):
        self.compute_api.container_stop.assert_called_once()
        self.assertEqual(timeout,
                         self.compute_api.container_stop.call_args[0][2])

    def test_stop_running_202(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'stop')
        self.assert_stop_timeout(10)

    def test_stop_stopped_409(self):
        container = self.create_db_container(status='Stopped')
        error = self.error_of(self.action(container, 'stop', status=409))
        self.assertEqual('Cannot stop container %s in Stopped state.'
                         % container['uuid'], error['detail'])

    def test_timeout_in_query(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'stop', 'timeout=5')
        self.assert_stop_timeout(5)

    def test_timeout_in_json_body(self):
        container = self.create_db_container(status='Running')
        self.action_json(container, 'stop', {'timeout': 7})
        self.assert_stop_timeout(7)

    def test_string_timeout_in_body(self):
        container = self.create_db_container(status='Running')
        self.action_json(container, 'stop', {'timeout': '8'})
        self.assert_stop_timeout(8)

    def test_timeout_bounds_accepted(self):
        for timeout in (0, 3600):
            container = self.create_db_container(status='Running')
            self.action(container, 'stop', 'timeout=%d' % timeout)
            sent = self.compute_api.container_stop.call_args[0][2]
            self.assertEqual(timeout, sent)

    def test_bad_timeouts_leave_unclaimed(self):
        container = self.create_db_container(status='Running')
        for timeout in ('-1', 'x', '99999', '1.5', '', '3601'):
            error = self.error_of(self.action(
                container, 'stop', 'timeout=%s' % timeout, status=400))
            self.assertIn("'timeout'", error['detail'], timeout)
            self.assert_unclaimed(container, 'Running')
        self.compute_api.container_stop.assert_not_called()

    def test_bad_body_timeouts_400(self):
        container = self.create_db_container(status='Running')
        for timeout in (-1, 99999, True, None, [5], {'s': 5}, 1.5):
            self.action_json(container, 'stop', {'timeout': timeout},
                             status=400)
            self.assert_unclaimed(container, 'Running')

    def test_bad_timeout_before_lookup(self):
        self.post('/v1/containers/missing/stop?timeout=x', status=400)

    def test_non_json_body_415(self):
        container = self.create_db_container(status='Running')
        self.post_body('/v1/containers/%s/stop' % container['uuid'],
                       'timeout=5', content_type='text/plain', status=415)
        self.assert_unclaimed(container, 'Running')

    def test_body_list_400(self):
        container = self.create_db_container(status='Running')
        self.post_body('/v1/containers/%s/stop' % container['uuid'], '[5]')
        self.assert_unclaimed(container, 'Running')

    def test_unknown_parameter_400(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'stop', 'signal=KILL', status=400)
        self.assert_unclaimed(container, 'Running')


class TestConcurrentClaims(ActionTestCase):
    """Exactly one of several simultaneous claims of a container wins."""

    def race(self, attempt):
        """Run ``attempt`` in RACERS threads at once; return the results."""
        barrier = threading.Barrier(RACERS)
        results = [None] * RACERS

        def run(index):
            barrier.wait()
            results[index] = attempt()

        threads = [threading.Thread(target=run, args=(index,))
                   for index in range(RACERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        return results

    def test_claims_one_winner(self):
        container = self.create_db_container(status='Stopped')
        context = zun_context.get_admin_context()

        def attempt():
            try:
                container_obj.Container.claim(
                    context, container['uuid'], 'start',
                    consts.ALLOWED_STATUSES['start'],
                    consts.CONTAINER_STARTING)
            except exception.ContainerBusy:
                return 'busy'
            return 'claimed'

        results = self.race(attempt)
        self.assertEqual(1, results.count('claimed'), results)
        self.assertEqual(RACERS - 1, results.count('busy'), results)

    def test_api_starts_one_winner(self):
        container = self.create_db_container(status='Stopped')
        path = '/v1/containers/%s/start' % container['uuid']
        headers = self.headers()

        def attempt():
            return self.app.post(path, headers=headers,
                                 expect_errors=True).status_int

        statuses = self.race(attempt)
        self.assertEqual(1, statuses.count(202), statuses)
        self.assertEqual(RACERS - 1, statuses.count(409), statuses)
        self.compute_api.container_start.assert_called_once()

    def test_start_and_delete_race(self):
        container = self.create_db_container(status='Stopped')
        uuid = container['uuid']
        headers = self.headers()

        def attempt():
            if threading.current_thread().name.endswith(('1', '3', '5')):
                return self.app.delete('/v1/containers/%s' % uuid,
                                       headers=headers,
                                       expect_errors=True).status_int
            return self.app.post('/v1/containers/%s/start' % uuid,
                                 headers=headers,
                                 expect_errors=True).status_int

        statuses = self.race(attempt)
        winners = statuses.count(202) + statuses.count(204)
        self.assertEqual(1, winners, statuses)
        self.assertEqual(RACERS - 1, statuses.count(409), statuses)
