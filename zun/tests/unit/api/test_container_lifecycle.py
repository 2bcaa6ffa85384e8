"""POST pause, unpause, kill, reboot and rebuild, and the state table."""

from zun.api.controllers.v1 import containers
from zun.common import consts
from zun.common import exception
from zun.tests.unit.api import test_container_actions

ActionTestCase = test_container_actions.ActionTestCase

# Actions served at some microversion whose URL is not a custom action.
NON_CUSTOM_ACTIONS = ('update', 'delete', 'delete_stop', 'delete_force')


class TestStateTable(ActionTestCase):

    def test_every_served_action_has_entry(self):
        served = set(containers.ContainersController._custom_actions)
        served.update(NON_CUSTOM_ACTIONS)
        for action in sorted(served):
            self.assertIn(action, consts.ALLOWED_STATUSES, action)
            if action not in consts.UNCLAIMED_ACTIONS:
                self.assertIn(action, consts.ACTION_TASK_STATES, action)

    def test_unclaimed_actions_have_no_task(self):
        for action in consts.UNCLAIMED_ACTIONS:
            self.assertNotIn(action, consts.ACTION_TASK_STATES, action)

    def test_statuses_are_known(self):
        for action, statuses in consts.ALLOWED_STATUSES.items():
            for status in statuses:
                self.assertIn(status, consts.CONTAINER_STATUSES, action)

    def test_task_states_are_known(self):
        for action, task_state in consts.ACTION_TASK_STATES.items():
            if task_state is not None:
                self.assertIn(task_state, consts.TASK_STATES, action)


# (action, compute API method) of the actions without parameters.
SIMPLE_ACTIONS = (
    ('pause', 'container_pause'),
    ('unpause', 'container_unpause'),
)


class TestStatusChecks(ActionTestCase):
    """Every action is accepted in its allowed statuses and 409 in others."""

    def test_allowed_and_refused(self):
        for action in ('pause', 'unpause', 'kill', 'reboot', 'rebuild'):
            allowed = consts.ALLOWED_STATUSES[action]
            for status in consts.CONTAINER_STATUSES:
                container = self.create_db_container(status=status)
                expected = 202 if status in allowed else 409
                self.action(container, action, status=expected)
                if expected == 409:
                    self.assert_unclaimed(container, status)

    def test_refusal_message(self):
        container = self.create_db_container(status='Stopped')
        error = self.error_of(self.action(container, 'pause', status=409))
        self.assertEqual('Cannot pause container %s in Stopped state.'
                         % container['uuid'], error['detail'])

    def test_busy_container_409(self):
        container = self.create_db_container(
            status='Running', task_state=consts.CONTAINER_STOPPING)
        error = self.error_of(self.action(container, 'kill', status=409))
        self.assertEqual('container.container-busy', error['code'])


class TestPauseUnpause(ActionTestCase):

    def test_compute_called_claimed(self):
        for action, method in SIMPLE_ACTIONS:
            status = consts.ALLOWED_STATUSES[action][0]
            container = self.create_db_container(status=status)
            self.action(container, action)
            sent = getattr(self.compute_api, method).call_args[0][1]
            self.assertEqual(container['uuid'], sent.uuid)
            self.assertEqual(consts.ACTION_TASK_STATES[action],
                             sent.task_state)

    def test_policy_denied_403(self):
        self.set_policy({'container:pause': '!'})
        container = self.create_db_container(status='Running')
        self.action(container, 'pause', status=403)
        self.assert_unclaimed(container, 'Running')

    def test_live_state_conflict_409(self):
        container = self.create_db_container(status='Running')
        self.compute_api.container_pause.side_effect = (
            exception.InvalidStateException(id=container['uuid'],
                                            action='pause',
                                            actual_state='Stopped'))
        error = self.error_of(self.action(container, 'pause', status=409))
        self.assertIn('in Stopped state', error['detail'])

    def test_response_body_null(self):
        container = self.create_db_container(status='Paused')
        self.assertIsNone(self.action(container, 'unpause').json)


class TestKill(ActionTestCase):

    def sent_signal(self):
        return self.compute_api.container_kill.call_args[0][2]

    def test_signal_forms(self):
        forms = {'SIGKILL': 'SIGKILL', 'KILL': 'SIGKILL', 'kill': 'SIGKILL',
                 'sigkill': 'SIGKILL', '9': '9', 'SIGTERM': 'SIGTERM',
                 'hup': 'SIGHUP', '64': '64', '1': '1'}
        for given, expected in forms.items():
            container = self.create_db_container(status='Running')
            self.action(container, 'kill', 'signal=%s' % given)
            self.assertEqual(expected, self.sent_signal(), given)

    def test_no_signal_default(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'kill')
        self.assertIsNone(self.sent_signal())

    def test_client_none_text_default(self):
        # python-zunclient 5.5 sends signal=None without a signal.
        container = self.create_db_container(status='Running')
        self.action(container, 'kill', 'signal=None')
        self.assertIsNone(self.sent_signal())

    def test_signal_in_body(self):
        container = self.create_db_container(status='Running')
        self.action_json(container, 'kill', {'signal': 15})
        self.assertEqual('15', self.sent_signal())

    def test_unknown_signals_400(self):
        container = self.create_db_container(status='Running')
        for signal in ('SIGFOO', 'FOO', '0', '65', '-9', '9.0', 'SIG',
                       '99999999999999999999999999999999'):
            error = self.error_of(self.action(
                container, 'kill', 'signal=%s' % signal, status=400))
            self.assertIn("'signal'", error['detail'], signal)
            self.assert_unclaimed(container, 'Running')
        self.compute_api.container_kill.assert_not_called()

    def test_bad_body_signals_400(self):
        container = self.create_db_container(status='Running')
        for signal in (True, [9], {'a': 1}, 0, 65, 1.5):
            self.action_json(container, 'kill', {'signal': signal},
                             status=400)
        self.assert_unclaimed(container, 'Running')

    def test_range_stated_in_error(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.action(container, 'kill', 'signal=65',
                                          status=400))
        self.assertIn('at most 64', error['detail'])


class TestReboot(ActionTestCase):

    def test_reboot_sets_restarting(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'reboot')
        stored = self.load_container(container['uuid'])
        self.assertEqual(consts.RESTARTING, stored.status)
        self.assertEqual(consts.CONTAINER_REBOOTING, stored.task_state)

    def test_default_timeout_ten(self):
        container = self.create_db_container(status='Stopped')
        self.action(container, 'reboot')
        self.assertEqual(
            10, self.compute_api.container_reboot.call_args[0][2])

    def test_timeout_converted(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'reboot', 'timeout=3')
        self.assertEqual(3, self.compute_api.container_reboot.call_args[0][2])

    def test_bad_timeouts_400(self):
        container = self.create_db_container(status='Running')
        for timeout in ('-1', '3601', 'x', '1.5'):
            self.action(container, 'reboot', 'timeout=%s' % timeout,
                        status=400)
            self.assert_unclaimed(container, 'Running')

    def test_failed_send_restores_status(self):
        container = self.create_db_container(status='Running')
        self.compute_api.container_reboot.side_effect = (
            exception.ContainerHostNotUp(host='fake-host',
                                         container=container['uuid']))
        self.action(container, 'reboot', status=503)
        self.assert_unclaimed(container, 'Running')


class TestRebuild(ActionTestCase):

    def sent(self):
        return self.compute_api.container_rebuild.call_args[0]

    def test_rebuild_sets_rebuilding(self):
        container = self.create_db_container(status='Stopped')
        self.action(container, 'rebuild')
        stored = self.load_container(container['uuid'])
        self.assertEqual(consts.REBUILDING, stored.status)
        self.assertEqual(consts.CONTAINER_REBUILDING, stored.task_state)

    def test_running_rebuild_runs(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'rebuild')
        self.assertTrue(self.sent()[3])

    def test_stopped_rebuild_not_run(self):
        for status in ('Created', 'Stopped', 'Error'):
            container = self.create_db_container(status=status)
            self.action(container, 'rebuild')
            self.assertFalse(self.sent()[3], status)

    def test_image_passed(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'rebuild',
                    'image=busybox:1.36&image_driver=docker')
        self.assertEqual('busybox:1.36', self.sent()[2])

    def test_no_image_keeps_own(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'rebuild')
        self.assertIsNone(self.sent()[2])

    def test_glance_driver_400(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.action(container, 'rebuild',
                                          'image_driver=glance', status=400))
        self.assertIn("'image_driver'", error['detail'])
        self.assert_unclaimed(container, 'Running')

    def test_bad_image_400(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'rebuild', 'image=a%20b', status=400)
        self.assert_unclaimed(container, 'Running')
