"""DELETE /v1/containers/{ident}: force, stop, states and claims."""

from unittest import mock

from zun.common import consts
from zun.common import exception
from zun.tests.unit.api import base


class DeleteTestCase(base.APITestCase):

    def delete_container(self, container, query='', status=204, **kwargs):
        path = '/v1/containers/%s' % container['uuid']
        if query:
            path += '?' + query
        return self.delete(path, status=status, **kwargs)

    def assert_delete_sent(self, force=False, stop=False, wait=False):
        self.compute_api.container_delete.assert_called_once_with(
            mock.ANY, mock.ANY, force, stop, wait=wait)


class TestDelete(DeleteTestCase):

    def test_delete_stopped_204(self):
        container = self.create_db_container(status='Stopped')
        response = self.delete_container(container)
        self.assertEqual(b'', response.body)
        self.assert_delete_sent()

    def test_delete_sets_deleting(self):
        container = self.create_db_container(status='Stopped')
        self.delete_container(container)
        stored = self.load_container(container['uuid'])
        self.assertEqual(consts.DELETING, stored.status)
        self.assertEqual(consts.CONTAINER_DELETING, stored.task_state)

    def test_delete_by_name(self):
        container = self.create_db_container(name='old', status='Created')
        self.delete('/v1/containers/old')
        sent = self.compute_api.container_delete.call_args[0][1]
        self.assertEqual(container['uuid'], sent.uuid)

    def test_waits_below_1_10(self):
        container = self.create_db_container(status='Stopped')
        self.delete_container(container, version='1.9')
        self.assert_delete_sent(wait=True)

    def test_async_from_1_10(self):
        container = self.create_db_container(status='Stopped')
        self.delete_container(container, version='1.10')
        self.assert_delete_sent(wait=False)

    def test_every_allowed_status(self):
        for status in consts.ALLOWED_STATUSES['delete']:
            container = self.create_db_container(status=status)
            self.delete_container(container)

    def test_running_409_names_state(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.delete_container(container, status=409))
        self.assertEqual('Cannot delete container %s in Running state.'
                         % container['uuid'], error['detail'])
        self.compute_api.container_delete.assert_not_called()

    def test_claimed_container_409(self):
        container = self.create_db_container(
            status='Stopped', task_state=consts.CONTAINER_STARTING)
        error = self.error_of(self.delete_container(container, status=409))
        self.assertEqual('container.container-busy', error['code'])
        self.assertIn(consts.CONTAINER_STARTING, error['detail'])

    def test_unknown_container_404(self):
        self.delete('/v1/containers/missing', status=404)

    def test_other_project_404(self):
        container = self.create_db_container(project_id='other-project',
                                             status='Stopped')
        self.delete_container(container, status=404)

    def test_all_projects_member_403(self):
        container = self.create_db_container(status='Stopped')
        self.delete_container(container, 'all_projects=1', status=403)

    def test_admin_deletes_other_project(self):
        container = self.create_db_container(status='Stopped')
        self.delete_container(container, **base.ADMIN)
        self.assert_delete_sent()

    def test_unknown_parameter_400(self):
        container = self.create_db_container(status='Stopped')
        self.delete_container(container, 'purge=1', status=400)

    def test_delete_policy_denied(self):
        self.set_policy({'container:delete': '!'})
        container = self.create_db_container(status='Stopped')
        self.delete_container(container, status=403)


class TestForceDelete(DeleteTestCase):

    def test_force_member_403_from_1_7(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.delete_container(
            container, 'force=true', status=403, version='1.7'))
        self.assertIn('container:delete_force', error['detail'])
        self.compute_api.container_delete.assert_not_called()

    def test_force_owner_below_1_7(self):
        container = self.create_db_container(status='Running')
        self.delete_container(container, 'force=true', version='1.6')
        self.assert_delete_sent(force=True, wait=True)

    def test_force_admin(self):
        container = self.create_db_container(status='Running')
        self.delete_container(container, 'force=true', **base.ADMIN)
        self.assert_delete_sent(force=True)

    def test_force_ignores_other_task(self):
        container = self.create_db_container(
            status='Running', task_state=consts.CONTAINER_STOPPING)
        self.delete_container(container, 'force=true', **base.ADMIN)
        self.assert_delete_sent(force=True)

    def test_force_twice_409(self):
        container = self.create_db_container(
            status='Deleting', task_state=consts.CONTAINER_DELETING)
        self.delete_container(container, 'force=true', status=409,
                              **base.ADMIN)

    def test_force_invalid_400(self):
        container = self.create_db_container(status='Stopped')
        self.delete_container(container, 'force=always', status=400)


class TestStopDelete(DeleteTestCase):

    def test_stop_below_1_12_400(self):
        container = self.create_db_container(status='Running')
        error = self.error_of(self.delete_container(
            container, 'stop=true', status=400, version='1.11'))
        self.assertEqual('container.invalid-param-in-version', error['code'])
        self.assertIn("'stop'", error['detail'])
        self.assertIn('1.12', error['detail'])

    def test_stop_running_from_1_12(self):
        container = self.create_db_container(status='Running')
        self.delete_container(container, 'stop=true', version='1.12')
        self.assert_delete_sent(stop=True)

    def test_stop_false_below_1_12(self):
        container = self.create_db_container(status='Stopped')
        self.delete_container(container, 'stop=false', version='1.11')
        self.assert_delete_sent()

    def test_stop_paused_409(self):
        container = self.create_db_container(status='Paused')
        self.delete_container(container, 'stop=true', status=409)


class TestDeleteRelease(DeleteTestCase):
    """A delete whose request to compute fails leaves no claim behind."""

    def test_failed_send_restores_state(self):
        container = self.create_db_container(status='Stopped')
        self.compute_api.container_delete.side_effect = (
            exception.ContainerHostNotUp(host='fake-host',
                                         container=container['uuid']))
        self.delete_container(container, status=503)
        stored = self.load_container(container['uuid'])
        self.assertEqual('Stopped', stored.status)
        self.assertIsNone(stored.task_state)

    def test_unexpected_failure_restores(self):
        container = self.create_db_container(status='Error')
        self.compute_api.container_delete.side_effect = RuntimeError('x')
        self.delete_container(container, status=500)
        stored = self.load_container(container['uuid'])
        self.assertEqual('Error', stored.status)
        self.assertIsNone(stored.task_state)

    def test_force_failure_restores_task(self):
        container = self.create_db_container(
            status='Running', task_state=consts.CONTAINER_STOPPING)
        self.compute_api.container_delete.side_effect = RuntimeError('x')
        self.delete_container(container, 'force=true', status=500,
                              **base.ADMIN)
        stored = self.load_container(container['uuid'])
        self.assertEqual('Running', stored.status)
        self.assertEqual(consts.CONTAINER_STOPPING, stored.task_state)

    def test_retry_after_failure(self):
        container = self.create_db_container(status='Stopped')
        self.compute_api.container_delete.side_effect = RuntimeError('x')
        self.delete_container(container, status=500)
        self.compute_api.container_delete.side_effect = None
        self.delete_container(container)
