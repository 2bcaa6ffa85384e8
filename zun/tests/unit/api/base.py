"""Base of the API unit tests: the real WSGI pipeline, a mocked compute."""

import itertools
from unittest import mock

from oslo_utils import uuidutils
import webtest

from zun.api import app
from zun.common import context as zun_context
from zun.compute import api as compute_api
from zun.db import api as dbapi
from zun.objects import container as container_obj
from zun.tests import base

DEFAULT_VERSION = '1.40'

# Keyword arguments of the request helpers for a cloud administrator.
ADMIN = {'project_id': 'admin-project', 'user_id': 'admin-user',
         'roles': 'admin'}

_NAME_NUMBERS = itertools.count(1)


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

    def post_body(self, path, body, content_type='application/json',
                  status=400, **kwargs):
        """POST raw bytes or text with the given content type."""
        return self.app.post(path, body, headers=self.headers(**kwargs),
                             content_type=content_type, status=status)

    @staticmethod
    def error_of(response):
        """Return the one entry of an error body."""
        errors = response.json['errors']
        assert len(errors) == 1, errors
        return errors[0]

    def create_db_container(self, **values):
        """Insert a container row directly and return its values.

        The defaults describe an idle Created container of the member
        project that the request helpers use by default.
        """
        number = next(_NAME_NUMBERS)
        row = dict(
            uuid=uuidutils.generate_uuid(), name='db-container-%d' % number,
            image='busybox', status='Created', task_state=None,
            project_id='fake-project', user_id='fake-user', cpu=1.0,
            memory=512, host='fake-host', image_driver='docker',
            interactive=False, tty=False, auto_remove=False,
            auto_heal=False, privileged=False, runtime='runc',
            image_pull_policy='ifnotpresent')
        row.update(values)
        dbapi.container_create(None, row)
        return row

    def load_container(self, uuid):
        """Return the stored Container, read with an admin context."""
        context = zun_context.get_admin_context()
        return container_obj.Container.get_by_uuid(context, uuid)
