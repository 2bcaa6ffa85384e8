"""A first API test: create, then show through the pipeline."""

from zun.tests.unit.api import base


class TestCreateAndShow(base.APITestCase):

    def test_create_returns_202_and_location(self):
        response = self.post_json('/v1/containers',
                                  {'image': 'busybox', 'name': 'web1'})
        body = response.json
        self.assertEqual('web1', body['name'])
        self.assertEqual('Creating', body['status'])
        self.assertTrue(response.location.endswith(body['uuid']))
        self.compute_api.container_create.assert_called_once()

    def test_show_by_name(self):
        created = self.post_json('/v1/containers',
                                 {'image': 'busybox', 'name': 'web1'}).json
        shown = self.get('/v1/containers/web1').json
        self.assertEqual(created['uuid'], shown['uuid'])
