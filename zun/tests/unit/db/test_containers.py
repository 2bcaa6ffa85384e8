"""Tests of the container functions of the database API."""

from oslo_utils import uuidutils

from zun.common import consts
from zun.common import exception
from zun.db import api as dbapi
from zun.tests import base
from zun.tests.unit.db import utils


class TestContainerCreate(base.DbTestCase):

    def test_create_generates_uuid(self):
        values = utils.container_values()
        del values['uuid']
        row = dbapi.container_create(self.context, values)
        self.assertTrue(uuidutils.is_uuid_like(row.uuid))

    def test_create_sets_created_at(self):
        row = utils.create_container(self.context)
        self.assertIsNotNone(row.created_at)

    def test_json_columns_round_trip(self):
        row = utils.create_container(
            self.context, command=['sh', '-c', 'echo hi'],
            environment={'A': '1'}, ports=[80, 443],
            healthcheck={'test': 'true', 'interval': 3})
        loaded = dbapi.container_get_by_uuid(self.context, row.uuid)
        self.assertEqual(['sh', '-c', 'echo hi'], loaded.command)
        self.assertEqual({'A': '1'}, loaded.environment)
        self.assertEqual([80, 443], loaded.ports)
        self.assertEqual({'test': 'true', 'interval': 3},
                         loaded.healthcheck)

    def test_json_column_keeps_null(self):
        row = utils.create_container(self.context, labels=None)
        loaded = dbapi.container_get_by_uuid(self.context, row.uuid)
        self.assertIsNone(loaded.labels)

    def test_same_name_two_projects(self):
        utils.create_container(self.context, name='web')
        other = utils.create_container(self.context, name='web',
                                       project_id='other-project')
        self.assertEqual('other-project', other.project_id)

    def test_duplicate_name_in_project(self):
        utils.create_container(self.context, name='web')
        error = self.assertRaises(exception.ContainerAlreadyExists,
                                  utils.create_container, self.context,
                                  name='web')
        self.assertIn("'web'", str(error))
        self.assertIn('fake-project', str(error))

    def test_duplicate_uuid_conflicts(self):
        row = utils.create_container(self.context)
        error = self.assertRaises(exception.Conflict,
                                  utils.create_container, self.context,
                                  uuid=row.uuid)
        self.assertNotIsInstance(error, exception.ContainerAlreadyExists)
        self.assertIn(row.uuid, str(error))


class TestContainerGet(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.row = utils.create_container(self.context, name='web')
        self.other_context = self.make_context(project_id='other-project')

    def test_get_by_uuid(self):
        found = dbapi.container_get_by_uuid(self.context, self.row.uuid)
        self.assertEqual(self.row.id, found.id)

    def test_get_by_uuid_missing(self):
        missing = uuidutils.generate_uuid()
        error = self.assertRaises(exception.ContainerNotFound,
                                  dbapi.container_get_by_uuid,
                                  self.context, missing)
        self.assertIn(missing, str(error))

    def test_get_by_uuid_other_project(self):
        self.assertRaises(exception.ContainerNotFound,
                          dbapi.container_get_by_uuid,
                          self.other_context, self.row.uuid)

    def test_get_by_uuid_all_projects(self):
        self.other_context.all_projects = True
        found = dbapi.container_get_by_uuid(self.other_context,
                                            self.row.uuid)
        self.assertEqual(self.row.id, found.id)

    def test_get_by_name(self):
        found = dbapi.container_get_by_name(self.context, 'web')
        self.assertEqual(self.row.uuid, found.uuid)

    def test_get_by_name_missing(self):
        self.assertRaises(exception.ContainerNotFound,
                          dbapi.container_get_by_name, self.context,
                          'nothing')

    def test_get_by_name_other_project(self):
        self.assertRaises(exception.ContainerNotFound,
                          dbapi.container_get_by_name, self.other_context,
                          'web')

    def test_get_by_name_in_own_project(self):
        mine = utils.create_container(self.other_context, name='web',
                                      project_id='other-project')
        found = dbapi.container_get_by_name(self.other_context, 'web')
        self.assertEqual(mine.uuid, found.uuid)

    def test_get_by_name_ambiguous(self):
        utils.create_container(self.other_context, name='web',
                               project_id='other-project')
        self.admin_context.all_projects = True
        error = self.assertRaises(exception.Conflict,
                                  dbapi.container_get_by_name,
                                  self.admin_context, 'web')
        self.assertIn('web', str(error))


class TestContainerUpdate(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.row = utils.create_container(self.context, name='web')

    def test_update_writes_values(self):
        dbapi.container_update(self.context, self.row.uuid,
                               {'status': consts.RUNNING, 'cpu': 0.5})
        loaded = dbapi.container_get_by_uuid(self.context, self.row.uuid)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertEqual(0.5, loaded.cpu)

    def test_update_returns_row(self):
        row = dbapi.container_update(self.context, self.row.uuid,
                                     {'status_reason': 'why'})
        self.assertEqual('why', row.status_reason)

    def test_update_keeps_identity(self):
        dbapi.container_update(self.context, self.row.uuid,
                               {'id': 999, 'uuid': 'changed'})
        loaded = dbapi.container_get_by_uuid(self.context, self.row.uuid)
        self.assertEqual(self.row.id, loaded.id)

    def test_update_missing(self):
        self.assertRaises(exception.ContainerNotFound,
                          dbapi.container_update, self.context,
                          uuidutils.generate_uuid(), {'status': 'Error'})

    def test_rename_to_taken_name(self):
        other = utils.create_container(self.context, name='db')
        error = self.assertRaises(exception.ContainerAlreadyExists,
                                  dbapi.container_update, self.context,
                                  other.uuid, {'name': 'web'})
        self.assertIn("'web'", str(error))
        self.assertIn('fake-project', str(error))

    def test_failed_rename_keeps_name(self):
        other = utils.create_container(self.context, name='db')
        self.assertRaises(exception.ContainerAlreadyExists,
                          dbapi.container_update, self.context, other.uuid,
                          {'name': 'web'})
        loaded = dbapi.container_get_by_uuid(self.context, other.uuid)
        self.assertEqual('db', loaded.name)

    def test_rename_to_name_of_other_project(self):
        other = utils.create_container(self.context, name='db',
                                       project_id='other-project')
        row = dbapi.container_update(self.context, other.uuid,
                                     {'name': 'web'})
        self.assertEqual('web', row.name)


class TestContainerUpdateIf(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.row = utils.create_container(self.context,
                                          status=consts.RUNNING)

    def _load(self):
        return dbapi.container_get_by_uuid(self.context, self.row.uuid)

    def test_none_expected_matches(self):
        written = dbapi.container_update_if(
            self.context, self.row.uuid, {'task_state': None},
            {'status': consts.STOPPED})
        self.assertTrue(written)
        self.assertEqual(consts.STOPPED, self._load().status)

    def test_none_expected_mismatch(self):
        dbapi.container_update(self.context, self.row.uuid,
                               {'task_state': consts.CONTAINER_STOPPING})
        written = dbapi.container_update_if(
            self.context, self.row.uuid, {'task_state': None},
            {'status': consts.STOPPED})
        self.assertFalse(written)
        self.assertEqual(consts.RUNNING, self._load().status)

    def test_value_expected_matches(self):
        written = dbapi.container_update_if(
            self.context, self.row.uuid, {'status': consts.RUNNING},
            {'status': consts.PAUSED})
        self.assertTrue(written)
        self.assertEqual(consts.PAUSED, self._load().status)

    def test_value_expected_mismatch(self):
        written = dbapi.container_update_if(
            self.context, self.row.uuid, {'status': consts.STOPPED},
            {'status': consts.PAUSED})
        self.assertFalse(written)
        self.assertEqual(consts.RUNNING, self._load().status)

    def test_value_expected_against_null(self):
        written = dbapi.container_update_if(
            self.context, self.row.uuid,
            {'task_state': consts.CONTAINER_STOPPING},
            {'status': consts.STOPPED})
        self.assertFalse(written)

    def test_several_expected_values(self):
        written = dbapi.container_update_if(
            self.context, self.row.uuid,
            {'status': consts.RUNNING, 'task_state': None},
            {'status_detail': 'Up 1 second'})
        self.assertTrue(written)
        self.assertEqual('Up 1 second', self._load().status_detail)

    def test_sets_updated_at(self):
        dbapi.container_update_if(self.context, self.row.uuid, {},
                                  {'status_detail': 'x'})
        self.assertIsNotNone(self._load().updated_at)

    def test_missing_container(self):
        written = dbapi.container_update_if(
            self.context, uuidutils.generate_uuid(), {}, {'status': 'Error'})
        self.assertFalse(written)


class TestContainerDestroy(base.DbTestCase):

    def test_destroy_removes_row(self):
        row = utils.create_container(self.context)
        dbapi.container_destroy(self.context, row.uuid)
        self.assertRaises(exception.ContainerNotFound,
                          dbapi.container_get_by_uuid, self.context,
                          row.uuid)

    def test_destroy_missing(self):
        self.assertRaises(exception.ContainerNotFound,
                          dbapi.container_destroy, self.context,
                          uuidutils.generate_uuid())

    def test_destroy_removes_history(self):
        row = utils.create_container(self.context)
        action = utils.create_action(self.context, row.uuid)
        dbapi.action_event_start(self.context, {
            'container_uuid': row.uuid, 'request_id': self.context.request_id,
            'event': 'compute_container_create'})
        dbapi.container_destroy(self.context, row.uuid)
        self.assertEqual([], dbapi.actions_get(self.context, row.uuid))
        self.assertEqual([], dbapi.action_events_get(self.context,
                                                     action.id))

    def test_destroy_keeps_other_history(self):
        row = utils.create_container(self.context)
        other = utils.create_container(self.context)
        utils.create_action(self.context, row.uuid)
        other_action = utils.create_action(self.context, other.uuid)
        dbapi.action_event_start(self.context, {
            'container_uuid': other.uuid,
            'request_id': self.context.request_id,
            'event': 'compute_container_create'})
        dbapi.container_destroy(self.context, row.uuid)
        self.assertEqual(1, len(dbapi.actions_get(self.context, other.uuid)))
        self.assertEqual(1, len(dbapi.action_events_get(self.context,
                                                        other_action.id)))


class TestContainerByHost(base.DbTestCase):

    def test_list_by_host_ignores_project(self):
        mine = utils.create_container(self.context, host='h1')
        theirs = utils.create_container(self.context, host='h1',
                                        project_id='other-project')
        utils.create_container(self.context, host='h2')
        found = dbapi.container_list_by_host(self.context, 'h1')
        self.assertEqual({mine.uuid, theirs.uuid},
                         {row.uuid for row in found})

    def test_memory_by_host(self):
        utils.create_container(self.context, host='h1', memory=512)
        utils.create_container(self.context, host='h1', memory=256,
                               project_id='other-project')
        utils.create_container(self.context, host='h2', memory=128)
        utils.create_container(self.context, host=None, memory=64)
        totals = dbapi.container_memory_by_host(self.context)
        self.assertEqual({'h1': 768, 'h2': 128}, totals)

    def test_memory_by_host_skips_failed(self):
        utils.create_container(self.context, host='h1', memory=512)
        utils.create_container(self.context, host='h1', memory=256,
                               status=consts.ERROR)
        utils.create_container(self.context, host='h1', memory=128,
                               status=consts.DELETED)
        totals = dbapi.container_memory_by_host(self.context)
        self.assertEqual({'h1': 512}, totals)

    def test_memory_by_host_null_memory(self):
        utils.create_container(self.context, host='h1', memory=None)
        totals = dbapi.container_memory_by_host(self.context)
        self.assertEqual({'h1': 0}, totals)

    def test_memory_by_chosen_hosts(self):
        utils.create_container(self.context, host='h1', memory=512)
        utils.create_container(self.context, host='h2', memory=128)
        totals = dbapi.container_memory_by_host(self.context, ['h2', 'h3'])
        self.assertEqual({'h2': 128}, totals)

    def test_memory_by_no_hosts(self):
        utils.create_container(self.context, host='h1', memory=512)
        self.assertEqual({}, dbapi.container_memory_by_host(self.context,
                                                            []))
