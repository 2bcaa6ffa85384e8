"""GET /v1/containers/{ident}: lookup, project scope and the view."""

from oslo_utils import uuidutils

from zun.api.views import containers as view
from zun.tests.unit.api import base

RESTRICTED = ('host', 'runtime', 'privileged', 'image_pull_policy')


class TestShow(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.container = self.create_db_container(
            name='web', memory=768, host='compute-1', runtime='runc',
            image_pull_policy='always', privileged=False)
        self.uuid = self.container['uuid']

    def show(self, ident, status=200, **kwargs):
        return self.get('/v1/containers/%s' % ident, status=status,
                        **kwargs)

    def test_show_by_uuid(self):
        self.assertEqual('web', self.show(self.uuid).json['name'])

    def test_show_by_name(self):
        self.assertEqual(self.uuid, self.show('web').json['uuid'])

    def test_unknown_name_404(self):
        error = self.error_of(self.show('missing', status=404))
        self.assertEqual('container.container-not-found', error['code'])
        self.assertIn('missing', error['detail'])

    def test_unknown_uuid_404(self):
        self.show(uuidutils.generate_uuid(), status=404)

    def test_other_project_uuid_404(self):
        other = self.create_db_container(project_id='other-project')
        self.show(other['uuid'], status=404)

    def test_other_project_name_404(self):
        self.create_db_container(name='secret', project_id='other-project')
        self.show('secret', status=404)

    def test_admin_sees_every_project(self):
        body = self.show(self.uuid, **base.ADMIN).json
        self.assertEqual('fake-project', body['project_id'])

    def test_admin_finds_by_name(self):
        self.assertEqual(self.uuid, self.show('web', **base.ADMIN)
                         .json['uuid'])

    def test_all_projects_member_403(self):
        self.show(self.uuid + '?all_projects=1', status=403)

    def test_unknown_parameter_400(self):
        self.show(self.uuid + '?verbose=1', status=400)

    def test_name_like_uuid_falls_back(self):
        name_uuid = uuidutils.generate_uuid()
        self.create_db_container(name=name_uuid)
        self.assertEqual(name_uuid, self.show(name_uuid).json['name'])

    def test_restricted_hidden_from_member(self):
        body = self.show(self.uuid).json
        for field in RESTRICTED:
            self.assertNotIn(field, body)

    def test_restricted_shown_to_admin(self):
        body = self.show(self.uuid, **base.ADMIN).json
        self.assertEqual('compute-1', body['host'])
        self.assertEqual('runc', body['runtime'])
        self.assertIs(False, body['privileged'])
        self.assertEqual('always', body['image_pull_policy'])

    def test_field_policy_override(self):
        self.set_policy({'container:get_one:host': '@'})
        self.assertEqual('compute-1', self.show(self.uuid).json['host'])

    def test_memory_is_string(self):
        self.assertEqual('768', self.show(self.uuid).json['memory'])

    def test_cpu_is_number(self):
        self.assertEqual(1.0, self.show(self.uuid).json['cpu'])

    def test_links(self):
        links = self.show(self.uuid).json['links']
        self.assertEqual(
            [{'href': 'http://localhost/v1/containers/%s' % self.uuid,
              'rel': 'self'},
             {'href': 'http://localhost/containers/%s' % self.uuid,
              'rel': 'bookmark'}], links)

    def test_bookmark_link_resolves(self):
        body = self.get('/containers/%s' % self.uuid).json
        self.assertEqual(self.uuid, body['uuid'])

    def test_member_view_fields(self):
        body = self.show(self.uuid).json
        expected = (set(view.VIEW_FIELDS) - set(RESTRICTED)) | {'links'}
        self.assertEqual(expected, set(body))

    def test_timestamps_have_timezone(self):
        created_at = self.show(self.uuid).json['created_at']
        self.assertTrue(created_at.endswith('+00:00'), created_at)

    def test_show_policy_denied(self):
        self.set_policy({'container:get_one': '!'})
        self.show(self.uuid, status=403)
