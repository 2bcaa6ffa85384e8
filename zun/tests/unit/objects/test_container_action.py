"""Tests of the ContainerAction, ContainerActionEvent and ComputeNode
objects."""

import sys

from zun.common import consts
from zun.objects import compute_node
from zun.objects import container_action
from zun.tests import base
from zun.tests.unit.db import utils

ContainerAction = container_action.ContainerAction
ContainerActionEvent = container_action.ContainerActionEvent


class TestContainerAction(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.container = utils.create_container(self.context)

    def test_action_start_records_caller(self):
        action = ContainerAction.action_start(self.context,
                                              self.container.uuid, 'start')
        self.assertEqual('start', action.action)
        self.assertEqual(self.context.request_id, action.request_id)
        self.assertEqual(self.context.user_id, action.user_id)
        self.assertEqual(self.context.project_id, action.project_id)
        self.assertIsNotNone(action.start_time)

    def test_action_finish_success(self):
        ContainerAction.action_start(self.context, self.container.uuid,
                                     'start')
        ContainerAction.action_finish(self.context, self.container.uuid)
        action = ContainerAction.get_by_request_id(
            self.context, self.container.uuid, self.context.request_id)
        self.assertIsNotNone(action.finish_time)
        self.assertIsNone(action.message)

    def test_action_finish_failed(self):
        ContainerAction.action_start(self.context, self.container.uuid,
                                     'start')
        ContainerAction.action_finish(self.context, self.container.uuid,
                                      failed=True)
        action = ContainerAction.get_by_request_id(
            self.context, self.container.uuid, self.context.request_id)
        self.assertEqual('Error', action.message)

    def test_get_by_request_id_missing(self):
        self.assertIsNone(ContainerAction.get_by_request_id(
            self.context, self.container.uuid, 'req-unknown'))

    def test_get_by_container_uuid(self):
        ContainerAction.action_start(self.context, self.container.uuid,
                                     'create')
        actions = ContainerAction.get_by_container_uuid(
            self.context, self.container.uuid)
        self.assertEqual(['create'], [action.action for action in actions])


class TestContainerActionEvent(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.container = utils.create_container(self.context)
        self.action = ContainerAction.action_start(
            self.context, self.container.uuid, 'create')

    def test_event_start(self):
        event = ContainerActionEvent.event_start(
            self.context, self.container.uuid, 'compute_container_create')
        self.assertEqual(self.action.id, event.action_id)
        self.assertIsNotNone(event.start_time)

    def test_finish_success(self):
        event = ContainerActionEvent.event_start(
            self.context, self.container.uuid, 'compute_container_create')
        event.finish()
        self.assertEqual(consts.EVENT_SUCCESS, event.result)
        self.assertIsNotNone(event.finish_time)

    def test_finish_error_with_traceback(self):
        event = ContainerActionEvent.event_start(
            self.context, self.container.uuid, 'compute_container_create')
        try:
            raise RuntimeError('engine exploded')
        except RuntimeError as exc:
            event.finish(exc, sys.exc_info()[2])
        events = ContainerActionEvent.get_by_action(self.context,
                                                    self.action.id)
        self.assertEqual(consts.EVENT_ERROR, events[0].result)
        self.assertIn('engine exploded', events[0].details)
        self.assertIn('test_finish_error_with_traceback',
                      events[0].traceback)

    def test_finish_error_without_traceback(self):
        event = ContainerActionEvent.event_start(
            self.context, self.container.uuid, 'compute_container_create')
        event.finish(RuntimeError('boom'))
        self.assertEqual(consts.EVENT_ERROR, event.result)
        self.assertIsNone(event.traceback)


class TestComputeNode(base.DbTestCase):

    def test_report_creates(self):
        node = compute_node.ComputeNode.report(
            self.context, 'h1', {'mem_total': 4096, 'cpus': 4,
                                 'runtimes': ['runc'], 'labels': {}})
        self.assertEqual('h1', node.hostname)
        self.assertEqual(4096, node.mem_total)
        self.assertEqual(['runc'], node.runtimes)

    def test_report_updates(self):
        first = compute_node.ComputeNode.report(self.context, 'h1',
                                                {'mem_total': 4096})
        second = compute_node.ComputeNode.report(self.context, 'h1',
                                                 {'mem_total': 2048})
        self.assertEqual(first.uuid, second.uuid)
        loaded = compute_node.ComputeNode.get_by_hostname(self.context,
                                                          'h1')
        self.assertEqual(2048, loaded.mem_total)

    def test_list(self):
        compute_node.ComputeNode.report(self.context, 'h1', {})
        compute_node.ComputeNode.report(self.context, 'h2', {})
        nodes = compute_node.ComputeNode.list(self.context)
        self.assertEqual(['h1', 'h2'], [node.hostname for node in nodes])
