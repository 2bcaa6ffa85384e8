"""Tests of the container action and action event functions."""

from oslo_utils import uuidutils

from zun.common import consts
from zun.common import exception
from zun.db import api as dbapi
from zun.tests import base
from zun.tests.unit.db import utils


class TestActions(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.container = utils.create_container(self.context)

    def test_action_start_records_request(self):
        action = utils.create_action(self.context, self.container.uuid,
                                     'stop')
        self.assertEqual('stop', action.action)
        self.assertEqual(self.context.request_id, action.request_id)
        self.assertIsNone(action.finish_time)

    def test_get_by_request_id(self):
        action = utils.create_action(self.context, self.container.uuid)
        found = dbapi.action_get_by_request_id(
            self.context, self.container.uuid, self.context.request_id)
        self.assertEqual(action.id, found.id)

    def test_get_by_request_id_missing(self):
        found = dbapi.action_get_by_request_id(
            self.context, self.container.uuid, 'req-unknown')
        self.assertIsNone(found)

    def test_get_by_request_id_other_container(self):
        utils.create_action(self.context, self.container.uuid)
        found = dbapi.action_get_by_request_id(
            self.context, uuidutils.generate_uuid(), self.context.request_id)
        self.assertIsNone(found)

    def test_action_finish_sets_time(self):
        utils.create_action(self.context, self.container.uuid)
        finished = dbapi.action_finish(self.context, self.container.uuid,
                                       self.context.request_id)
        self.assertIsNotNone(finished.finish_time)
        self.assertIsNone(finished.message)

    def test_action_finish_sets_message(self):
        utils.create_action(self.context, self.container.uuid)
        dbapi.action_finish(self.context, self.container.uuid,
                            self.context.request_id, message='Error')
        found = dbapi.action_get_by_request_id(
            self.context, self.container.uuid, self.context.request_id)
        self.assertEqual('Error', found.message)

    def test_action_finish_unrecorded(self):
        result = dbapi.action_finish(self.context, self.container.uuid,
                                     'req-unknown')
        self.assertIsNone(result)

    def test_actions_newest_first(self):
        first = utils.create_action(self.context, self.container.uuid,
                                    'create', request_id='req-1')
        second = utils.create_action(self.context, self.container.uuid,
                                     'start', request_id='req-2')
        actions = dbapi.actions_get(self.context, self.container.uuid)
        self.assertEqual([second.id, first.id],
                         [action.id for action in actions])

    def test_actions_of_one_container(self):
        other = utils.create_container(self.context)
        utils.create_action(self.context, other.uuid)
        self.assertEqual([], dbapi.actions_get(self.context,
                                               self.container.uuid))


class TestActionEvents(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.container = utils.create_container(self.context)
        self.action = utils.create_action(self.context, self.container.uuid)

    def _start(self, name='compute_container_create'):
        return dbapi.action_event_start(self.context, {
            'container_uuid': self.container.uuid,
            'request_id': self.context.request_id,
            'event': name,
        })

    def test_event_start_links_action(self):
        event = self._start()
        self.assertEqual(self.action.id, event.action_id)
        self.assertEqual('compute_container_create', event.event)

    def test_event_start_without_action(self):
        error = self.assertRaises(
            exception.ContainerActionNotFound, dbapi.action_event_start,
            self.context, {'container_uuid': self.container.uuid,
                           'request_id': 'req-unknown',
                           'event': 'compute_container_start'})
        self.assertIn('req-unknown', str(error))
        self.assertIn(self.container.uuid, str(error))

    def test_event_finish_success(self):
        event = self._start()
        finished = dbapi.action_event_finish(self.context, event.id,
                                             consts.EVENT_SUCCESS)
        self.assertEqual(consts.EVENT_SUCCESS, finished.result)
        self.assertIsNotNone(finished.finish_time)
        self.assertIsNone(finished.traceback)

    def test_event_finish_error(self):
        event = self._start()
        dbapi.action_event_finish(self.context, event.id, consts.EVENT_ERROR,
                                  traceback='Traceback ...',
                                  details='boom')
        events = dbapi.action_events_get(self.context, self.action.id)
        self.assertEqual(consts.EVENT_ERROR, events[0].result)
        self.assertEqual('Traceback ...', events[0].traceback)
        self.assertEqual('boom', events[0].details)

    def test_event_finish_missing(self):
        self.assertRaises(exception.ContainerActionEventNotFound,
                          dbapi.action_event_finish,
                          self.context, 12345, consts.EVENT_SUCCESS)

    def test_events_newest_first(self):
        first = self._start('compute_pull')
        second = self._start('compute_start')
        events = dbapi.action_events_get(self.context, self.action.id)
        self.assertEqual([second.id, first.id],
                         [event.id for event in events])

    def test_event_goes_to_latest_action(self):
        later = utils.create_action(self.context, self.container.uuid,
                                    'start')
        event = self._start()
        self.assertEqual(later.id, event.action_id)
