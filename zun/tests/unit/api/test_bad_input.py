"""Malformed requests get a 4xx response, never a 500."""

import json

from zun.tests.unit.api import base

# Create bodies as raw JSON text, each wrong in some way.
BAD_CREATE_BODIES = (
    '',
    ' ',
    '{',
    '}',
    '[]',
    '[[[[[[[[',
    '[' * 5000,
    '{"a":' * 5000,
    'null',
    '0',
    '"image"',
    '{"image": NaN}',
    '{"image": "busybox", "cpu": Infinity}',
    '{"image": "busybox", "memory": -Infinity}',
    '{"image": "busybox", "cpu": 1e999}',
    '{"image": "busybox", "memory": 1e308}',
    '{"image": "busybox", "memory": "9' + '9' * 5000 + '"}',
    '{"image": "busybox", "memory": ' + '9' * 5000 + '}',
    '{"image": "busybox", "disk": ' + '9' * 5000 + '}',
    '{"image": "busybox", "cpu": "' + '9' * 5000 + '"}',
    '{"image": "busybox", "name": "\\u0000"}',
    '{"image": "busybox\\u0000"}',
    '{"image": "\\ud800"}',
    '{"image": "busybox", "command": ["a", null]}',
    '{"image": "busybox", "restart_policy": []}',
    '{"image": "busybox", "restart_policy": {"Name": "on-failure", '
    '"MaximumRetryCount": "\\u00b2"}}',
    '{"image": "busybox", "restart_policy": {"Name": "on-failure", '
    '"MaximumRetryCount": 1e400}}',
    '{"image": "busybox", "exposed_ports": {"\\u00b2": {}}}',
    '{"image": "busybox", "exposed_ports": {"99999999999999999999": {}}}',
    '{"image": "busybox", "exposed_ports": []}',
    '{"image": "busybox", "mounts": [null]}',
    '{"image": "busybox", "mounts": [{"destination": "/d", "size": '
    '"\\u00b2"}]}',
    '{"image": "busybox", "mounts": [{"destination": "/d", "size": '
    '1e400}]}',
    '{"image": "busybox", "mounts": {"destination": "/d"}}',
    '{"image": "busybox", "nets": [null]}',
    '{"image": "busybox", "nets": [{"v4-fixed-ip": 5}]}',
    '{"image": "busybox", "environment": {"\\u0000": "x"}}',
    '{"image": "busybox", "environment": []}',
    '{"image": "busybox", "labels": "a=b"}',
    '{"image": "busybox", "healthcheck": {"cmd": "x", "interval": '
    '"5"}}',
    '{"image": "busybox", "healthcheck": null}',
    '{"image": "busybox", "hints": {"a": 1}}',
    '{"image": "busybox", "security_groups": "default"}',
    '{"image": "busybox", "hostname": "' + 'a' * 1000 + '"}',
    '{"image": "busybox", "name": "' + 'a' * 100000 + '"}',
    '{"image": "busybox", "runtime": "' + 'r' * 300 + '"}',
    '{"image": "busybox", "entrypoint": "sh"}',
    '{"image": "busybox", "tty": "true"}',
    '{"image": "busybox", "host": ""}',
    '{"image": "busybox", "registry": ""}',
    '{"image": "busybox", "container_ident": "x"}',
    '{"image": "busybox", "run": true}',
    '{"image": "busybox", "": 1}',
)

# Create bodies that are well-formed JSON but wrong at old versions.
OLD_VERSION_BODIES = (
    ('1.1', {'image': 'busybox', 'command': "echo 'unbalanced"}),
    ('1.1', {'image': 'busybox', 'command': ['a']}),
    ('1.1', {'image': 'busybox', 'command': 'a\x00b'}),
    ('1.19', {'image': 'busybox', 'command': '"'}),
    ('1.22', {'image': 'busybox', 'mounts': [{'destination': '/d',
                                             'type': 'bind'}]}),
    ('1.22', {'image': 'busybox', 'mounts': [None, {'type': 'bind'}]}),
    ('1.35', {'image': 'busybox', 'tty': 'yes'}),
)

# Query strings of the container list, each wrong in some way.
BAD_LIST_QUERIES = (
    'limit=0', 'limit=-1', 'limit=x', 'limit=' + '9' * 5000,
    'limit=1e3', 'limit=%00', 'marker=x', 'marker=%ff',
    'marker=00000000-0000-0000-0000-000000000000', 'sort_key=x',
    'sort_key=id%20desc', 'sort_dir=sideways', 'memory=x', 'memory=-1',
    'memory=' + '9' * 5000, 'memory=1e999', 'auto_remove=x', 'status=x',
    'task_state=x', 'all_projects=x', 'host=x', 'unknown=1', '%ff=1',
    'name=%ff', 'limit=1&limit=x', 'container_ident=x',
)

# Paths and query strings of actions on an existing container.
BAD_ACTION_QUERIES = (
    ('post', 'stop?timeout=-1'),
    ('post', 'stop?timeout=x'),
    ('post', 'stop?timeout=' + '9' * 5000),
    ('post', 'stop?timeout=1e3'),
    ('post', 'stop?timeout=%00'),
    ('post', 'stop?all_projects=1'),
    ('post', 'start?timeout=1'),
    ('post', 'start?container_ident=x'),
    ('post', 'start?%ff=1'),
    ('post', 'kill?signal=FOO'),
    ('post', 'kill?signal=0'),
    ('post', 'kill?signal=65'),
    ('post', 'kill?signal=-9'),
    ('post', 'kill?signal=' + '9' * 5000),
    ('post', 'kill?signal=SIG'),
    ('post', 'kill?signal=%00'),
    ('post', 'kill?timeout=1'),
    ('post', 'reboot?timeout=-1'),
    ('post', 'reboot?timeout=3601'),
    ('post', 'reboot?timeout=x'),
    ('post', 'rebuild?image=a%20b'),
    ('post', 'rebuild?image='),
    ('post', 'rebuild?image_driver=glance'),
    ('post', 'pause?x=1'),
    ('post', 'unpause?timeout=1'),
    ('post', 'commit'),
    ('post', 'commit?repository=Upper'),
    ('post', 'commit?repository=a//b'),
    ('post', 'commit?repository=a&tag=-x'),
    ('post', 'commit?repository=a&tag=' + 't' * 200),
    ('post', 'rename?name=new-name'),
    ('post', 'resize_container'),
    ('post', 'resize_container?cpu=x'),
    ('post', 'resize_container?memory=1'),
    ('patch', ''),
    ('post', 'start/extra'),
    ('get', 'start'),
    ('put', ''),
    ('delete', '?force=x'),
    ('delete', '?stop=x'),
    ('delete', '?stop=true&force=x'),
    ('delete', '?all_projects=1'),
    ('delete', '?container_ident=x'),
    ('get', '?all_projects=x'),
    ('get', '?x=1'),
)

# Bodies of the stop action, each wrong in some way.
BAD_STOP_BODIES = (
    '{', '[]', '"x"', '[' * 5000, '{"timeout": -1}', '{"timeout": "x"}',
    '{"timeout": 1e400}', '{"timeout": NaN}', '{"timeout": true}',
    '{"timeout": {}}', '{"signal": "KILL"}', '{"container_ident": "x"}',
    '{"timeout": "\\u00b2"}',
)


class TestNeverServerError(base.APITestCase):

    def assert_client_error(self, response, label):
        self.assertGreaterEqual(response.status_int, 400, label)
        self.assertLess(response.status_int, 500, label)
        self.assertIn('errors', response.json, label)

    def test_bad_create_bodies(self):
        for text in BAD_CREATE_BODIES:
            response = self.app.post(
                '/v1/containers', text, headers=self.headers(),
                content_type='application/json', expect_errors=True)
            self.assert_client_error(response, text[:80])
        self.compute_api.container_create.assert_not_called()

    def test_bad_bodies_as_bytes(self):
        for raw in (b'\xff\xfe{}', b'{"image": "\xc3"}', b'\x00' * 10):
            response = self.app.post(
                '/v1/containers', raw, headers=self.headers(),
                content_type='application/json', expect_errors=True)
            self.assert_client_error(response, raw)

    def test_bad_bodies_old_versions(self):
        for version, body in OLD_VERSION_BODIES:
            response = self.app.post(
                '/v1/containers', json.dumps(body),
                headers=self.headers(version=version),
                content_type='application/json', expect_errors=True)
            self.assert_client_error(response, (version, body))

    def test_bad_content_types(self):
        for content_type in ('text/plain', 'application/xml',
                             'multipart/form-data; boundary=x',
                             'application/json-patch+json'):
            response = self.app.post(
                '/v1/containers', '{"image": "busybox"}',
                headers=self.headers(), content_type=content_type,
                expect_errors=True)
            self.assert_client_error(response, content_type)

    def test_bad_list_queries(self):
        self.create_db_container()
        for query in BAD_LIST_QUERIES:
            response = self.app.get('/v1/containers?' + query,
                                    headers=self.headers(),
                                    expect_errors=True)
            self.assert_client_error(response, query[:80])

    def test_bad_action_queries(self):
        container = self.create_db_container(status='Running')
        for method, suffix in BAD_ACTION_QUERIES:
            separator = '' if suffix.startswith('?') or not suffix else '/'
            path = '/v1/containers/%s%s%s' % (container['uuid'], separator,
                                             suffix)
            response = getattr(self.app, method)(
                path, headers=self.headers(), expect_errors=True)
            self.assert_client_error(response, '%s %s' % (method, suffix))

    def test_bad_stop_bodies(self):
        container = self.create_db_container(status='Running')
        path = '/v1/containers/%s/stop' % container['uuid']
        for text in BAD_STOP_BODIES:
            response = self.app.post(path, text, headers=self.headers(),
                                     content_type='application/json',
                                     expect_errors=True)
            self.assert_client_error(response, text[:80])
        self.compute_api.container_stop.assert_not_called()

    def test_bad_version_headers(self):
        for value in ('container 1.' + '9' * 5000, 'container \x7f',
                      'container 1.1, container 9.9', 'container -1.1',
                      'container 1.1.1'):
            response = self.app.get(
                '/v1/containers', expect_errors=True,
                headers=self.headers(version=None, extra={
                    'OpenStack-API-Version': value}))
            self.assert_client_error(response, value[:80])

    def test_odd_identifiers(self):
        for ident in ('%00', 'a%00b', '%ff', 'a' * 5000, '..', ' '):
            response = self.app.get('/v1/containers/' + ident,
                                    headers=self.headers(),
                                    expect_errors=True)
            self.assert_client_error(response, ident[:80])
