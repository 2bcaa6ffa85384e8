"""Docker driver: actions, engine errors, mounts and disk limits."""

import base64
import os

from docker import errors as docker_errors
from docker import types as docker_types
import fixtures

from zun.common import consts
from zun.common import exception
from zun.container.docker import driver as docker_driver
from zun.container.docker import mounts
from zun.tests.unit.container.docker import test_driver

DriverTestCase = test_driver.DriverTestCase
api_error = test_driver.api_error
inspect_info = test_driver.inspect_info
IMAGE_ID = test_driver.IMAGE_ID
ENGINE_ID = test_driver.ENGINE_ID
UUID = test_driver.UUID
MIB = 1024 * 1024
TARGET = ENGINE_ID


class TestActions(DriverTestCase):

    def running(self, **fields):
        return self.container(container_id=ENGINE_ID, status='Running',
                              **fields)

    def test_pause_reads_state(self):
        self.client.inspect_container.return_value = inspect_info('paused')
        container = self.driver.pause(self.context, self.running())
        self.client.pause.assert_called_once_with(TARGET)
        self.assertEqual(consts.PAUSED, container.status)

    def test_unpause_reads_state(self):
        container = self.driver.unpause(self.context, self.running())
        self.client.unpause.assert_called_once_with(TARGET)
        self.assertEqual(consts.RUNNING, container.status)

    def test_kill_signal(self):
        self.client.inspect_container.return_value = inspect_info('exited')
        container = self.driver.kill(self.context, self.running(), 'SIGTERM')
        self.client.kill.assert_called_once_with(TARGET, signal='SIGTERM')
        self.assertEqual(consts.STOPPED, container.status)

    def test_kill_default_signal(self):
        self.driver.kill(self.context, self.running())
        self.client.kill.assert_called_once_with(TARGET, signal=None)

    def test_reboot_timeout(self):
        self.driver.reboot(self.context, self.running(), 4)
        self.client.restart.assert_called_once_with(TARGET, timeout=4)

    def test_commit_without_engine_pause(self):
        self.client.commit.return_value = {'Id': IMAGE_ID}
        image_id = self.driver.commit(self.context, self.running(), 'repo',
                                      'v1')
        self.assertEqual(IMAGE_ID, image_id)
        self.client.commit.assert_called_once_with(
            TARGET, repository='repo', tag='v1', pause=False)


class TestEngineErrors(DriverTestCase):

    def test_409_is_conflict(self):
        self.client.pause.side_effect = api_error(
            409, 'Container x is not running')
        self.assertRaises(exception.ContainerEngineConflict,
                          self.driver.pause, self.context, self.container())

    def test_500_not_paused_is_conflict(self):
        # Docker 20.10 answers an unpause of a running container with 500.
        self.client.unpause.side_effect = api_error(
            500, 'Container x is not paused')
        error = self.assertRaises(exception.ContainerEngineConflict,
                                  self.driver.unpause, self.context,
                                  self.container())
        self.assertIn('is not paused', error.format_message())

    def test_400_is_invalid(self):
        self.client.kill.side_effect = api_error(400,
                                                 'Invalid signal: SIGFOO')
        self.assertRaises(exception.ContainerEngineInvalid,
                          self.driver.kill, self.context, self.container(),
                          'SIGFOO')

    def test_other_500_is_docker_error(self):
        self.client.restart.side_effect = api_error(500, 'shim failed')
        self.assertRaises(exception.DockerError, self.driver.reboot,
                          self.context, self.container(), 1)


class TestUpdate(DriverTestCase):

    def host_config(self, memory, swap):
        info = inspect_info()
        info['HostConfig'] = {'Memory': memory, 'MemorySwap': swap}
        self.client.inspect_container.return_value = info

    def test_cpu_limits(self):
        self.driver.update(self.context, self.container(), cpu=0.2)
        self.client.update_container.assert_called_once_with(
            'zun-%s' % UUID, cpu_period=100000, cpu_quota=20000,
            cpu_shares=204)

    def test_memory_with_default_swap(self):
        self.host_config(64 * MIB, 128 * MIB)
        self.driver.update(self.context, self.container(), memory=256)
        kwargs = self.client.update_container.call_args.kwargs
        self.assertEqual(256 * MIB, kwargs['mem_limit'])
        self.assertEqual(512 * MIB, kwargs['memswap_limit'])

    def test_unlimited_swap_kept(self):
        self.host_config(64 * MIB, -1)
        self.driver.update(self.context, self.container(), memory=128)
        kwargs = self.client.update_container.call_args.kwargs
        self.assertEqual(-1, kwargs['memswap_limit'])

    def test_no_memory_before(self):
        self.host_config(0, 0)
        self.driver.update(self.context, self.container(), memory=100)
        kwargs = self.client.update_container.call_args.kwargs
        self.assertEqual(200 * MIB, kwargs['memswap_limit'])

    def test_nothing_to_change(self):
        self.driver.update(self.context, self.container())
        self.client.update_container.assert_not_called()

    def test_engine_minimum_invalid(self):
        self.host_config(64 * MIB, 128 * MIB)
        self.client.update_container.side_effect = api_error(
            400, 'Minimum memory limit allowed is 6MB')
        self.assertRaises(exception.ContainerEngineInvalid,
                          self.driver.update, self.context, self.container(),
                          memory=5)


class TestDiskLimit(DriverTestCase):

    def test_unsupported_driver_refused(self):
        self.client.info.return_value = {
            'Driver': 'overlay2',
            'DriverStatus': [['Backing Filesystem', 'extfs']]}
        error = self.assertRaises(exception.DiskQuotaNotSupported,
                                  self.driver.create, self.context,
                                  self.container(disk=5), IMAGE_ID)
        self.assertIn('overlay2 on extfs', error.format_message())
        self.client.create_container.assert_not_called()

    def test_supported_driver_size(self):
        self.client.info.return_value = {'Driver': 'btrfs'}
        self.driver.create(self.context, self.container(disk=5), IMAGE_ID)
        config = self.client.create_host_config.call_args.kwargs
        self.assertEqual({'size': '5G'}, config['storage_opt'])

    def test_no_disk_no_check(self):
        self.driver.create(self.context, self.container(), IMAGE_ID)
        self.client.info.assert_not_called()

    def test_overlay_on_xfs_supported(self):
        self.assertTrue(docker_driver.disk_quota_supported({
            'Driver': 'overlay2',
            'DriverStatus': [['Backing Filesystem', 'xfs']]}))

    def test_host_info_reports_support(self):
        self.client.info.return_value = {'Driver': 'zfs', 'NCPU': 2}
        self.assertTrue(self.driver.get_host_info()['disk_quota_supported'])


class TestMounts(DriverTestCase):

    def setUp(self):
        super().setUp()
        self.state_path = self.useFixture(
            fixtures.TempDir()).path
        self.conf.config(state_path=self.state_path)
        self.client.create_volume.return_value = {'Labels': {}}

    def created_mounts(self, mount_list, **fields):
        self.driver.create(self.context,
                           self.container(mounts=mount_list, **fields),
                           IMAGE_ID)
        return self.client.create_host_config.call_args.kwargs['mounts']

    def test_named_volume_per_project(self):
        specs = self.created_mounts(
            [{'source': 'data', 'destination': '/data'}], project_id='p1')
        self.assertEqual([docker_types.Mount('/data', 'zun-p1-data',
                                             type='volume')], specs)
        kwargs = self.client.create_volume.call_args.kwargs
        self.assertEqual('zun-p1-data', kwargs['name'])
        self.assertEqual('true', kwargs['labels'][mounts.MANAGED_LABEL])

    def test_odd_project_id_digested(self):
        specs = self.created_mounts(
            [{'source': 'data', 'destination': '/data'}],
            project_id='a project')
        name = specs[0]['Source']
        self.assertRegex(name, r'^zun-[0-9a-f]{32}-data$')

    def test_size_volume_per_container(self):
        specs = self.created_mounts([{'size': 1, 'destination': '/s'}])
        self.assertEqual('zun-%s-0' % UUID, specs[0]['Source'])
        labels = self.client.create_volume.call_args.kwargs['labels']
        self.assertEqual(UUID, labels[mounts.CONTAINER_LABEL])

    def test_bind_writes_file(self):
        content = base64.b64encode(b'hello\n').decode()
        specs = self.created_mounts([{'type': 'bind', 'source': content,
                                      'destination': '/etc/app.conf'}])
        path = os.path.join(self.state_path, 'mounts', UUID, 'file-0')
        self.assertEqual([docker_types.Mount('/etc/app.conf', path,
                                             type='bind')], specs)
        with open(path, 'rb') as written:
            self.assertEqual(b'hello\n', written.read())
        self.assertEqual(0o644, os.stat(path).st_mode & 0o777)

    def test_remove_managed_volume(self):
        self.client.inspect_volume.return_value = {
            'Labels': {mounts.MANAGED_LABEL: 'true'}}
        self.driver.remove_mounts(self.context, self.container(
            mounts=[{'source': 'data', 'destination': '/d'}]))
        self.client.remove_volume.assert_called_once_with('zun-p1-data')

    def test_keep_foreign_volume(self):
        self.client.inspect_volume.return_value = {'Labels': None}
        self.driver.remove_mounts(self.context, self.container(
            mounts=[{'source': 'data', 'destination': '/d'}]))
        self.client.remove_volume.assert_not_called()

    def test_keep_volume_in_use(self):
        self.client.inspect_volume.return_value = {
            'Labels': {mounts.MANAGED_LABEL: 'true'}}
        self.client.remove_volume.side_effect = api_error(
            409, 'volume is in use')
        self.driver.remove_mounts(self.context, self.container(
            mounts=[{'source': 'data', 'destination': '/d'}]))

    def test_missing_volume_ignored(self):
        self.client.inspect_volume.side_effect = api_error(
            404, 'no such volume', docker_errors.NotFound)
        self.driver.remove_mounts(self.context, self.container(
            mounts=[{'size': 1, 'destination': '/d'}]))
        self.client.remove_volume.assert_not_called()

    def test_remove_deletes_files(self):
        content = base64.b64encode(b'x').decode()
        mount_list = [{'type': 'bind', 'source': content,
                       'destination': '/f'}]
        self.created_mounts(mount_list)
        self.driver.remove_mounts(self.context,
                                  self.container(mounts=mount_list))
        self.assertFalse(os.path.exists(os.path.join(self.state_path,
                                                     'mounts', UUID)))
