"""Microversion negotiation, version headers and the version documents."""

import itertools

import testtools

from zun.api import versions
from zun.common import exception
from zun.tests.unit.api import base

MIN_HEADER = 'OpenStack-API-Minimum-Version'
MAX_HEADER = 'OpenStack-API-Maximum-Version'
VERSION_HEADER = 'OpenStack-API-Version'

UNSUPPORTED_HEADERS = (
    'container 1.0',
    'container 1.41',
    'container 2.1',
    'container 0.9',
    'container 1.x',
    'container 1.',
    'container 01.1',
    'container',
    'garbage',
    'compute 1.2',
    'compute latest',
    '',
)


class TestHistory(testtools.TestCase):

    def test_history_versions_consecutive(self):
        parsed = [versions.Version.parse(text)
                  for text, _ in versions.HISTORY]
        for previous, current in itertools.pairwise(parsed):
            self.assertEqual(previous.major, current.major, current)
            self.assertEqual(previous.minor + 1, current.minor, current)

    def test_history_range_is_zun_range(self):
        self.assertEqual('1.1', str(versions.MIN_VERSION))
        self.assertEqual('1.40', str(versions.MAX_VERSION))

    def test_every_entry_has_description(self):
        for text, description in versions.HISTORY:
            self.assertTrue(description.strip(), text)


class TestFromHeader(testtools.TestCase):

    def test_missing_header_is_minimum(self):
        self.assertEqual(versions.MIN_VERSION, versions.from_header(None))

    def test_latest_is_maximum(self):
        self.assertEqual(versions.MAX_VERSION,
                         versions.from_header('container latest'))

    def test_service_name_case_insensitive(self):
        self.assertEqual('1.5', versions.from_header('Container 1.5'))

    def test_other_services_in_list_ignored(self):
        value = 'compute 2.1, container 1.7'
        self.assertEqual('1.7', versions.from_header(value))

    def test_unsupported_values_rejected(self):
        for value in UNSUPPORTED_HEADERS:
            self.assertRaises(exception.NotAcceptable,
                              versions.from_header, value)

    def test_version_ordering(self):
        self.assertLess(versions.Version.parse('1.9'),
                        versions.Version.parse('1.10'))
        self.assertGreater(versions.Version.parse('2.0'),
                           versions.Version.parse('1.40'))
        self.assertTrue(versions.Version.parse('1.20') >= '1.20')


class TestNegotiation(base.APITestCase):

    def test_no_header_means_minimum(self):
        response = self.get('/v1/containers', version=None)
        self.assertEqual('container 1.1', response.headers[VERSION_HEADER])

    def test_no_header_rejects_later_fields(self):
        response = self.post_json('/v1/containers',
                                  {'image': 'busybox', 'auto_remove': True},
                                  status=400, version=None)
        error = self.error_of(response)
        self.assertEqual('container.invalid-param-in-version', error['code'])

    def test_latest_means_maximum(self):
        response = self.get('/v1/containers', version='latest')
        self.assertEqual('container 1.40', response.headers[VERSION_HEADER])

    def test_explicit_version_echoed(self):
        response = self.get('/v1/containers', version='1.12')
        self.assertEqual('container 1.12', response.headers[VERSION_HEADER])

    def test_unsupported_versions_give_406(self):
        for value in UNSUPPORTED_HEADERS:
            response = self.app.get(
                '/v1/containers', status=406,
                headers=self.headers(version=None,
                                     extra={VERSION_HEADER: value}))
            error = self.error_of(response)
            self.assertEqual(406, error['status'], value)
            self.assertEqual('zun.microversion-unsupported', error['code'],
                             value)
            self.assertEqual('1.1', error['min_version'], value)
            self.assertEqual('1.40', error['max_version'], value)

    def test_406_body_shape(self):
        response = self.get('/v1/containers', status=406, version='1.41')
        error = self.error_of(response)
        self.assertEqual('Requested microversion is unsupported',
                         error['title'])
        self.assertIn('1.41', error['detail'])
        self.assertTrue(error['request_id'].startswith('req-'))
        self.assertEqual([], error['links'])

    def test_406_has_range_headers(self):
        response = self.get('/v1/containers', status=406, version='2.1')
        self.assertEqual('container 1.1', response.headers[MIN_HEADER])
        self.assertEqual('container 1.40', response.headers[MAX_HEADER])
        self.assertEqual(VERSION_HEADER, response.headers['Vary'])

    def test_406_has_no_effective_version(self):
        response = self.get('/v1/containers', status=406, version='1.0')
        self.assertNotIn(VERSION_HEADER, response.headers)

    def test_406_skips_the_controller(self):
        self.post_json('/v1/containers', {'image': 'busybox'}, status=406,
                       version='1.41')
        self.compute_api.container_create.assert_not_called()


class TestVersionHeaders(base.APITestCase):
    """Every response carries the version headers, errors included."""

    def assert_version_headers(self, response, version='1.40'):
        self.assertEqual('container 1.1', response.headers[MIN_HEADER])
        self.assertEqual('container 1.40', response.headers[MAX_HEADER])
        self.assertEqual('container %s' % version,
                         response.headers[VERSION_HEADER])
        self.assertEqual(VERSION_HEADER, response.headers['Vary'])

    def test_headers_on_200(self):
        self.assert_version_headers(self.get('/v1/containers'))

    def test_headers_on_202(self):
        response = self.post_json('/v1/containers', {'image': 'busybox'})
        self.assert_version_headers(response)

    def test_headers_on_204(self):
        container = self.create_db_container(status='Stopped')
        response = self.delete('/v1/containers/%s' % container['uuid'])
        self.assert_version_headers(response)

    def test_headers_on_400(self):
        response = self.get('/v1/containers?limit=x', status=400)
        self.assert_version_headers(response)

    def test_headers_on_unknown_container(self):
        response = self.get('/v1/containers/missing', status=404)
        self.assert_version_headers(response)

    def test_headers_on_unknown_route(self):
        response = self.get('/v1/no-such-resource', status=404)
        self.assert_version_headers(response)

    def test_headers_on_405(self):
        response = self.app.put('/v1/containers', headers=self.headers(),
                                status=405)
        self.assert_version_headers(response)

    def test_headers_on_500(self):
        self.compute_api.container_create.side_effect = RuntimeError('boom')
        response = self.post_json('/v1/containers', {'image': 'busybox'},
                                  status=500)
        self.assert_version_headers(response)

    def test_headers_on_root(self):
        response = self.get('/', version=None)
        self.assert_version_headers(response, version='1.1')


class TestVersionDocuments(base.APITestCase):

    def test_root_needs_no_version_header(self):
        response = self.app.get('/', status=200)
        self.assertEqual('OpenStack Zun API', response.json['name'])

    def test_root_lists_current_v1(self):
        document = self.app.get('/').json
        self.assertEqual(1, len(document['versions']))
        version = document['versions'][0]
        self.assertEqual('v1', version['id'])
        self.assertEqual('CURRENT', version['status'])
        self.assertEqual('1.1', version['min_version'])
        self.assertEqual('1.40', version['max_version'])

    def test_root_default_version(self):
        document = self.app.get('/').json
        self.assertEqual(document['versions'][0],
                         document['default_version'])

    def test_root_self_link(self):
        version = self.app.get('/').json['versions'][0]
        self.assertEqual([{'href': 'http://localhost/v1/', 'rel': 'self'}],
                         version['links'])

    def test_v1_document(self):
        document = self.app.get('/v1', status=200).json
        self.assertEqual('v1', document['id'])
        self.assertEqual('http://localhost/v1/containers/',
                         document['containers'][0]['href'])

    def test_v1_with_trailing_slash(self):
        self.assertEqual('v1', self.app.get('/v1/').json['id'])
