"""Base of the API unit tests: the real WSGI pipeline, a mocked compute."""

from unittest import mock

import webtest

from zun.api import app
from zun.compute import api as compute_api
from zun.tests import base

DEFAULT_VERSION = '1.40'


class APITestCase(base.DbTestCase):
    """Drives the full paste pipeline with noauth.

    The compute API is an autospec mock, so no RPC leaves the test;
    ``self.compute_api`` records the calls.
    """

    def setUp(self):
        super().setUp()
        self.conf.config(auth_strategy='noauth', group='api')
        self.compute_api = mock.create_autospec(compute_api.API,
                                                instance=True)
        patcher = mock.patch.object(compute_api, 'API', autospec=True,
                                    return_value=self.compute_api)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.app = webtest.TestApp(app.load_app())

    def headers(self, version=DEFAULT_VERSION, project_id='fake-project',
                user_id='fake-user', roles='member', extra=None):
        """Return request headers for a caller and a microversion."""
        headers = {
            'X-Project-Id': project_id,
            'X-User-Id': user_id,
            'X-Roles': roles,
        }
        if version is not None:
            headers['OpenStack-API-Version'] = 'container %s' % version
        headers.update(extra or {})
        return headers

    def get(self, path, status=200, **kwargs):
        return self.app.get(path, headers=self.headers(**kwargs),
                            status=status)

    def post_json(self, path, body, status=202, **kwargs):
        return self.app.post_json(path, body, headers=self.headers(**kwargs),
                                  status=status)

    def post(self, path, status=202, **kwargs):
        return self.app.post(path, headers=self.headers(**kwargs),
                             status=status)

    def delete(self, path, status=204, **kwargs):
        return self.app.delete(path, headers=self.headers(**kwargs),
                               status=status)
