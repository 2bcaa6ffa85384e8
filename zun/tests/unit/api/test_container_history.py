"""GET /v1/containers/{ident}/container_actions[/{request_id}]."""

import sys

from zun.common import context as zun_context
from zun.objects import container_action
from zun.tests.unit.api import base

ContainerAction = container_action.ContainerAction
ContainerActionEvent = container_action.ContainerActionEvent

ACTION_KEYS = {'action', 'container_uuid', 'request_id', 'user_id',
               'project_id', 'start_time', 'finish_time', 'message'}


def _failure():
    try:
        raise RuntimeError('engine exploded')
    except RuntimeError:
        return sys.exc_info()


class HistoryTestCase(base.APITestCase):

    def record(self, container, action, request_id, finish=True,
               failed=False, events=()):
        """Record an action with events as the API and compute would.

        :param events: (name, failed) pairs, recorded in order.
        """
        context = zun_context.RequestContext(
            user_id='fake-user', project_id='fake-project',
            request_id=request_id)
        ContainerAction.action_start(context, container['uuid'], action)
        for name, event_failed in events:
            event = ContainerActionEvent.event_start(
                context, container['uuid'], name)
            if event_failed:
                _, value, trace = _failure()
                event.finish(value, trace)
            else:
                event.finish()
        if finish:
            ContainerAction.action_finish(context, container['uuid'],
                                          failed=failed)

    def list_actions(self, ident, status=200, **kwargs):
        return self.get('/v1/containers/%s/container_actions' % ident,
                        status=status, **kwargs)

    def show_action(self, ident, request_id, status=200, **kwargs):
        return self.get('/v1/containers/%s/container_actions/%s'
                        % (ident, request_id), status=status, **kwargs)


class TestList(HistoryTestCase):

    def test_newest_first(self):
        container = self.create_db_container()
        self.record(container, 'create', 'req-1')
        self.record(container, 'stop', 'req-2')
        actions = self.list_actions(container['uuid']).json[
            'containerActions']
        self.assertEqual(['stop', 'create'],
                         [action['action'] for action in actions])

    def test_action_fields(self):
        container = self.create_db_container()
        self.record(container, 'create', 'req-1')
        action = self.list_actions(container['uuid']).json[
            'containerActions'][0]
        self.assertEqual(ACTION_KEYS, set(action))
        self.assertEqual('req-1', action['request_id'])
        self.assertEqual('fake-user', action['user_id'])
        self.assertEqual('fake-project', action['project_id'])
        self.assertEqual(container['uuid'], action['container_uuid'])
        self.assertIsNone(action['message'])
        self.assertTrue(action['start_time'].endswith('+00:00'))
        self.assertIsNotNone(action['finish_time'])

    def test_unfinished_action(self):
        container = self.create_db_container()
        self.record(container, 'start', 'req-1', finish=False)
        action = self.list_actions(container['uuid']).json[
            'containerActions'][0]
        self.assertIsNone(action['finish_time'])

    def test_failed_message(self):
        container = self.create_db_container()
        self.record(container, 'start', 'req-1', failed=True)
        action = self.list_actions(container['uuid']).json[
            'containerActions'][0]
        self.assertEqual('Error', action['message'])

    def test_finish_time_from_1_33(self):
        container = self.create_db_container()
        self.record(container, 'create', 'req-1')
        for version, shown in (('1.1', False), ('1.32', False),
                               ('1.33', True), ('1.40', True)):
            action = self.list_actions(container['uuid'],
                                       version=version).json[
                'containerActions'][0]
            self.assertEqual(shown, 'finish_time' in action, version)

    def test_by_name(self):
        container = self.create_db_container(name='web')
        self.record(container, 'create', 'req-1')
        actions = self.list_actions('web').json['containerActions']
        self.assertEqual(1, len(actions))

    def test_empty_history(self):
        container = self.create_db_container()
        self.assertEqual({'containerActions': []},
                         self.list_actions(container['uuid']).json)

    def test_unknown_container_404(self):
        self.list_actions('missing', status=404)

    def test_other_project_404(self):
        container = self.create_db_container(project_id='other-project')
        self.list_actions(container['uuid'], status=404)

    def test_policy_denied_403(self):
        self.set_policy({'container:actions': '!'})
        container = self.create_db_container()
        error = self.error_of(self.list_actions(container['uuid'],
                                                status=403))
        self.assertIn('container:actions', error['detail'])

    def test_unknown_parameter_400(self):
        container = self.create_db_container()
        self.get('/v1/containers/%s/container_actions?limit=1'
                 % container['uuid'], status=400)


class TestShow(HistoryTestCase):

    def test_action_with_events(self):
        container = self.create_db_container()
        self.record(container, 'create', 'req-1',
                    events=(('compute_image_pull', False),
                            ('compute_container_start', False)))
        shown = self.show_action(container['uuid'], 'req-1').json
        self.assertEqual(ACTION_KEYS | {'events'}, set(shown))
        self.assertEqual(['compute_container_start', 'compute_image_pull'],
                         [event['event'] for event in shown['events']])
        for event in shown['events']:
            self.assertEqual('Success', event['result'])
            self.assertIsNotNone(event['finish_time'])

    def test_member_sees_no_traceback(self):
        container = self.create_db_container()
        self.record(container, 'start', 'req-1', failed=True,
                    events=(('compute_container_start', True),))
        event = self.show_action(container['uuid'], 'req-1').json[
            'events'][0]
        self.assertEqual('Error', event['result'])
        self.assertNotIn('traceback', event)

    def test_admin_sees_traceback(self):
        container = self.create_db_container()
        self.record(container, 'start', 'req-1', failed=True,
                    events=(('compute_container_start', True),))
        event = self.show_action(container['uuid'], 'req-1',
                                 **base.ADMIN).json['events'][0]
        self.assertIn('engine exploded', event['traceback'])

    def test_events_rule_decides_traceback(self):
        self.set_policy({'container:action:events': '@'})
        container = self.create_db_container()
        self.record(container, 'start', 'req-1', failed=True,
                    events=(('compute_container_start', True),))
        event = self.show_action(container['uuid'], 'req-1').json[
            'events'][0]
        self.assertIn('Traceback', event['traceback'])

    def test_finish_time_hidden_before_1_33(self):
        container = self.create_db_container()
        self.record(container, 'create', 'req-1',
                    events=(('compute_image_pull', False),))
        shown = self.show_action(container['uuid'], 'req-1',
                                 version='1.32').json
        self.assertNotIn('finish_time', shown)
        self.assertIn('finish_time', shown['events'][0])

    def test_unknown_request_404(self):
        container = self.create_db_container()
        self.record(container, 'create', 'req-1')
        error = self.error_of(self.show_action(container['uuid'], 'req-2',
                                               status=404))
        self.assertEqual('container.container-action-not-found',
                         error['code'])

    def test_action_of_other_container_404(self):
        first = self.create_db_container()
        second = self.create_db_container()
        self.record(first, 'create', 'req-1')
        self.show_action(second['uuid'], 'req-1', status=404)

    def test_policy_denied_403(self):
        self.set_policy({'container:actions': '!'})
        container = self.create_db_container()
        self.record(container, 'create', 'req-1')
        self.show_action(container['uuid'], 'req-1', status=403)


class TestRoutingByName(HistoryTestCase):
    """A container named container_actions stays reachable."""

    def test_show_container(self):
        container = self.create_db_container(name='container_actions')
        shown = self.get('/v1/containers/container_actions').json
        self.assertEqual(container['uuid'], shown['uuid'])

    def test_list_its_actions(self):
        container = self.create_db_container(name='container_actions')
        self.record(container, 'create', 'req-1')
        actions = self.list_actions('container_actions').json[
            'containerActions']
        self.assertEqual(['req-1'],
                         [action['request_id'] for action in actions])

    def test_show_its_action(self):
        container = self.create_db_container(name='container_actions')
        self.record(container, 'create', 'req-1')
        self.show_action('container_actions', 'req-1')
