"""Tests of the atomic claim of a container for an action."""

import collections
import threading

from oslo_utils import uuidutils

from zun.common import consts
from zun.common import exception
from zun.db import api as dbapi
from zun.tests import base
from zun.tests.unit.db import utils

STOP_STATUSES = consts.ALLOWED_STATUSES['stop']


class TestContainerClaim(base.DbTestCase):

    def _create(self, **overrides):
        return utils.create_container(self.context, **overrides)

    def _claim(self, container_uuid, action='stop',
               statuses=STOP_STATUSES,
               task_state=consts.CONTAINER_STOPPING, **kwargs):
        return dbapi.container_claim(self.context, container_uuid, action,
                                     statuses, task_state, **kwargs)

    def _load(self, container_uuid):
        return dbapi.container_get_by_uuid(self.context, container_uuid)

    def test_claim_sets_task_state(self):
        row = self._create(status=consts.RUNNING)
        claimed = self._claim(row.uuid)
        self.assertEqual(consts.CONTAINER_STOPPING, claimed.task_state)
        self.assertEqual(consts.CONTAINER_STOPPING,
                         self._load(row.uuid).task_state)

    def test_claim_sets_status(self):
        row = self._create(status=consts.STOPPED)
        claimed = self._claim(row.uuid, 'delete',
                              consts.ALLOWED_STATUSES['delete'],
                              consts.CONTAINER_DELETING,
                              status=consts.DELETING)
        self.assertEqual(consts.DELETING, claimed.status)
        self.assertEqual(consts.DELETING, self._load(row.uuid).status)

    def test_claim_keeps_status(self):
        row = self._create(status=consts.RUNNING)
        self._claim(row.uuid)
        self.assertEqual(consts.RUNNING, self._load(row.uuid).status)

    def test_claim_sets_updated_at(self):
        row = self._create(status=consts.RUNNING)
        self.assertIsNotNone(self._claim(row.uuid).updated_at)

    def test_claim_each_allowed_status(self):
        for status in consts.ALLOWED_STATUSES['start']:
            row = self._create(status=status)
            claimed = self._claim(row.uuid, 'start',
                                  consts.ALLOWED_STATUSES['start'],
                                  consts.CONTAINER_STARTING)
            self.assertEqual(consts.CONTAINER_STARTING, claimed.task_state,
                             status)

    def test_claim_wrong_status(self):
        row = self._create(status=consts.STOPPED)
        error = self.assertRaises(exception.InvalidStateException,
                                  self._claim, row.uuid)
        message = str(error)
        self.assertIn('Cannot stop container %s' % row.uuid, message)
        self.assertIn('in Stopped state', message)

    def test_wrong_status_leaves_row(self):
        row = self._create(status=consts.STOPPED)
        self.assertRaises(exception.InvalidStateException, self._claim,
                          row.uuid)
        self.assertIsNone(self._load(row.uuid).task_state)

    def test_wrong_status_and_busy(self):
        # The running task is the better explanation of the two.
        row = self._create(status=consts.STOPPED,
                           task_state=consts.CONTAINER_STARTING)
        self.assertRaises(exception.ContainerBusy, self._claim, row.uuid)

    def test_claim_busy(self):
        row = self._create(status=consts.RUNNING,
                           task_state=consts.CONTAINER_PAUSING)
        error = self.assertRaises(exception.ContainerBusy, self._claim,
                                  row.uuid)
        message = str(error)
        self.assertIn('Cannot stop container %s' % row.uuid, message)
        self.assertIn(consts.CONTAINER_PAUSING, message)

    def test_busy_keeps_task_state(self):
        row = self._create(status=consts.RUNNING,
                           task_state=consts.CONTAINER_PAUSING)
        self.assertRaises(exception.ContainerBusy, self._claim, row.uuid)
        self.assertEqual(consts.CONTAINER_PAUSING,
                         self._load(row.uuid).task_state)

    def test_second_claim_busy(self):
        row = self._create(status=consts.RUNNING)
        self._claim(row.uuid)
        self.assertRaises(exception.ContainerBusy, self._claim, row.uuid)

    def test_claim_missing(self):
        missing = uuidutils.generate_uuid()
        error = self.assertRaises(exception.ContainerNotFound, self._claim,
                                  missing)
        self.assertIn(missing, str(error))

    def test_ignore_task_state_other_task(self):
        row = self._create(status=consts.RUNNING,
                           task_state=consts.CONTAINER_STOPPING)
        claimed = self._claim(row.uuid, 'delete',
                              consts.ALLOWED_STATUSES['delete_force'],
                              consts.CONTAINER_DELETING,
                              status=consts.DELETING,
                              ignore_task_state=True)
        self.assertEqual(consts.CONTAINER_DELETING, claimed.task_state)
        self.assertEqual(consts.DELETING, claimed.status)

    def test_ignore_task_state_idle(self):
        row = self._create(status=consts.ERROR)
        claimed = self._claim(row.uuid, 'delete',
                              consts.ALLOWED_STATUSES['delete_force'],
                              consts.CONTAINER_DELETING,
                              ignore_task_state=True)
        self.assertEqual(consts.CONTAINER_DELETING, claimed.task_state)

    def test_ignore_task_state_same_task(self):
        row = self._create(status=consts.DELETING,
                           task_state=consts.CONTAINER_DELETING)
        error = self.assertRaises(
            exception.ContainerBusy, self._claim, row.uuid, 'delete',
            consts.ALLOWED_STATUSES['delete_force'],
            consts.CONTAINER_DELETING, status=consts.DELETING,
            ignore_task_state=True)
        self.assertIn(consts.CONTAINER_DELETING, str(error))

    def test_ignore_task_state_checks_status(self):
        row = self._create(status=consts.RUNNING,
                           task_state=consts.CONTAINER_STOPPING)
        self.assertRaises(
            exception.InvalidStateException, self._claim, row.uuid,
            'delete', consts.ALLOWED_STATUSES['delete'],
            consts.CONTAINER_DELETING, ignore_task_state=True)

    def test_claim_other_project(self):
        row = self._create(status=consts.RUNNING)
        other = self.make_context(project_id='other-project')
        claimed = dbapi.container_claim(other, row.uuid, 'stop',
                                        STOP_STATUSES,
                                        consts.CONTAINER_STOPPING)
        # The API has checked policy and scope before it claims, so the
        # claim itself works on any container it is given.
        self.assertEqual(row.uuid, claimed.uuid)


class TestConcurrentClaims(base.DbTestCase):
    """Many threads claim one container in one SQLite file at once."""

    THREADS = 24

    def _race(self, container_uuid):
        results = collections.Counter()
        lock = threading.Lock()
        barrier = threading.Barrier(self.THREADS)

        def claim():
            barrier.wait()
            try:
                dbapi.container_claim(self.context, container_uuid, 'stop',
                                      STOP_STATUSES,
                                      consts.CONTAINER_STOPPING)
                outcome = 'claimed'
            except exception.ContainerBusy:
                outcome = 'busy'
            except Exception as exc:
                outcome = '%s: %s' % (type(exc).__name__, exc)
            with lock:
                results[outcome] += 1

        threads = [threading.Thread(target=claim)
                   for _ in range(self.THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        return results

    def test_exactly_one_claim_wins(self):
        for _ in range(3):
            row = utils.create_container(self.context,
                                         status=consts.RUNNING)
            results = self._race(row.uuid)
            self.assertEqual(1, results['claimed'], results)
            self.assertEqual(self.THREADS - 1, results['busy'], results)

    def test_race_leaves_one_task(self):
        row = utils.create_container(self.context, status=consts.RUNNING)
        self._race(row.uuid)
        loaded = dbapi.container_get_by_uuid(self.context, row.uuid)
        self.assertEqual(consts.CONTAINER_STOPPING, loaded.task_state)
