"""Tests of the translation of Docker states into zun statuses."""

import datetime

from zun.common import consts
from zun.container.docker import states
from zun.tests import base

NOW = datetime.datetime(2024, 6, 1, 12, 0, 0)


def _iso(value):
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') + '789Z'


def _state(status, started_ago=None, finished_ago=None, **extra):
    state = {'Status': status, 'StartedAt': '0001-01-01T00:00:00Z',
             'FinishedAt': '0001-01-01T00:00:00Z', 'ExitCode': 0}
    if started_ago is not None:
        state['StartedAt'] = _iso(NOW - started_ago)
    if finished_ago is not None:
        state['FinishedAt'] = _iso(NOW - finished_ago)
    state.update(extra)
    return state


def _seconds(value):
    return datetime.timedelta(seconds=value)


class TestStatusFromState(base.TestCase):

    def test_every_engine_state(self):
        expected = {
            'created': consts.CREATED,
            'running': consts.RUNNING,
            'paused': consts.PAUSED,
            'restarting': consts.RESTARTING,
            'removing': consts.STOPPED,
            'exited': consts.STOPPED,
            'dead': consts.DEAD,
        }
        for state, status in expected.items():
            self.assertEqual(status, states.status_from_state(state), state)

    def test_case_insensitive(self):
        self.assertEqual(consts.RUNNING, states.status_from_state('Running'))

    def test_unknown_state(self):
        self.assertEqual(consts.UNKNOWN, states.status_from_state('frozen'))

    def test_missing_state(self):
        self.assertEqual(consts.UNKNOWN, states.status_from_state(None))

    def test_results_are_statuses(self):
        for state in ('created', 'running', 'paused', 'restarting',
                      'removing', 'exited', 'dead', 'other'):
            self.assertIn(states.status_from_state(state),
                          consts.CONTAINER_STATUSES)


class TestStatusDetail(base.TestCase):

    def _detail(self, state):
        return states.status_detail_from_inspect(state, now=NOW)

    def test_running_durations(self):
        cases = [
            (_seconds(0.5), 'Up Less than a second'),
            (_seconds(1), 'Up 1 second'),
            (_seconds(42), 'Up 42 seconds'),
            (_seconds(60), 'Up About a minute'),
            (_seconds(119), 'Up About a minute'),
            (_seconds(5 * 60), 'Up 5 minutes'),
            (_seconds(59 * 60 + 59), 'Up 59 minutes'),
            (_seconds(3600), 'Up About an hour'),
            (_seconds(90 * 60), 'Up 2 hours'),
            (_seconds(47 * 3600), 'Up 47 hours'),
            (datetime.timedelta(days=3), 'Up 3 days'),
            (datetime.timedelta(days=13), 'Up 13 days'),
            (datetime.timedelta(days=14), 'Up 2 weeks'),
            (datetime.timedelta(days=59), 'Up 8 weeks'),
            (datetime.timedelta(days=60), 'Up 2 months'),
            (datetime.timedelta(days=729), 'Up 24 months'),
            (datetime.timedelta(days=731), 'Up 2 years'),
        ]
        for started_ago, expected in cases:
            self.assertEqual(expected,
                             self._detail(_state('running', started_ago)),
                             started_ago)

    def test_paused(self):
        self.assertEqual('Up 5 minutes (Paused)', self._detail(
            _state('paused', _seconds(300))))

    def test_healthy(self):
        self.assertEqual('Up 5 minutes (healthy)', self._detail(
            _state('running', _seconds(300),
                   Health={'Status': 'healthy'})))

    def test_health_starting(self):
        self.assertEqual('Up 3 seconds (health: starting)', self._detail(
            _state('running', _seconds(3), Health={'Status': 'starting'})))

    def test_restarting(self):
        self.assertEqual('Restarting (1) 4 seconds ago', self._detail(
            _state('restarting', _seconds(60), _seconds(4), ExitCode=1)))

    def test_exited(self):
        self.assertEqual('Exited (0) 3 days ago', self._detail(
            _state('exited', datetime.timedelta(days=4),
                   datetime.timedelta(days=3))))

    def test_exited_code(self):
        self.assertEqual('Exited (137) 2 minutes ago', self._detail(
            _state('exited', _seconds(600), _seconds(120), ExitCode=137)))

    def test_created(self):
        self.assertEqual('Created', self._detail(_state('created')))

    def test_exited_never_started(self):
        self.assertEqual('Created', self._detail(_state('exited')))

    def test_dead(self):
        self.assertEqual('Dead', self._detail(
            _state('dead', _seconds(60), _seconds(30))))

    def test_removing(self):
        self.assertEqual('Removal In Progress', self._detail(
            _state('removing', _seconds(60), _seconds(30))))

    def test_empty_state(self):
        self.assertIsNone(self._detail({}))

    def test_default_now(self):
        detail = states.status_detail_from_inspect(
            {'Status': 'running', 'StartedAt': '2000-01-01T00:00:00Z'})
        self.assertTrue(detail.startswith('Up '))
        self.assertTrue(detail.endswith(' years'))


class TestStartedAt(base.TestCase):

    def test_nanoseconds_truncated(self):
        started = states.started_at_from_inspect(
            {'StartedAt': '2024-06-01T11:59:00.123456789Z'})
        self.assertEqual(datetime.datetime(2024, 6, 1, 11, 59, 0, 123456),
                         started)

    def test_result_is_naive(self):
        started = states.started_at_from_inspect(
            {'StartedAt': '2024-06-01T13:59:00+02:00'})
        self.assertEqual(datetime.datetime(2024, 6, 1, 11, 59), started)
        self.assertIsNone(started.tzinfo)

    def test_zero_time(self):
        self.assertIsNone(states.started_at_from_inspect(
            {'StartedAt': '0001-01-01T00:00:00Z'}))

    def test_missing(self):
        self.assertIsNone(states.started_at_from_inspect({}))

    def test_garbage(self):
        self.assertIsNone(states.started_at_from_inspect(
            {'StartedAt': 'yesterday'}))
