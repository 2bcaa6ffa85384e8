"""Real services for the functional tests: processes, databases, images.

Nothing here is a fake. A test that needs a service this machine lacks
fails with a message that names the service and the script that starts it.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import docker
from oslo_utils import uuidutils
import requests
import sqlalchemy as sa

SERVICES_HINT = 'start it with tools/services-up.sh'
MARIADB_ADMIN_URL = os.environ.get(
    'ZUN_TEST_MARIADB_URL',
    'mysql+pymysql://openstack_citest:openstack_citest@127.0.0.1/')
POSTGRES_ADMIN_URL = os.environ.get(
    'ZUN_TEST_POSTGRES_URL',
    'postgresql+psycopg2://openstack_citest:openstack_citest@127.0.0.1/'
    'openstack_citest')
KEYSTONE_URL = os.environ.get('ZUN_TEST_KEYSTONE_URL',
                              'http://127.0.0.1:5000/v3')
RABBIT_URL = os.environ.get('ZUN_TEST_RABBIT_URL',
                            'rabbit://guest:guest@127.0.0.1:5672/')
BASE_IMAGE = 'busybox:latest'
TEST_IMAGE = 'zun-functest:latest'

# The test image stops at once on SIGTERM, unlike a bare `sleep`, which
# as PID 1 ignores the signal and makes every stop wait for its timeout.
_DOCKERFILE = b'''FROM busybox:latest
CMD ["sh", "-c", "trap 'exit 0' TERM INT; while true; do sleep 1; done"]
'''


def bin_path(name):
    """Return the path of a console script of the test's virtualenv."""
    return os.path.join(os.path.dirname(sys.executable), name)


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def unique_name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:10])


def docker_client():
    """Return a docker SDK client, failing the test if the engine is down."""
    client = docker.APIClient(version='auto', timeout=60)
    try:
        client.ping()
    except Exception as exc:
        raise AssertionError('The Docker engine is not reachable (%s); %s'
                             % (exc, SERVICES_HINT))
    return client


def ensure_test_image(client):
    """Build the test image from the local busybox image if it is missing."""
    try:
        client.inspect_image(TEST_IMAGE)
        return TEST_IMAGE
    except docker.errors.ImageNotFound:
        pass
    try:
        client.inspect_image(BASE_IMAGE)
    except docker.errors.ImageNotFound:
        raise AssertionError('Image %s is missing; %s'
                             % (BASE_IMAGE, SERVICES_HINT))
    with tempfile.TemporaryDirectory() as context:
        with open(os.path.join(context, 'Dockerfile'), 'wb') as dockerfile:
            dockerfile.write(_DOCKERFILE)
        for _ in client.build(path=context, tag=TEST_IMAGE, rm=True,
                              decode=True):
            pass
    client.inspect_image(TEST_IMAGE)
    return TEST_IMAGE


class Process:
    """One zun console script running in the background."""

    def __init__(self, binary, config_file, log_path):
        self.binary = binary
        self.config_file = config_file
        self.log_path = log_path
        self.popen = None

    def start(self):
        log = open(self.log_path, 'ab')
        self.popen = subprocess.Popen(
            [bin_path(self.binary), '--config-file', self.config_file],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def log_text(self):
        with open(self.log_path, 'rb') as log:
            return log.read().decode('utf-8', 'replace')

    def wait_for_log(self, text, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log_text():
                return
            if not self.alive():
                break
            time.sleep(0.2)
        raise AssertionError('%s did not log %r within %ds; log tail:\n%s'
                             % (self.binary, text, timeout,
                                self.log_text()[-3000:]))

    def kill(self):
        """Kill the process at once, as a crash would end it."""
        if self.alive():
            self.popen.kill()
            self.popen.wait(10)

    def stop(self, timeout=30):
        """Stop the process by its PID: SIGTERM, then SIGKILL."""
        if not self.alive():
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(10)


def wait_for_http(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process.alive():
            break
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise AssertionError('%s did not answer on %s within %ds; log tail:\n%s'
                         % (process.binary, url, timeout,
                            process.log_text()[-3000:]))


class MariaDBDatabase:
    """A throwaway MariaDB database for one test module."""

    def __init__(self):
        self.name = 'zun_func_%s' % uuidutils.generate_uuid()[:12].replace(
            '-', '')
        self._admin = sa.create_engine(MARIADB_ADMIN_URL)

    @property
    def url(self):
        return '%s%s?charset=utf8mb4' % (MARIADB_ADMIN_URL, self.name)

    def create(self):
        try:
            with self._admin.begin() as connection:
                connection.exec_driver_sql(
                    'CREATE DATABASE %s CHARACTER SET utf8mb4' % self.name)
        except sa.exc.OperationalError as exc:
            raise AssertionError('MariaDB is not reachable (%s); %s'
                                 % (exc, SERVICES_HINT))

    def drop(self):
        with self._admin.begin() as connection:
            connection.exec_driver_sql('DROP DATABASE IF EXISTS %s'
                                       % self.name)
        self._admin.dispose()


def check_rabbit():
    """Fail unless RabbitMQ accepts connections on its AMQP port."""
    try:
        with socket.create_connection(('127.0.0.1', 5672), timeout=3):
            return
    except OSError as exc:
        raise AssertionError('RabbitMQ is not reachable on 127.0.0.1:5672 '
                             '(%s); %s' % (exc, SERVICES_HINT))


def check_keystone():
    """Fail unless Keystone responds on its public endpoint."""
    try:
        requests.get(KEYSTONE_URL, timeout=5).raise_for_status()
    except requests.RequestException as exc:
        raise AssertionError('Keystone is not reachable at %s (%s); %s'
                             % (KEYSTONE_URL, exc, SERVICES_HINT))


def keystone_token(username, password, project_name):
    """Return a project-scoped token of a Keystone user."""
    body = {'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'name': username, 'domain': {'id': 'default'},
            'password': password}}},
        'scope': {'project': {'name': project_name,
                              'domain': {'id': 'default'}}},
    }}
    response = requests.post(KEYSTONE_URL + '/auth/tokens', json=body,
                             timeout=30)
    response.raise_for_status()
    project_id = response.json()['token']['project']['id']
    return response.headers['X-Subject-Token'], project_id
