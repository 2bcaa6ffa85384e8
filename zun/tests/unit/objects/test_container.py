"""Tests of the Container object against a real SQLite database."""

import datetime

from oslo_utils import timeutils
from oslo_utils import uuidutils

from zun.common import consts
from zun.common import exception
from zun.db import api as dbapi
from zun.objects import container as container_obj
from zun.tests import base
from zun.tests.unit.db import utils

Container = container_obj.Container


def _new_container(context, **overrides):
    values = utils.container_values(**overrides)
    return Container(context, **values)


class TestContainerObject(base.DbTestCase):

    def _create(self, **overrides):
        container = _new_container(self.context, **overrides)
        container.create(self.context)
        return container

    def test_create_loads_id(self):
        container = self._create()
        self.assertIsInstance(container.id, int)
        self.assertIsNotNone(container.created_at)

    def test_create_resets_changes(self):
        container = self._create()
        self.assertEqual(set(), container.obj_what_changed())

    def test_create_duplicate_name(self):
        self._create(name='web')
        self.assertRaises(exception.ContainerAlreadyExists, self._create,
                          name='web')

    def test_get_by_uuid_round_trip(self):
        created = self._create(
            command=['sh', '-c', 'true'], entrypoint=['/bin/sh'],
            environment={'A': 'b'}, labels={'x': 'y'}, ports=[80],
            restart_policy={'Name': 'on-failure',
                            'MaximumRetryCount': '2'},
            healthcheck={'test': 'true', 'interval': 3},
            hints={'label:gpu': 'yes'}, auto_remove=True)
        loaded = Container.get_by_uuid(self.context, created.uuid)
        for name in ('id', 'name', 'image', 'command', 'entrypoint',
                     'environment', 'labels', 'ports', 'restart_policy',
                     'healthcheck', 'hints', 'cpu', 'memory', 'status',
                     'auto_remove', 'host', 'container_id'):
            self.assertEqual(getattr(created, name), getattr(loaded, name),
                             name)

    def test_loaded_values_match_coerced(self):
        # Loading stores most values without coercion; a load that coerces
        # every field must give the same values and types.
        created = self._create(
            command=['sh', '-c', 'true'], environment={'A': 'b'},
            labels={'x': 'y'}, cpu=1, memory=256, interactive=True,
            addresses={'net': [{'addr': '10.0.0.2'}]},
            started_at=datetime.datetime(2026, 1, 2, 3, 4, 5))
        row = dbapi.container_get_by_uuid(self.context, created.uuid)
        loaded = Container._from_db_object(Container(self.context), row)
        coerced = Container(self.context)
        for name in Container.fields:
            setattr(coerced, name, getattr(row, name))
        for name in Container.fields:
            expected = getattr(coerced, name)
            self.assertEqual(expected, getattr(loaded, name), name)
            # Coercion wraps lists and dicts in subclasses that coerce
            # later changes. A plain list or dict contains the same values.
            for base_type in (list, dict):
                if isinstance(expected, base_type):
                    self.assertIsInstance(getattr(loaded, name), base_type)
                    break
            else:
                self.assertIs(type(expected), type(getattr(loaded, name)),
                              name)
        self.assertEqual(datetime.timezone.utc, loaded.started_at.tzinfo)
        self.assertIsInstance(loaded.cpu, float)
        self.assertEqual(set(), loaded.obj_what_changed())

    def test_get_by_uuid_missing(self):
        self.assertRaises(exception.ContainerNotFound, Container.get_by_uuid,
                          self.context, uuidutils.generate_uuid())

    def test_get_by_uuid_keeps_context(self):
        created = self._create()
        loaded = Container.get_by_uuid(self.context, created.uuid)
        self.assertIs(self.context, loaded._context)

    def test_get_by_name(self):
        created = self._create(name='web')
        loaded = Container.get_by_name(self.context, 'web')
        self.assertEqual(created.uuid, loaded.uuid)

    def test_get_by_name_other_project(self):
        self._create(name='web')
        other = self.make_context(project_id='other-project')
        self.assertRaises(exception.ContainerNotFound, Container.get_by_name,
                          other, 'web')

    def test_list(self):
        first = self._create()
        second = self._create()
        listed = Container.list(self.context)
        self.assertEqual([first.uuid, second.uuid],
                         [container.uuid for container in listed])

    def test_list_returns_objects(self):
        self._create()
        listed = Container.list(self.context)
        self.assertIsInstance(listed[0], Container)

    def test_list_page(self):
        created = [self._create() for _ in range(3)]
        listed = Container.list(self.context, limit=1,
                                marker=created[0].uuid, sort_dir='asc')
        self.assertEqual([created[1].uuid],
                         [container.uuid for container in listed])

    def test_list_filters(self):
        self._create(image='nginx')
        alpine = self._create(image='alpine')
        listed = Container.list(self.context, filters={'image': 'alpine'})
        self.assertEqual([alpine.uuid],
                         [container.uuid for container in listed])

    def test_list_by_host(self):
        on_h1 = self._create(host='h1')
        self._create(host='h2')
        listed = Container.list_by_host(self.context, 'h1')
        self.assertEqual([on_h1.uuid],
                         [container.uuid for container in listed])

    def test_save_writes_changes(self):
        container = self._create()
        container.status = consts.RUNNING
        container.status_reason = 'started'
        container.save()
        loaded = Container.get_by_uuid(self.context, container.uuid)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertEqual('started', loaded.status_reason)

    def test_save_resets_changes(self):
        container = self._create()
        container.status = consts.RUNNING
        container.save()
        self.assertEqual(set(), container.obj_what_changed())

    def test_save_loads_updated_at(self):
        container = self._create()
        container.status = consts.RUNNING
        container.save()
        self.assertIsNotNone(container.updated_at)

    def test_save_only_changed_fields(self):
        container = self._create(status=consts.RUNNING)
        stale = Container.get_by_uuid(self.context, container.uuid)
        container.status = consts.STOPPED
        container.save()
        stale.status_reason = 'note'
        stale.save()
        loaded = Container.get_by_uuid(self.context, container.uuid)
        self.assertEqual(consts.STOPPED, loaded.status)

    def test_save_without_changes(self):
        container = self._create()
        dbapi.container_destroy(self.context, container.uuid)
        # Nothing changed, so nothing is written and no lookup fails.
        container.save()

    def test_save_missing_row(self):
        container = self._create()
        dbapi.container_destroy(self.context, container.uuid)
        container.status = consts.ERROR
        self.assertRaises(exception.ContainerNotFound, container.save)

    def test_save_duplicate_name(self):
        self._create(name='web')
        container = self._create(name='db')
        container.name = 'web'
        self.assertRaises(exception.ContainerAlreadyExists, container.save)

    def test_save_if_matches(self):
        container = self._create(status=consts.RUNNING)
        container.status = consts.STOPPED
        written = container.save_if({'status': consts.RUNNING,
                                     'task_state': None})
        self.assertTrue(written)
        self.assertEqual(set(), container.obj_what_changed())
        loaded = Container.get_by_uuid(self.context, container.uuid)
        self.assertEqual(consts.STOPPED, loaded.status)

    def test_save_if_mismatch(self):
        container = self._create(status=consts.RUNNING)
        dbapi.container_update(self.context, container.uuid,
                               {'task_state': consts.CONTAINER_STOPPING})
        container.status = consts.STOPPED
        written = container.save_if({'task_state': None})
        self.assertFalse(written)
        self.assertIn('status', container.obj_what_changed())
        loaded = Container.get_by_uuid(self.context, container.uuid)
        self.assertEqual(consts.RUNNING, loaded.status)

    def test_claim_returns_object(self):
        container = self._create(status=consts.RUNNING)
        claimed = Container.claim(self.context, container.uuid, 'stop',
                                  (consts.RUNNING,),
                                  consts.CONTAINER_STOPPING)
        self.assertIsInstance(claimed, Container)
        self.assertEqual(consts.CONTAINER_STOPPING, claimed.task_state)
        self.assertEqual(set(), claimed.obj_what_changed())

    def test_claim_with_status(self):
        container = self._create(status=consts.STOPPED)
        claimed = Container.claim(self.context, container.uuid, 'delete',
                                  consts.ALLOWED_STATUSES['delete'],
                                  consts.CONTAINER_DELETING,
                                  status=consts.DELETING)
        self.assertEqual(consts.DELETING, claimed.status)

    def test_claim_busy(self):
        container = self._create(status=consts.RUNNING,
                                 task_state=consts.CONTAINER_PAUSING)
        self.assertRaises(exception.ContainerBusy, Container.claim,
                          self.context, container.uuid, 'stop',
                          (consts.RUNNING,), consts.CONTAINER_STOPPING)

    def test_refresh_reloads(self):
        container = self._create()
        dbapi.container_update(self.context, container.uuid,
                               {'status': consts.RUNNING})
        container.refresh()
        self.assertEqual(consts.RUNNING, container.status)
        self.assertEqual(set(), container.obj_what_changed())

    def test_refresh_ignores_scope(self):
        container = self._create()
        dbapi.container_update(self.context, container.uuid,
                               {'status': consts.STOPPED})
        other = self.make_context(project_id='other-project')
        container.refresh(other)
        self.assertEqual(consts.STOPPED, container.status)
        self.assertIs(other, container._context)

    def test_refresh_missing(self):
        container = self._create()
        dbapi.container_destroy(self.context, container.uuid)
        self.assertRaises(exception.ContainerNotFound, container.refresh)

    def test_destroy(self):
        container = self._create()
        container.destroy()
        self.assertRaises(exception.ContainerNotFound, Container.get_by_uuid,
                          self.context, container.uuid)

    def test_destroy_twice(self):
        container = self._create()
        container.destroy()
        self.assertRaises(exception.ContainerNotFound, container.destroy)


class TestContainerDatetimes(base.DbTestCase):

    def test_started_at_round_trip(self):
        started = datetime.datetime(2024, 3, 1, 8, 30, 15, 123456)
        container = _new_container(self.context, started_at=started)
        container.create(self.context)
        loaded = Container.get_by_uuid(self.context, container.uuid)
        self.assertEqual(started,
                         timeutils.normalize_time(loaded.started_at))

    def test_aware_datetime_saved_as_utc(self):
        container = _new_container(self.context)
        container.create(self.context)
        zone = datetime.timezone(datetime.timedelta(hours=2))
        container.started_at = datetime.datetime(2024, 3, 1, 10, 0,
                                                 tzinfo=zone)
        container.save()
        loaded = Container.get_by_uuid(self.context, container.uuid)
        self.assertEqual(datetime.datetime(2024, 3, 1, 8, 0),
                         timeutils.normalize_time(loaded.started_at))

    def test_datetimes_are_aware(self):
        container = _new_container(self.context)
        container.create(self.context)
        loaded = Container.get_by_uuid(self.context, container.uuid)
        self.assertIsNotNone(loaded.created_at.tzinfo)

    def test_datetime_serializes(self):
        container = _new_container(
            self.context, started_at=datetime.datetime(2024, 3, 1, 8, 0))
        container.create(self.context)
        primitive = container.obj_to_primitive()
        copy = Container.obj_from_primitive(primitive)
        self.assertEqual(container.started_at, copy.started_at)
        # oslo.versionedobjects serializes datetimes to whole seconds.
        self.assertEqual(container.created_at.replace(microsecond=0),
                         copy.created_at)


class TestContainerFields(base.TestCase):

    def test_status_rejects_unknown(self):
        container = Container(self.context)
        self.assertRaises(ValueError, setattr, container, 'status',
                          'Sleeping')

    def test_task_state_rejects_unknown(self):
        container = Container(self.context)
        self.assertRaises(ValueError, setattr, container, 'task_state',
                          'dreaming')

    def test_json_field_rejects_object(self):
        container = Container(self.context)
        self.assertRaises(ValueError, setattr, container, 'healthcheck',
                          {'test': object()})

    def test_as_dict_only_set_fields(self):
        container = Container(self.context, name='web', memory=128)
        self.assertEqual({'name': 'web', 'memory': 128},
                         container.as_dict())
