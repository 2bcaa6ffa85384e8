"""Tests of the Docker driver with an autospec mock of docker.APIClient."""

import datetime
import threading
from unittest import mock

import docker
from docker import errors as docker_errors
import fixtures
from oslo_utils import timeutils
import requests

from zun.common import consts
from zun.common import exception
from zun.container.docker import driver as docker_driver
from zun.objects import container as container_obj
from zun.tests import base

UUID = '6f1c2b9e-1d2a-4c3b-9a8e-0123456789ab'
ENGINE_ID = 'c' * 64
IMAGE_ID = 'sha256:' + 'a' * 64
API_VERSION = '1.41'
NOW = datetime.datetime(2024, 6, 1, 12, 0, 0)


def _response(status_code):
    response = requests.Response()
    response.status_code = status_code
    return response


def api_error(status_code, explanation, cls=docker_errors.APIError):
    return cls('%d Client Error' % status_code,
               response=_response(status_code), explanation=explanation)


def not_found(explanation='No such container'):
    return api_error(404, explanation, docker_errors.NotFound)


def image_not_found(reference):
    return api_error(404, 'No such image: %s' % reference,
                     docker_errors.ImageNotFound)


def inspect_info(status='running', started=NOW, finished=None,
                 exit_code=0, error=''):
    def iso(value):
        if value is None:
            return '0001-01-01T00:00:00Z'
        return value.strftime('%Y-%m-%dT%H:%M:%S.%f') + '123Z'

    return {
        'Id': ENGINE_ID,
        'State': {'Status': status, 'StartedAt': iso(started),
                  'FinishedAt': iso(finished), 'ExitCode': exit_code,
                  'Error': error},
    }


class DriverTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        # One autospec of the class; its return value is an autospec of an
        # instance, which the driver gets when it builds its client.
        self.api_client = mock.create_autospec(docker.APIClient)
        self.client = self.api_client.return_value
        # The real HostConfig checks the names and types of its arguments.
        self.client.create_host_config.side_effect = (
            lambda *args, **kwargs: docker.types.HostConfig(
                API_VERSION, *args, **kwargs))
        self.client.create_container.return_value = {'Id': ENGINE_ID}
        self.client.inspect_container.return_value = inspect_info()
        self.client.inspect_image.return_value = {'Id': IMAGE_ID}
        self.client.pull.return_value = iter([{'status': 'Downloaded'}])
        self.useFixture(fixtures.MockPatchObject(docker, 'APIClient',
                                                 self.api_client))
        self.useFixture(fixtures.MockPatchObject(
            timeutils, 'utcnow', autospec=True,
            return_value=NOW + datetime.timedelta(minutes=5)))
        self.driver = docker_driver.DockerDriver()

    def container(self, **fields):
        values = {'uuid': UUID, 'name': 'web', 'image': 'busybox',
                  'container_id': None, 'status': consts.CREATING,
                  'command': None, 'entrypoint': None, 'environment': None,
                  'labels': None, 'workdir': None, 'hostname': None,
                  'interactive': False, 'tty': False, 'memory': None,
                  'cpu': None, 'restart_policy': None, 'auto_remove': False,
                  'privileged': False, 'runtime': None, 'healthcheck': None,
                  'exposed_ports': None, 'disk': None, 'mounts': None,
                  'project_id': 'p1'}
        values.update(fields)
        return container_obj.Container(self.context, **values)


class TestClient(DriverTestCase):

    def test_client_from_config(self):
        self.conf.config(api_url='tcp://127.0.0.1:2375',
                         docker_remote_api_version='1.41',
                         default_timeout=30, group='docker')
        self.driver.show(self.context, self.container())
        self.api_client.assert_called_once_with(
            base_url='tcp://127.0.0.1:2375', version='1.41', timeout=30)

    def test_client_reused_by_next_thread(self):
        self.driver.show(self.context, self.container())
        thread = threading.Thread(target=self.driver.show,
                                  args=(self.context, self.container()))
        thread.start()
        thread.join(10)
        self.assertEqual(1, self.api_client.call_count)

    def test_client_per_concurrent_use(self):
        with self.driver._client():
            with self.driver._client():
                pass
        self.assertEqual(2, self.api_client.call_count)

    def test_client_creation_error(self):
        self.api_client.side_effect = docker_errors.DockerException(
            'Error while fetching server API version')
        error = self.assertRaises(exception.DockerError, self.driver.show,
                                  self.context, self.container())
        self.assertIn('server API version', str(error))


class TestHostConfig(DriverTestCase):

    def _host_config(self, **fields):
        self.driver.create(self.context, self.container(**fields), IMAGE_ID)
        return self.client.create_host_config.call_args.kwargs

    def _created_host_config(self, **fields):
        self.driver.create(self.context, self.container(**fields), IMAGE_ID)
        return self.client.create_container.call_args.kwargs['host_config']

    def test_memory_mib_to_bytes(self):
        config = self._host_config(memory=512)
        self.assertEqual(512 * 1024 * 1024, config['mem_limit'])

    def test_memory_in_engine_config(self):
        config = self._created_host_config(memory=6)
        self.assertEqual(6 * 1024 * 1024, config['Memory'])

    def test_no_memory_no_limit(self):
        self.assertNotIn('mem_limit', self._host_config(memory=None))

    def test_cpu_quota_and_shares(self):
        config = self._host_config(cpu=0.5)
        self.assertEqual(100000, config['cpu_period'])
        self.assertEqual(50000, config['cpu_quota'])
        self.assertEqual(512, config['cpu_shares'])

    def test_two_cpus(self):
        config = self._host_config(cpu=2.0)
        self.assertEqual(200000, config['cpu_quota'])
        self.assertEqual(2048, config['cpu_shares'])

    def test_no_cpu_no_limits(self):
        config = self._host_config(cpu=None)
        self.assertNotIn('cpu_quota', config)
        self.assertNotIn('cpu_period', config)
        self.assertNotIn('cpu_shares', config)

    def test_restart_policy_string_count(self):
        config = self._host_config(restart_policy={
            'Name': 'on-failure', 'MaximumRetryCount': '3'})
        self.assertEqual({'Name': 'on-failure', 'MaximumRetryCount': 3},
                         config['restart_policy'])

    def test_restart_policy_missing_count(self):
        config = self._host_config(restart_policy={'Name': 'always'})
        self.assertEqual({'Name': 'always', 'MaximumRetryCount': 0},
                         config['restart_policy'])

    def test_restart_policy_in_engine_config(self):
        config = self._created_host_config(restart_policy={
            'Name': 'on-failure', 'MaximumRetryCount': '2'})
        self.assertEqual({'Name': 'on-failure', 'MaximumRetryCount': 2},
                         config['RestartPolicy'])

    def test_no_restart_policy(self):
        self.assertNotIn('restart_policy',
                         self._host_config(restart_policy=None))

    def test_auto_remove(self):
        self.assertTrue(self._host_config(auto_remove=True)['auto_remove'])

    def test_privileged(self):
        self.assertTrue(self._host_config(privileged=True)['privileged'])

    def test_not_privileged(self):
        self.assertFalse(self._host_config(privileged=None)['privileged'])

    def test_runtime(self):
        config = self._created_host_config(runtime='runsc')
        self.assertEqual('runsc', config['Runtime'])

    def test_no_runtime(self):
        self.assertNotIn('runtime', self._host_config(runtime=None))


class TestHealthcheck(DriverTestCase):

    def _healthcheck(self, check):
        self.driver.create(self.context, self.container(healthcheck=check),
                           IMAGE_ID)
        return self.client.create_container.call_args.kwargs['healthcheck']

    def test_test_becomes_cmd_shell(self):
        result = self._healthcheck({'test': 'curl -f localhost'})
        self.assertEqual(['CMD-SHELL', 'curl -f localhost'], result['test'])

    def test_seconds_to_nanoseconds(self):
        result = self._healthcheck({'test': 'true', 'interval': 30,
                                    'timeout': 5})
        self.assertEqual(30 * 10 ** 9, result['interval'])
        self.assertEqual(5 * 10 ** 9, result['timeout'])

    def test_fraction_of_second(self):
        result = self._healthcheck({'test': 'true', 'interval': 0.29})
        self.assertEqual(290000000, result['interval'])

    def test_retries(self):
        result = self._healthcheck({'test': 'true', 'retries': 3})
        self.assertEqual(3, result['retries'])

    def test_zero_time_keeps_default(self):
        result = self._healthcheck({'test': 'true', 'interval': 0})
        self.assertNotIn('interval', result)

    def test_no_test_keeps_image_test(self):
        result = self._healthcheck({'interval': 10})
        self.assertNotIn('test', result)

    def test_no_healthcheck(self):
        self.assertIsNone(self._healthcheck(None))

    def test_accepted_by_sdk(self):
        result = self._healthcheck({'test': 'true', 'interval': 10,
                                    'timeout': 2, 'retries': 1})
        check = docker.types.Healthcheck(**result)
        self.assertEqual(10 * 10 ** 9, check['Interval'])


class TestCreate(DriverTestCase):

    def _create(self, **fields):
        container = self.container(**fields)
        self.driver.create(self.context, container, IMAGE_ID)
        return container, self.client.create_container.call_args.kwargs

    def test_engine_name(self):
        _, kwargs = self._create()
        self.assertEqual('zun-' + UUID, kwargs['name'])

    def test_image_reference(self):
        _, kwargs = self._create(image='busybox')
        self.assertEqual('busybox:latest', kwargs['image'])

    def test_image_digest_reference(self):
        digest = 'sha256:' + 'b' * 64
        _, kwargs = self._create(image='busybox@' + digest)
        self.assertEqual('busybox@' + digest, kwargs['image'])

    def test_image_with_registry_port(self):
        _, kwargs = self._create(image='127.0.0.1:5000/app')
        self.assertEqual('127.0.0.1:5000/app:latest', kwargs['image'])

    def test_command_and_entrypoint(self):
        _, kwargs = self._create(command=['sleep', '60'],
                                 entrypoint=['/bin/sh', '-c'])
        self.assertEqual(['sleep', '60'], kwargs['command'])
        self.assertEqual(['/bin/sh', '-c'], kwargs['entrypoint'])

    def test_empty_command_is_image_default(self):
        _, kwargs = self._create(command=[], entrypoint=None)
        self.assertIsNone(kwargs['command'])
        self.assertIsNone(kwargs['entrypoint'])

    def test_environment_labels_workdir(self):
        _, kwargs = self._create(environment={'A': '1'},
                                 labels={'tier': 'web'}, workdir='/srv',
                                 hostname='web-1')
        self.assertEqual({'A': '1'}, kwargs['environment'])
        self.assertEqual({'tier': 'web'}, kwargs['labels'])
        self.assertEqual('/srv', kwargs['working_dir'])
        self.assertEqual('web-1', kwargs['hostname'])

    def test_interactive_and_tty(self):
        _, kwargs = self._create(interactive=True, tty=True)
        self.assertTrue(kwargs['stdin_open'])
        self.assertTrue(kwargs['tty'])

    def test_not_interactive(self):
        _, kwargs = self._create(interactive=None, tty=None)
        self.assertFalse(kwargs['stdin_open'])
        self.assertFalse(kwargs['tty'])

    def test_create_reads_state(self):
        self.client.inspect_container.return_value = inspect_info(
            status='created', started=None)
        container, _ = self._create()
        self.client.inspect_container.assert_called_once_with(ENGINE_ID)
        self.assertEqual(ENGINE_ID, container.container_id)
        self.assertEqual(consts.CREATED, container.status)
        self.assertEqual('Created', container.status_detail)
        self.assertIsNone(container.started_at)

    def test_create_conflict(self):
        self.client.create_container.side_effect = api_error(
            409, 'name already in use')
        error = self.assertRaises(exception.ContainerEngineConflict,
                                  self.driver.create, self.context,
                                  self.container(), IMAGE_ID)
        self.assertIn('name already in use', str(error))


class TestLifecycle(DriverTestCase):

    def test_start_reads_state(self):
        container = self.container(container_id=ENGINE_ID)
        self.driver.start(self.context, container)
        self.client.start.assert_called_once_with(ENGINE_ID)
        self.assertEqual(consts.RUNNING, container.status)
        self.assertEqual('Up 5 minutes', container.status_detail)
        self.assertEqual(NOW, container.started_at.replace(
            tzinfo=None, microsecond=0))

    def test_start_without_engine_id(self):
        container = self.container(container_id=None)
        self.driver.start(self.context, container)
        self.client.start.assert_called_once_with('zun-' + UUID)

    def test_start_records_engine_error(self):
        self.client.inspect_container.return_value = inspect_info(
            status='exited', finished=NOW, exit_code=127,
            error='executable file not found')
        container = self.container(container_id=ENGINE_ID)
        self.driver.start(self.context, container)
        self.assertEqual(consts.STOPPED, container.status)
        self.assertEqual('executable file not found',
                         container.status_reason)

    def test_stop_passes_timeout(self):
        self.client.inspect_container.return_value = inspect_info(
            status='exited', finished=NOW, exit_code=137)
        container = self.container(container_id=ENGINE_ID)
        self.driver.stop(self.context, container, 12)
        self.client.stop.assert_called_once_with(ENGINE_ID, timeout=12)
        self.assertEqual(consts.STOPPED, container.status)
        self.assertEqual('Exited (137) 5 minutes ago',
                         container.status_detail)

    def test_stop_auto_remove_gone(self):
        self.client.inspect_container.side_effect = not_found()
        container = self.container(container_id=ENGINE_ID, auto_remove=True,
                                   status=consts.RUNNING)
        self.driver.stop(self.context, container, 10)
        self.assertEqual(consts.DELETED, container.status)

    def test_delete(self):
        container = self.container(container_id=ENGINE_ID)
        self.driver.delete(self.context, container, force=True)
        self.client.remove_container.assert_called_once_with(
            ENGINE_ID, v=True, force=True)

    def test_delete_by_name(self):
        self.driver.delete(self.context, self.container(), force=False)
        self.client.remove_container.assert_called_once_with(
            'zun-' + UUID, v=True, force=False)

    def test_delete_not_found_ignored(self):
        self.client.remove_container.side_effect = not_found()
        self.driver.delete(self.context,
                           self.container(container_id=ENGINE_ID), False)

    def test_delete_conflict(self):
        self.client.remove_container.side_effect = api_error(
            409, 'You cannot remove a running container')
        self.assertRaises(exception.ContainerEngineConflict,
                          self.driver.delete, self.context,
                          self.container(container_id=ENGINE_ID), False)

    def test_show_not_found(self):
        self.client.inspect_container.side_effect = not_found()
        container = self.container(container_id=ENGINE_ID,
                                   status=consts.RUNNING,
                                   status_detail='Up 1 hour')
        self.driver.show(self.context, container)
        self.assertEqual(consts.ERROR, container.status)
        self.assertEqual('No such container', container.status_reason)
        self.assertIsNone(container.status_detail)

    def test_show_not_found_auto_remove(self):
        self.client.inspect_container.side_effect = not_found()
        container = self.container(container_id=ENGINE_ID, auto_remove=True)
        self.driver.show(self.context, container)
        self.assertEqual(consts.DELETED, container.status)
        self.assertIsNone(container.status_reason)


class TestErrorTranslation(DriverTestCase):

    def _start_error(self, error):
        self.client.start.side_effect = error
        return self.assertRaises(exception.ZunException, self.driver.start,
                                 self.context,
                                 self.container(container_id=ENGINE_ID))

    def test_conflict(self):
        error = self._start_error(api_error(409, 'container is paused'))
        self.assertIsInstance(error, exception.ContainerEngineConflict)
        self.assertIn('container is paused', str(error))

    def test_other_api_error(self):
        error = self._start_error(api_error(500, 'driver failed'))
        self.assertIsInstance(error, exception.DockerError)
        self.assertIn('driver failed', str(error))

    def test_not_found_on_start(self):
        error = self._start_error(not_found('No such container: x'))
        self.assertIsInstance(error, exception.DockerError)

    def test_docker_exception(self):
        error = self._start_error(docker_errors.InvalidVersion('too old'))
        self.assertIsInstance(error, exception.DockerError)
        self.assertIn('too old', str(error))

    def test_connection_error(self):
        error = self._start_error(requests.exceptions.ConnectionError(
            'socket missing'))
        self.assertIsInstance(error, exception.DockerError)
        self.assertIn('socket missing', str(error))

    def test_read_timeout(self):
        error = self._start_error(requests.exceptions.ReadTimeout(
            'read timed out'))
        self.assertIsInstance(error, exception.DockerError)
        self.assertIn('read timed out', str(error))


class TestList(DriverTestCase):

    def test_one_engine_call(self):
        self.client.containers.return_value = []
        self.driver.list(self.context)
        self.client.containers.assert_called_once_with(
            all=True, filters={'name': 'zun-'})

    def test_parses_entries(self):
        self.client.containers.return_value = [
            {'Id': ENGINE_ID, 'Names': ['/zun-' + UUID], 'State': 'running',
             'Status': 'Up 2 hours'},
        ]
        entries = self.driver.list(self.context)
        self.assertEqual(1, len(entries))
        self.assertEqual(UUID, entries[0].uuid)
        self.assertEqual(ENGINE_ID, entries[0].container_id)
        self.assertEqual(consts.RUNNING, entries[0].status)
        self.assertEqual('Up 2 hours', entries[0].status_detail)

    def test_ignores_other_containers(self):
        self.client.containers.return_value = [
            {'Id': '1', 'Names': ['/web'], 'State': 'running'},
            {'Id': '2', 'Names': ['/zun-not-a-uuid'], 'State': 'running'},
            {'Id': '3', 'Names': ['/my-zun-' + UUID], 'State': 'running'},
            {'Id': '4', 'Names': None, 'State': 'running'},
        ]
        self.assertEqual([], self.driver.list(self.context))

    def test_finds_uuid_among_names(self):
        self.client.containers.return_value = [
            {'Id': ENGINE_ID, 'Names': ['/other/link', '/zun-' + UUID],
             'State': 'exited', 'Status': 'Exited (0) 1 minute ago'},
        ]
        entries = self.driver.list(self.context)
        self.assertEqual(UUID, entries[0].uuid)
        self.assertEqual(consts.STOPPED, entries[0].status)

    def test_list_error(self):
        self.client.containers.side_effect = api_error(500, 'daemon busy')
        self.assertRaises(exception.DockerError, self.driver.list,
                          self.context)


class TestPullImage(DriverTestCase):

    def _present(self, *references):
        def inspect(reference):
            if reference in references:
                return {'Id': IMAGE_ID}
            raise image_not_found(reference)
        self.client.inspect_image.side_effect = inspect

    def _present_after_pull(self, reference):
        state = {'pulled': False}

        def pull(repo, tag=None, **kwargs):
            state['pulled'] = True
            return iter([{'status': 'Pull complete'}])

        def inspect(name):
            if state['pulled'] and name == reference:
                return {'Id': IMAGE_ID}
            raise image_not_found(name)

        self.client.pull.side_effect = pull
        self.client.inspect_image.side_effect = inspect

    def test_never_present(self):
        self._present('busybox:latest')
        image_id = self.driver.pull_image(self.context, 'busybox', 'never')
        self.assertEqual(IMAGE_ID, image_id)
        self.client.pull.assert_not_called()

    def test_never_missing(self):
        self._present()
        error = self.assertRaises(exception.ImageNotFound,
                                  self.driver.pull_image, self.context,
                                  'busybox:1.36', 'never')
        self.assertIn('busybox:1.36', str(error))
        self.client.pull.assert_not_called()

    def test_ifnotpresent_present(self):
        self._present('busybox:latest')
        self.driver.pull_image(self.context, 'busybox:latest',
                               'ifnotpresent')
        self.client.pull.assert_not_called()

    def test_ifnotpresent_missing(self):
        self._present_after_pull('busybox:1.36')
        image_id = self.driver.pull_image(self.context, 'busybox:1.36',
                                          'ifnotpresent')
        self.assertEqual(IMAGE_ID, image_id)
        self.client.pull.assert_called_once_with(
            'busybox', tag='1.36', stream=True, decode=True)

    def test_always_pulls(self):
        self._present('busybox:1.36')
        self.driver.pull_image(self.context, 'busybox:1.36', 'always')
        self.client.pull.assert_called_once_with(
            'busybox', tag='1.36', stream=True, decode=True)

    def test_default_latest_pulls(self):
        self._present('busybox:latest')
        self.driver.pull_image(self.context, 'busybox', None)
        self.client.pull.assert_called_once_with(
            'busybox', tag='latest', stream=True, decode=True)

    def test_default_tag_present(self):
        self._present('busybox:1.36')
        self.driver.pull_image(self.context, 'busybox:1.36', None)
        self.client.pull.assert_not_called()

    def test_default_tag_missing(self):
        self._present_after_pull('busybox:1.36')
        self.driver.pull_image(self.context, 'busybox:1.36', None)
        self.client.pull.assert_called_once()

    def test_default_falls_back_to_local(self):
        self._present('busybox:latest')
        self.client.pull.side_effect = requests.exceptions.ConnectionError(
            'registry unreachable')
        image_id = self.driver.pull_image(self.context, 'busybox', None)
        self.assertEqual(IMAGE_ID, image_id)

    def test_stream_error_falls_back(self):
        self._present('busybox:latest')
        self.client.pull.return_value = iter([{'error': 'toomanyrequests'}])
        image_id = self.driver.pull_image(self.context, 'busybox', None)
        self.assertEqual(IMAGE_ID, image_id)

    def test_always_no_fallback(self):
        self._present('busybox:latest')
        self.client.pull.side_effect = api_error(500, 'registry down')
        error = self.assertRaises(exception.ImagePullFailed,
                                  self.driver.pull_image, self.context,
                                  'busybox', 'always')
        self.assertIn('busybox:latest', str(error))
        self.assertIn('registry down', str(error))

    def test_ifnotpresent_no_fallback(self):
        self._present()
        self.client.pull.side_effect = api_error(404, 'manifest unknown')
        self.assertRaises(exception.ImagePullFailed, self.driver.pull_image,
                          self.context, 'busybox:9', 'ifnotpresent')

    def test_default_missing_fails(self):
        self._present()
        self.client.pull.side_effect = api_error(500, 'registry down')
        self.assertRaises(exception.ImagePullFailed, self.driver.pull_image,
                          self.context, 'busybox', None)

    def test_error_in_stream(self):
        self._present()
        self.client.pull.return_value = iter([
            {'status': 'Pulling from library/app'},
            {'error': 'manifest for app:2 not found',
             'errorDetail': {'message': 'manifest for app:2 not found'}},
        ])
        error = self.assertRaises(exception.ImagePullFailed,
                                  self.driver.pull_image, self.context,
                                  'app:2', 'always')
        self.assertIn('manifest for app:2 not found', str(error))

    def test_missing_after_pull(self):
        self._present()
        error = self.assertRaises(exception.ImagePullFailed,
                                  self.driver.pull_image, self.context,
                                  'app:2', 'always')
        self.assertIn('missing after the pull', str(error))

    def test_connection_error_on_pull(self):
        self._present()
        self.client.pull.side_effect = requests.exceptions.ConnectionError(
            'refused')
        error = self.assertRaises(exception.ImagePullFailed,
                                  self.driver.pull_image, self.context,
                                  'app:2', 'always')
        self.assertIn('refused', str(error))

    def test_digest_reference(self):
        digest = 'sha256:' + 'b' * 64
        self._present_after_pull('busybox@' + digest)
        self.driver.pull_image(self.context, 'busybox@' + digest, None)
        self.client.pull.assert_called_once_with(
            'busybox', tag=digest, stream=True, decode=True)

    def test_registry_with_port(self):
        self._present_after_pull('127.0.0.1:5000/app:latest')
        self.driver.pull_image(self.context, '127.0.0.1:5000/app', None)
        self.client.pull.assert_called_once_with(
            '127.0.0.1:5000/app', tag='latest', stream=True, decode=True)

    def test_inspect_error(self):
        self.client.inspect_image.side_effect = api_error(500, 'disk error')
        self.assertRaises(exception.DockerError, self.driver.pull_image,
                          self.context, 'busybox', 'never')


class TestHostInfo(DriverTestCase):

    def test_host_info(self):
        data_root = self.useFixture(fixtures.TempDir()).path
        self.client.info.return_value = {
            'NCPU': 4, 'MemTotal': 8 * 1024 ** 3, 'DockerRootDir': data_root,
            'Architecture': 'x86_64', 'OSType': 'linux',
            'OperatingSystem': 'Debian GNU/Linux 12',
            'KernelVersion': '6.1.0', 'Runtimes': {'runc': {}, 'crun': {}},
            'Labels': ['rack=r1', 'ssd'],
        }
        info = self.driver.get_host_info()
        self.assertEqual(4, info['cpus'])
        self.assertEqual(8192, info['mem_total'])
        self.assertEqual(['crun', 'runc'], info['runtimes'])
        self.assertEqual({'rack': 'r1', 'ssd': ''}, info['labels'])
        self.assertEqual('linux', info['os_type'])
        self.assertGreater(info['disk_total'], 0)

    def test_missing_data_root(self):
        self.client.info.return_value = {
            'NCPU': 1, 'MemTotal': 1024 ** 3,
            'DockerRootDir': '/nonexistent/zun-test'}
        info = self.driver.get_host_info()
        self.assertEqual(0, info['disk_total'])
        self.assertEqual([], info['runtimes'])
        self.assertEqual({}, info['labels'])


class TestNames(base.TestCase):

    def test_uuid_from_names(self):
        self.assertEqual(UUID, docker_driver.uuid_from_engine_names(
            ['/zun-' + UUID]))

    def test_uuid_without_slash(self):
        self.assertEqual(UUID, docker_driver.uuid_from_engine_names(
            ['zun-' + UUID]))

    def test_no_uuid(self):
        self.assertIsNone(docker_driver.uuid_from_engine_names(['/zun-x']))

    def test_split_image_default_tag(self):
        self.assertEqual(('busybox', 'latest'),
                         docker_driver.split_image('busybox'))

    def test_split_image_tag(self):
        self.assertEqual(('library/busybox', '1.36'),
                         docker_driver.split_image('library/busybox:1.36'))
