"""Running deployments of zun for the functional tests.

``AllInOne`` is zun-all with SQLite and the in-process transport.
``Split`` is zun-api, zun-compute and zun-wsproxy as separate processes
with RabbitMQ and MariaDB. Both drive the real Docker engine.
"""

import os
import shutil
import subprocess
import tempfile
import time

import requests

from zun.tests.functional import services

API_VERSION = '1.40'


class ApiClient:
    """A minimal client of the REST API with microversion headers."""

    def __init__(self, base_url, version=API_VERSION, default_headers=None):
        self.base_url = base_url
        self.version = version
        self.default_headers = dict(default_headers or {})
        self.session = requests.Session()

    def with_headers(self, headers):
        """Return a client that sends ``headers`` on every request."""
        return ApiClient(self.base_url, self.version,
                         dict(self.default_headers, **headers))

    def headers(self, version=None, extra=None):
        headers = {'OpenStack-API-Version':
                   'container %s' % (version or self.version)}
        headers.update(self.default_headers)
        headers.update(extra or {})
        return headers

    def request(self, method, path, version=None, headers=None, **kwargs):
        return self.session.request(
            method, self.base_url + path,
            headers=self.headers(version, headers), timeout=120, **kwargs)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def post(self, path, **kwargs):
        return self.request('POST', path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request('PATCH', path, **kwargs)

    def action(self, ident, action, version=None, **kwargs):
        """POST an action on a container, such as pause or kill."""
        return self.post('/v1/containers/%s/%s' % (ident, action),
                         version=version, **kwargs)

    def create(self, body, run=True):
        path = '/v1/containers' + ('?run=true' if run else '')
        response = self.post(path, json=body)
        assert response.status_code == 202, response.text
        return response.json()

    def show(self, ident):
        return self.get('/v1/containers/%s' % ident)

    def wait_for_status(self, ident, statuses, timeout=60):
        """Poll until the container has one of ``statuses`` and no task."""
        if isinstance(statuses, str):
            statuses = (statuses,)
        deadline = time.monotonic() + timeout
        body = None
        while time.monotonic() < deadline:
            response = self.show(ident)
            assert response.status_code == 200, response.text
            body = response.json()
            if body['status'] in statuses and body['task_state'] is None:
                return body
            time.sleep(0.2)
        raise AssertionError('Container %s did not reach %s within %ds; '
                             'last seen: %s' % (ident, statuses, timeout,
                                                body))

    def wait_for_deletion(self, ident, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = self.show(ident)
            if response.status_code == 404:
                return
            time.sleep(0.2)
        raise AssertionError('Container %s still exists after %ds: %s'
                             % (ident, timeout, response.text))


class Deployment:
    """Base of a running deployment; subclasses start the processes."""

    name = None

    def __init__(self, overrides=None):
        """:param overrides: {group: {option: value}} added to zun.conf."""
        self.overrides = overrides or {}
        self.directory = tempfile.mkdtemp(prefix='zun-func-')
        self.host = services.unique_name('func')
        self.port = services.free_port()
        self.wsproxy_port = services.free_port()
        self.processes = []
        self.api_url = 'http://127.0.0.1:%d' % self.port
        self.client = ApiClient(self.api_url)

    def config_values(self):
        """Return {group: {option: value}} of the deployment's zun.conf."""
        return {
            'DEFAULT': {
                'host': self.host,
                'state_path': self.directory,
                'debug': 'true',
                'report_interval': '2',
            },
            'api': {
                'auth_strategy': 'noauth',
                'host_ip': '127.0.0.1',
                'port': str(self.port),
                'workers': '1',
            },
            'compute': {
                'topic': 'zun-compute-%s' % self.host,
                'sync_container_state_interval': '2',
            },
            'oslo_policy': {
                'policy_file': os.path.join(self.directory, 'policy.yaml'),
            },
            'websocket_proxy': {
                'wsproxy_host': '127.0.0.1',
                'wsproxy_port': str(self.wsproxy_port),
            },
        }

    def write_config(self):
        path = os.path.join(self.directory, 'zun.conf')
        groups = self.config_values()
        for group, values in self.overrides.items():
            groups.setdefault(group, {}).update(values)
        with open(path, 'w') as config:
            for group, values in groups.items():
                config.write('[%s]\n' % group)
                for key, value in values.items():
                    config.write('%s = %s\n' % (key, value))
        return path

    def write_policy(self, rules):
        """Write policy overrides, which the services read on the fly."""
        path = self.config_values()['oslo_policy']['policy_file']
        with open(path, 'w') as policy:
            for name, check in rules.items():
                policy.write('"%s": "%s"\n' % (name, check))

    def start_process(self, binary, config_file):
        process = services.Process(
            binary, config_file,
            os.path.join(self.directory, '%s.log' % binary))
        process.start()
        self.processes.append(process)
        return process

    def logs(self):
        return '\n'.join('== %s ==\n%s' % (process.binary,
                                           process.log_text()[-5000:])
                         for process in self.processes)

    @property
    def db_url(self):
        """SQLAlchemy URL of the deployment's database."""
        return self.config_values()['database']['connection']

    def start(self):
        raise NotImplementedError()

    def stop(self):
        for process in reversed(self.processes):
            process.stop()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class AllInOne(Deployment):
    """zun-all with SQLite and oslo.messaging's in-process transport."""

    name = 'all-in-one'

    def config_values(self):
        values = super().config_values()
        values['DEFAULT']['transport_url'] = 'zun-inproc://'
        values['database'] = {'connection': 'sqlite:///%s' % os.path.join(
            self.directory, 'zun.sqlite')}
        return values

    def start(self):
        config_file = self.write_config()
        process = self.start_process('zun-all', config_file)
        services.wait_for_http(self.api_url + '/', process)


    def crash_and_restart(self):
        """Kill zun-all at once, then start it again on the same state."""
        process = self.processes.pop()
        process.kill()
        self.start()


class Split(Deployment):
    """zun-api, zun-compute and zun-wsproxy with RabbitMQ and MariaDB."""

    name = 'split'

    def __init__(self, overrides=None):
        super().__init__(overrides)
        self.database = services.MariaDBDatabase()

    def config_values(self):
        values = super().config_values()
        values['DEFAULT']['transport_url'] = services.RABBIT_URL
        values['database'] = {'connection': self.database.url}
        return values

    def start(self):
        services.check_rabbit()
        self.database.create()
        config_file = self.write_config()
        subprocess.run([services.bin_path('zun-db-manage'), '--config-file',
                        config_file, 'upgrade'], check=True,
                       capture_output=True)
        self._start_compute(config_file)
        proxy = self.start_process('zun-wsproxy', config_file)
        proxy.wait_for_log('zun-wsproxy listening on')
        api = self.start_process('zun-api', config_file)
        services.wait_for_http(self.api_url + '/', api)

    def _start_compute(self, config_file):
        compute = self.start_process('zun-compute', config_file)
        compute.wait_for_log('zun-compute started on host %s' % self.host)
        return compute

    def crash_and_restart(self):
        """Kill zun-compute at once, then start it again."""
        compute = next(process for process in self.processes
                       if process.binary == 'zun-compute')
        compute.kill()
        self.processes.remove(compute)
        self._start_compute(os.path.join(self.directory, 'zun.conf'))

    def cleanup(self):
        super().cleanup()
        self.database.drop()


class KeystoneMixin:
    """Validate Keystone tokens with keystonemiddleware.

    ``[keystone_authtoken]`` has the options an operator sets: the
    service user ``zun`` validates the callers' tokens.
    """

    def config_values(self):
        values = super().config_values()
        values['api']['auth_strategy'] = 'keystone'
        values['keystone_authtoken'] = {
            'www_authenticate_uri': services.KEYSTONE_URL,
            'auth_url': services.KEYSTONE_URL,
            'auth_type': 'password',
            'username': 'zun',
            'password': 'zunpass',
            'project_name': 'service',
            'user_domain_id': 'default',
            'project_domain_id': 'default',
            'service_token_roles_required': 'true',
        }
        return values

    def start(self):
        services.check_keystone()
        super().start()

    def service_logs(self):
        """Return the complete log text of every process, for greps."""
        return '\n'.join(process.log_text() for process in self.processes)


class KeystoneAllInOne(KeystoneMixin, AllInOne):
    """zun-all with SQLite behind keystonemiddleware."""

    name = 'keystone'


class KeystoneSplit(KeystoneMixin, Split):
    """zun-api and zun-compute with RabbitMQ and MariaDB, and Keystone."""

    name = 'keystone-split'
