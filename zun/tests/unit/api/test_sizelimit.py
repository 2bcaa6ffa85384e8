"""Request body size limit of the API."""

import io

from zun.api.middleware import sizelimit
from zun.common import exception
from zun.tests.unit.api import base


class TestBodySizeLimit(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.conf.config(max_request_body_size=2048, group='api')

    def _big_body(self):
        return {'image': 'busybox', 'labels': {'big': 'x' * 4096}}

    def test_oversized_body_is_413(self):
        response = self.post_json('/v1/containers', self._big_body(),
                                  status=413)
        error = response.json['errors'][0]
        self.assertEqual(413, error['status'])
        self.assertIn('2048', error['detail'])

    def test_413_has_version_headers(self):
        response = self.post_json('/v1/containers', self._big_body(),
                                  status=413)
        self.assertEqual('container 1.40',
                         response.headers['OpenStack-API-Version'])

    def test_chunked_oversized_body_is_413(self):
        body = b'{"image": "busybox", "labels": {"big": "%s"}}' % (
            b'x' * 4096)
        response = self.app.post(
            '/v1/containers', body,
            headers=dict(self.headers(), **{
                'Content-Type': 'application/json',
                'Transfer-Encoding': 'chunked'}),
            status=413, expect_errors=True)
        self.assertEqual(413, response.json['errors'][0]['status'])

    def test_body_under_limit_passes(self):
        self.post_json('/v1/containers', {'image': 'busybox'})
        self.compute_api.container_create.assert_called_once()


class TestLimitingReader(base.base.TestCase):

    def test_read_past_limit_raises(self):
        reader = sizelimit.LimitingReader(io.BytesIO(b'x' * 10), 5)
        self.assertRaises(exception.RequestEntityTooLarge, reader.read)

    def test_read_within_limit_returns_data(self):
        reader = sizelimit.LimitingReader(io.BytesIO(b'x' * 5), 5)
        self.assertEqual(b'x' * 5, reader.read())
