"""The request ID header on responses of every branch of the pipeline."""

from zun.tests.unit.api import base

HEADER = 'x-openstack-request-id'


class TestRequestIdHeader(base.APITestCase):

    def test_healthcheck_has_request_id(self):
        response = self.app.get('/healthcheck')
        self.assertTrue(response.headers[HEADER].startswith('req-'))

    def test_root_has_request_id(self):
        response = self.app.get('/')
        self.assertTrue(response.headers[HEADER].startswith('req-'))

    def test_error_has_request_id(self):
        response = self.get('/v1/containers/missing', status=404)
        self.assertEqual(self.error_of(response)['request_id'],
                         response.headers[HEADER])
