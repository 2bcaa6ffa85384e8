"""Readers and scoped tokens through the API pipeline, with noauth headers.

The functional persona matrix checks the same defaults against a real
Keystone; these tests pin the API's side: which status code each denial
becomes.
"""

from zun.tests.unit.api import base

READER = {'roles': 'reader'}
# Headers of a system-scoped administrator token, as keystonemiddleware
# sets them.
SYSTEM_ADMIN = {'project_id': '', 'roles': 'admin,member,reader',
                'extra': {'OpenStack-System-Scope': 'all'}}


class TestReader(base.APITestCase):

    def test_reader_lists(self):
        container = self.create_db_container()
        listed = self.get('/v1/containers', **READER).json['containers']
        self.assertEqual([container['uuid']],
                         [item['uuid'] for item in listed])

    def test_reader_shows(self):
        container = self.create_db_container()
        shown = self.get('/v1/containers/%s' % container['name'], **READER)
        self.assertEqual(container['uuid'], shown.json['uuid'])

    def test_reader_hidden_fields(self):
        container = self.create_db_container()
        shown = self.get('/v1/containers/%s' % container['uuid'], **READER)
        self.assertNotIn('host', shown.json)

    def test_reader_create_403(self):
        response = self.post_json('/v1/containers', {'image': 'busybox'},
                                  status=403, **READER)
        self.assertEqual("Policy doesn't allow container:create to be "
                         "performed.", self.error_of(response)['detail'])

    def test_reader_create_stores_nothing(self):
        self.post_json('/v1/containers', {'image': 'busybox'}, status=403,
                       **READER)
        listed = self.get('/v1/containers').json['containers']
        self.assertEqual([], listed)

    def test_reader_delete_403(self):
        container = self.create_db_container(status='Stopped')
        self.delete('/v1/containers/%s' % container['uuid'], status=403,
                    **READER)
        self.assertEqual('Stopped',
                         self.load_container(container['uuid']).status)

    def test_reader_start_403(self):
        container = self.create_db_container(status='Stopped')
        self.post('/v1/containers/%s/start' % container['uuid'],
                  status=403, **READER)
        self.compute_api.container_start.assert_not_called()

    def test_reader_stop_403(self):
        container = self.create_db_container(status='Running')
        self.post('/v1/containers/%s/stop' % container['uuid'],
                  status=403, **READER)
        self.compute_api.container_stop.assert_not_called()

    def test_reader_all_projects_403(self):
        self.get('/v1/containers?all_projects=true', status=403, **READER)

    def test_reader_other_project_404(self):
        container = self.create_db_container(project_id='other-project')
        self.get('/v1/containers/%s' % container['uuid'], status=404,
                 **READER)

    def test_no_role_list_403(self):
        self.get('/v1/containers', status=403, roles='observer')


class TestScopedTokens(base.APITestCase):

    def test_system_scope_list_403(self):
        response = self.get('/v1/containers', status=403, **SYSTEM_ADMIN)
        self.assertEqual("Policy doesn't allow container:get_all to be "
                         "performed.", self.error_of(response)['detail'])

    def test_system_scope_show_403(self):
        container = self.create_db_container()
        self.get('/v1/containers/%s' % container['uuid'], status=403,
                 **SYSTEM_ADMIN)

    def test_system_scope_create_403(self):
        self.post_json('/v1/containers', {'image': 'busybox'}, status=403,
                       **SYSTEM_ADMIN)

    def test_domain_scope_list_403(self):
        self.get('/v1/containers', status=403, project_id='',
                 roles='admin', extra={'X-Domain-Id': 'default'})
