"""Error bodies: their shape, hidden internals and pecan routing errors."""

import webob.exc

from zun.api import errors
from zun.common import exception
from zun.tests import base as test_base
from zun.tests.unit.api import base

ERROR_KEYS = {'request_id', 'code', 'status', 'title', 'detail', 'links'}


class TestErrorBody(base.APITestCase):

    def assert_error_shape(self, response):
        self.assertEqual(['errors'], list(response.json))
        error = self.error_of(response)
        self.assertTrue(ERROR_KEYS <= set(error), error)
        self.assertEqual(response.status_int, error['status'])
        self.assertEqual([], error['links'])
        self.assertTrue(error['code'].startswith('container.'), error)
        self.assertEqual('application/json', response.content_type)
        return error

    def test_404_container_shape(self):
        response = self.get('/v1/containers/missing', status=404)
        error = self.assert_error_shape(response)
        self.assertEqual('container.container-not-found', error['code'])
        self.assertEqual('Container missing could not be found.',
                         error['detail'])

    def test_request_id_matches_header(self):
        response = self.get('/v1/containers/missing', status=404)
        error = self.error_of(response)
        self.assertEqual(response.headers['X-OpenStack-Request-Id'],
                         error['request_id'])

    def test_400_shape(self):
        response = self.get('/v1/containers?sort_dir=up', status=400)
        error = self.assert_error_shape(response)
        self.assertEqual('container.invalid-parameter-value', error['code'])

    def test_403_policy_detail(self):
        response = self.get('/v1/containers?all_projects=1', status=403)
        error = self.assert_error_shape(response)
        self.assertEqual('container.policy-not-authorized', error['code'])
        self.assertEqual(
            "Policy doesn't allow container:get_all_all_projects to be "
            "performed.", error['detail'])

    def test_409_shape(self):
        container = self.create_db_container(status='Running')
        response = self.delete('/v1/containers/%s' % container['uuid'],
                               status=409)
        self.assert_error_shape(response)

    def test_unexpected_error_gives_500(self):
        self.compute_api.container_create.side_effect = RuntimeError(
            'secret internals at /etc/zun/zun.conf')
        response = self.post_json('/v1/containers', {'image': 'busybox'},
                                  status=500)
        error = self.assert_error_shape(response)
        self.assertEqual('container.internal-server-error', error['code'])

    def test_500_hides_exception_text(self):
        self.compute_api.container_create.side_effect = RuntimeError(
            'secret internals at /etc/zun/zun.conf')
        response = self.post_json('/v1/containers', {'image': 'busybox'},
                                  status=500)
        self.assertNotIn('secret', response.text)
        self.assertNotIn('zun.conf', response.text)
        self.assertNotIn('RuntimeError', response.text)
        self.assertNotIn('Traceback', response.text)

    def test_500_names_request_id(self):
        self.compute_api.container_create.side_effect = RuntimeError('x')
        response = self.post_json('/v1/containers', {'image': 'busybox'},
                                  status=500)
        error = self.error_of(response)
        request_id = response.headers['X-OpenStack-Request-Id']
        self.assertEqual(request_id, error['request_id'])
        self.assertIn(request_id, error['detail'])

    def test_zun_5xx_exception_hidden(self):
        self.compute_api.container_create.side_effect = (
            exception.DockerError(error_msg='secret engine text'))
        response = self.post_json('/v1/containers', {'image': 'busybox'},
                                  status=500)
        self.assertNotIn('secret', response.text)

    def test_service_unavailable_is_503(self):
        container = self.create_db_container(status='Stopped')
        self.compute_api.container_start.side_effect = (
            exception.ContainerHostNotUp(host='fake-host',
                                         container=container['uuid']))
        response = self.post('/v1/containers/%s/start' % container['uuid'],
                             status=503)
        error = self.assert_error_shape(response)
        self.assertIn('fake-host', error['detail'])


class TestRoutingErrors(base.APITestCase):
    """pecan's own 404 and 405 use the same error body."""

    def test_unknown_resource_404(self):
        response = self.get('/v1/no-such-resource', status=404)
        error = self.error_of(response)
        self.assertEqual('container.not-found', error['code'])
        self.assertEqual(404, error['status'])

    def test_unknown_action_404(self):
        container = self.create_db_container()
        response = self.post('/v1/containers/%s/bogus' % container['uuid'],
                             status=404)
        self.assertEqual(404, self.error_of(response)['status'])

    def test_too_deep_path_404(self):
        response = self.get('/v1/containers/a/b/c', status=404)
        self.assertEqual(404, self.error_of(response)['status'])

    def test_put_collection_405(self):
        response = self.app.put('/v1/containers', headers=self.headers(),
                                status=405)
        error = self.error_of(response)
        self.assertEqual('container.method-not-allowed', error['code'])
        self.assertIn('Allow', response.headers)

    def test_405_detail_lists_methods(self):
        response = self.app.put('/v1/containers', headers=self.headers(),
                                status=405)
        error = self.error_of(response)
        self.assertIn(response.headers['Allow'], error['detail'])

    def test_put_member_405(self):
        container = self.create_db_container()
        response = self.app.put('/v1/containers/%s' % container['uuid'],
                                headers=self.headers(), status=405)
        self.assertEqual(405, self.error_of(response)['status'])

    def test_delete_collection_405(self):
        response = self.app.delete('/v1/containers', headers=self.headers(),
                                   status=405)
        self.assertEqual(405, self.error_of(response)['status'])
        self.assertEqual('GET, POST', response.headers['Allow'])

    def test_action_without_container_404(self):
        for action in ('start', 'stop'):
            response = self.post('/v1/containers/%s' % action, status=404)
            self.assertEqual(404, self.error_of(response)['status'], action)

    def test_invalid_utf8_query_400(self):
        response = self.get('/v1/containers?name=%ff', status=400)
        self.assertEqual(400, self.error_of(response)['status'])


class TestResponseFor(test_base.TestCase):
    """The mapping from exception families to statuses."""

    def test_family_statuses(self):
        cases = (
            (exception.InvalidParameterValue(field='f', detail='d'), 400),
            (exception.PolicyNotAuthorized(action='a'), 403),
            (exception.ContainerNotFound(container='c'), 404),
            (exception.NotAcceptable(detail='d'), 406),
            (exception.InvalidStateException(id='i', action='a',
                                             actual_state='s'), 409),
            (exception.ContainerBusy(id='i', action='a', task_state='t'),
             409),
            (exception.RequestEntityTooLarge(limit=1), 413),
            (exception.UnsupportedMediaType(content_type='text/plain'),
             415),
            (exception.ContainerHostNotUp(host='h', container='c'), 503),
            (exception.NoValidHost(reason='r'), 500),
            (exception.ZunException(), 500),
        )
        for exc, status in cases:
            self.assertEqual(status, errors.status_for(exc), exc)

    def test_plain_exception_500(self):
        response = errors.response_for(ValueError('hidden'), 'req-1')
        self.assertEqual(500, response.status_int)
        self.assertNotIn('hidden', response.text)

    def test_webob_5xx_hidden(self):
        exc = webob.exc.HTTPBadGateway(detail='upstream secret')
        response = errors.response_for(exc, 'req-1')
        self.assertEqual(500, response.status_int)
        self.assertNotIn('secret', response.text)

    def test_missing_request_id_empty(self):
        response = errors.response_for(
            exception.ContainerNotFound(container='c'), None)
        self.assertEqual('', response.json['errors'][0]['request_id'])


class TestInvalidUtf8Url(base.APITestCase):

    def test_query_not_utf8_is_400(self):
        response = self.app.get('/v1/containers?image=%ff', status=400,
                                headers=self.headers())
        error = response.json['errors'][0]
        self.assertIn('query string', error['detail'])
        self.assertIn('UTF-8', error['detail'])

    def test_path_not_utf8_is_400(self):
        response = self.app.get('/v1/containers/%ff', status=400,
                                headers=self.headers())
        self.assertIn('path', response.json['errors'][0]['detail'])

    def test_error_has_version_headers(self):
        response = self.app.get('/v1/containers?image=%ff', status=400,
                                headers=self.headers())
        self.assertEqual('container 1.40',
                         response.headers['OpenStack-API-Version'])
