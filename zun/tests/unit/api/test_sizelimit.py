"""Request body size limit of the API."""

import io

import webob

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


class _BrokenStream:
    """A wsgi.input whose reads fail as cheroot's do on bad framing."""

    def __init__(self, error):
        self.error = error

    def read(self, size=-1):
        raise self.error

    def readline(self, size=-1):
        raise self.error


class TestUnreadableBody(base.base.TestCase):

    def test_bad_chunk_size_is_malformed(self):
        reader = sizelimit.LimitingReader(
            _BrokenStream(ValueError('Bad chunked transfer size')), 100)
        error = self.assertRaises(exception.MalformedRequestBody,
                                  reader.read)
        self.assertIn('Bad chunked transfer size', str(error))

    def test_timeout_is_malformed(self):
        reader = sizelimit.LimitingReader(
            _BrokenStream(TimeoutError('timed out')), 100)
        self.assertRaises(exception.MalformedRequestBody, reader.read)


class TestShortBody(base.APITestCase):

    def test_short_body_is_400(self):
        request = webob.Request.blank(
            '/v1/containers', method='POST',
            headers=dict(self.headers(), **{
                'Content-Type': 'application/json',
                'Content-Length': '100'}))
        request.body_file_raw = io.BytesIO(b'{"image":')
        request.environ['CONTENT_LENGTH'] = '100'
        response = request.get_response(self.app.app)
        self.assertEqual(400, response.status_int)
        self.assertIn('Content-Length', response.json['errors'][0]['detail'])


class TestAcceptHeader(base.APITestCase):

    def test_xml_only_is_406(self):
        response = self.app.get(
            '/v1/containers', status=406,
            headers=dict(self.headers(), Accept='application/xml'))
        detail = response.json['errors'][0]['detail']
        self.assertIn('application/json', detail)
