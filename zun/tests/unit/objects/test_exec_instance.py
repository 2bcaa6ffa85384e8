"""Tests of the ExecInstance object."""

from zun.common import exception
from zun.objects import exec_instance
from zun.tests import base
from zun.tests.unit.db import utils

EXEC_ID = 'd' * 64


class TestExecInstance(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.container = utils.create_container(self.context)

    def test_create_sets_id(self):
        created = exec_instance.ExecInstance(
            self.context, container_uuid=self.container.uuid,
            exec_id=EXEC_ID)
        created.create(self.context)
        self.assertIsNotNone(created.id)
        self.assertIsNotNone(created.created_at)

    def test_get_round_trip(self):
        exec_instance.ExecInstance(
            self.context, container_uuid=self.container.uuid,
            exec_id=EXEC_ID).create(self.context)
        found = exec_instance.ExecInstance.get(self.context,
                                               self.container.uuid, EXEC_ID)
        self.assertEqual(EXEC_ID, found.exec_id)
        self.assertEqual(self.container.uuid, found.container_uuid)

    def test_get_missing_raises(self):
        self.assertRaises(exception.ExecInstanceNotFound,
                          exec_instance.ExecInstance.get, self.context,
                          self.container.uuid, EXEC_ID)
