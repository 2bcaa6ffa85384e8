"""PATCH /v1/containers/{ident}, rename, resize_container and commit."""

from zun.common import consts
from zun.common import exception
from zun.tests.unit.api import base


class UpdateTestCase(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.compute_api.container_update.side_effect = self._engine_update

    @staticmethod
    def _engine_update(context, container, patch):
        # What zun-compute does: change the limits and clear the task.
        for name, value in patch.items():
            setattr(container, name, value)
        container.task_state = None
        container.save(context)
        return container

    def patch_json(self, container, body, status=200, **kwargs):
        return self.app.patch_json(
            '/v1/containers/%s' % container['uuid'], body,
            headers=self.headers(**kwargs), status=status)


class TestPatch(UpdateTestCase):

    def test_name_only_writes_record(self):
        container = self.create_db_container(status='Running')
        response = self.patch_json(container, {'name': 'new-name'})
        self.assertEqual('new-name', response.json['name'])
        self.assertEqual('new-name',
                         self.load_container(container['uuid']).name)
        self.compute_api.container_update.assert_not_called()

    def test_auto_heal_only_writes_record(self):
        container = self.create_db_container(status='Stopped')
        response = self.patch_json(container, {'auto_heal': True})
        self.assertTrue(response.json['auto_heal'])
        self.compute_api.container_update.assert_not_called()
        self.assertIsNone(self.load_container(container['uuid']).task_state)

    def test_cpu_memory_reach_compute(self):
        container = self.create_db_container(status='Running')
        seen = []

        def update(context, claimed, patch):
            seen.append(self.load_container(claimed.uuid).task_state)
            return self._engine_update(context, claimed, patch)

        self.compute_api.container_update.side_effect = update
        response = self.patch_json(container, {'cpu': '0.5',
                                               'memory': '256m'})
        sent = self.compute_api.container_update.call_args[0]
        self.assertEqual({'cpu': 0.5, 'memory': 256}, sent[2])
        self.assertEqual([consts.CONTAINER_UPDATING], seen)
        self.assertEqual('256', response.json['memory'])
        self.assertEqual(0.5, response.json['cpu'])

    def test_mixed_patch_writes_name_first(self):
        container = self.create_db_container(status='Running')
        self.patch_json(container, {'memory': 128, 'name': 'mixed'})
        sent = self.compute_api.container_update.call_args[0][1]
        self.assertEqual('mixed', sent.name)
        self.assertEqual({'memory': 128},
                         self.compute_api.container_update.call_args[0][2])

    def test_engine_failure_undoes_record(self):
        container = self.create_db_container(status='Running', name='old')
        self.compute_api.container_update.side_effect = (
            exception.ContainerEngineInvalid(detail='memory too low'))
        error = self.error_of(self.patch_json(
            container, {'memory': 8, 'name': 'new', 'auto_heal': True},
            status=400))
        self.assertIn('memory too low', error['detail'])
        stored = self.load_container(container['uuid'])
        self.assertEqual('old', stored.name)
        self.assertFalse(stored.auto_heal)
        self.assertIsNone(stored.task_state)

    def test_capacity_conflict_409(self):
        container = self.create_db_container(status='Running')
        self.compute_api.container_update.side_effect = (
            exception.HostCapacityExceeded(container=container['uuid'],
                                           requested=8192, host='h',
                                           free=100))
        self.patch_json(container, {'memory': 8192}, status=409)
        self.assertIsNone(self.load_container(container['uuid']).task_state)

    def test_allowed_statuses(self):
        for status in consts.CONTAINER_STATUSES:
            container = self.create_db_container(status=status)
            allowed = status in consts.ALLOWED_STATUSES['update']
            for body in ({'name': 'n-%s' % status.lower()}, {'cpu': 2}):
                self.patch_json(container, body,
                                status=200 if allowed else 409)

    def test_taken_name_409(self):
        self.create_db_container(name='taken')
        container = self.create_db_container(status='Running')
        error = self.error_of(self.patch_json(
            container, {'name': 'taken', 'memory': 128}, status=409))
        self.assertEqual('container.container-already-exists', error['code'])
        self.compute_api.container_update.assert_not_called()
        self.assertIsNone(self.load_container(container['uuid']).task_state)

    def test_taken_name_other_project_ok(self):
        self.create_db_container(name='shared', project_id='other')
        container = self.create_db_container(status='Running')
        self.patch_json(container, {'name': 'shared'})

    def test_name_before_1_14_400(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.patch_json(container, {'name': 'x1'},
                                              status=400, version='1.13'))
        self.assertIn('1.14', error['detail'])

    def test_cpu_at_1_1(self):
        container = self.create_db_container(status='Running')
        self.patch_json(container, {'cpu': 2}, version='1.1')

    def test_empty_body_400(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.patch_json(container, {}, status=400))
        self.assertIn('auto_heal', error['detail'])

    def test_bad_values_400(self):
        container = self.create_db_container(status='Running')
        for body in ({'cpu': 'x'}, {'cpu': 0}, {'memory': 1},
                     {'memory': '1.5k'}, {'name': 'a'}, {'name': 'a b'},
                     {'auto_heal': 'yes'}, {'image': 'busybox'},
                     {'status': 'Running'}, {'cpu': True}):
            error = self.error_of(self.patch_json(container, body,
                                                  status=400))
            self.assertIn(list(body)[0], error['detail'], body)
        self.assert_unchanged(container)

    def assert_unchanged(self, container):
        stored = self.load_container(container['uuid'])
        self.assertEqual(container['name'], stored.name)
        self.assertIsNone(stored.task_state)
        self.compute_api.container_update.assert_not_called()

    def test_policy_denied_403(self):
        self.set_policy({'container:update': '!'})
        container = self.create_db_container(status='Running')
        self.patch_json(container, {'name': 'denied'}, status=403)
        self.assert_unchanged(container)

    def test_other_project_404(self):
        container = self.create_db_container(project_id='other')
        self.patch_json(container, {'cpu': 2}, status=404)

    def test_collection_patch_405(self):
        self.app.patch_json('/v1/containers', {'cpu': 2},
                            headers=self.headers(), status=405)


class TestRename(UpdateTestCase):

    def rename(self, container, query, status=200, version='1.13'):
        return self.post('/v1/containers/%s/rename?%s'
                         % (container['uuid'], query), status=status,
                         version=version)

    def test_rename_200(self):
        container = self.create_db_container(status='Running')
        response = self.rename(container, 'name=renamed')
        self.assertEqual('renamed', response.json['name'])

    def test_any_status_renamed(self):
        for status in consts.CONTAINER_STATUSES:
            container = self.create_db_container(status=status)
            self.rename(container, 'name=r-%s' % status.lower(),
                        version='1.1')

    def test_busy_container_409(self):
        container = self.create_db_container(
            status='Running', task_state=consts.CONTAINER_STOPPING)
        self.rename(container, 'name=busy', status=409)

    def test_taken_name_409(self):
        self.create_db_container(name='taken')
        container = self.create_db_container()
        self.rename(container, 'name=taken', status=409)
        stored = self.load_container(container['uuid'])
        self.assertEqual(container['name'], stored.name)

    def test_removed_at_1_14(self):
        container = self.create_db_container()
        error = self.error_of(self.rename(container, 'name=x1', status=406,
                                          version='1.14'))
        self.assertIn('rename', error['detail'])

    def test_name_required_400(self):
        container = self.create_db_container()
        self.rename(container, '', status=400)

    def test_bad_name_400(self):
        container = self.create_db_container()
        self.rename(container, 'name=-x', status=400)

    def test_policy_denied_403(self):
        self.set_policy({'container:rename': '!'})
        container = self.create_db_container()
        self.rename(container, 'name=denied', status=403)


class TestResizeContainer(UpdateTestCase):

    def resize(self, container, body, status=202, version='1.19'):
        return self.app.post_json(
            '/v1/containers/%s/resize_container' % container['uuid'], body,
            headers=self.headers(version=version), status=status)

    def test_resize_cast_202(self):
        container = self.create_db_container(status='Running')
        response = self.resize(container, {'cpu': 0.5, 'memory': '128'})
        self.assertEqual(container['uuid'], response.json['uuid'])
        self.assertEqual(consts.CONTAINER_UPDATING,
                         response.json['task_state'])
        self.assertEqual({'cpu': 0.5, 'memory': 128},
                         self.compute_api.resize_container.call_args[0][2])

    def test_before_1_19_406(self):
        container = self.create_db_container(status='Running')
        self.resize(container, {'cpu': 0.5}, status=406, version='1.18')
        self.compute_api.resize_container.assert_not_called()

    def test_nothing_to_change_400(self):
        container = self.create_db_container(status='Running')
        self.resize(container, {}, status=400)

    def test_stopped_allowed_error_refused(self):
        self.resize(self.create_db_container(status='Stopped'), {'cpu': 1})
        self.resize(self.create_db_container(status='Error'), {'cpu': 1},
                    status=409)


class TestCommit(UpdateTestCase):

    def setUp(self):
        super().setUp()
        self.compute_api.container_commit.return_value = 'sha256:' + 'a' * 64

    def commit(self, container, query, status=202):
        return self.post('/v1/containers/%s/commit?%s'
                         % (container['uuid'], query), status=status)

    def test_commit_returns_image_id(self):
        container = self.create_db_container(status='Running')
        response = self.commit(container, 'repository=myrepo&tag=v1')
        self.assertEqual({'uuid': 'sha256:' + 'a' * 64}, response.json)
        args = self.compute_api.container_commit.call_args[0]
        self.assertEqual(('myrepo', 'v1'), args[2:])

    def test_tag_defaults_latest(self):
        container = self.create_db_container(status='Stopped')
        self.commit(container, 'repository=registry:5000/team/app')
        args = self.compute_api.container_commit.call_args[0]
        self.assertEqual(('registry:5000/team/app', 'latest'), args[2:])

    def test_allowed_statuses(self):
        for status in consts.CONTAINER_STATUSES:
            container = self.create_db_container(status=status)
            allowed = status in consts.ALLOWED_STATUSES['commit']
            self.commit(container, 'repository=r',
                        status=202 if allowed else 409)

    def test_bad_references_400(self):
        container = self.create_db_container(status='Running')
        for query in ('', 'repository=', 'repository=UP',
                      'repository=a/', 'repository=a&tag=-t',
                      'repository=a&tag=' + 't' * 129,
                      'repository=' + 'a' * 256):
            error = self.error_of(self.commit(container, query, status=400))
            self.assertIn("'", error['detail'], query)
        self.compute_api.container_commit.assert_not_called()

    def test_engine_rejection_400(self):
        container = self.create_db_container(status='Running')
        self.compute_api.container_commit.side_effect = (
            exception.ContainerEngineInvalid(detail='invalid reference'))
        self.commit(container, 'repository=a', status=400)
        self.assertIsNone(self.load_container(container['uuid']).task_state)
