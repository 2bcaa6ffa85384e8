"""Tests of the periodic state sync and resource report of zun-compute."""

from unittest import mock

from zun.common import consts
from zun.common import exception
from zun.compute import periodic
from zun.container import driver as container_driver
from zun.db import api as dbapi
from zun.objects import compute_node
from zun.objects import container as container_obj
from zun.tests import base
from zun.tests.unit.db import utils

HOST = 'fake-host'


def _entry(container, status, detail):
    return container_driver.EngineContainer(
        container_id=container.container_id, uuid=container.uuid,
        status=status, status_detail=detail)


class TestSyncContainerStates(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.driver = mock.create_autospec(container_driver.ContainerDriver,
                                           instance=True)
        self.driver.list.return_value = []

    def _create(self, **overrides):
        overrides.setdefault('host', HOST)
        return utils.create_container(self.context, **overrides)

    def _load(self, row):
        return dbapi.container_get_by_uuid(self.context, row.uuid)

    def _sync(self):
        return periodic.sync_container_states(self.driver, HOST)

    def test_one_list_call(self):
        for _ in range(5):
            self._create(status=consts.RUNNING)
        self._sync()
        self.assertEqual(1, self.driver.list.call_count)

    def test_one_list_call_without_containers(self):
        self._sync()
        self.assertEqual(1, self.driver.list.call_count)

    def test_updates_status_and_detail(self):
        row = self._create(status=consts.RUNNING)
        self.driver.list.return_value = [
            _entry(row, consts.STOPPED, 'Exited (0) 2 minutes ago')]
        changed = self._sync()
        loaded = self._load(row)
        self.assertEqual(1, changed)
        self.assertEqual(consts.STOPPED, loaded.status)
        self.assertEqual('Exited (0) 2 minutes ago', loaded.status_detail)

    def test_status_change_clears_reason(self):
        row = self._create(status=consts.ERROR, status_reason='start failed')
        self.driver.list.return_value = [
            _entry(row, consts.RUNNING, 'Up 2 seconds')]
        self._sync()
        self.assertIsNone(self._load(row).status_reason)

    def test_detail_only_change(self):
        row = self._create(status=consts.RUNNING, status_detail='Up 1 minute',
                           status_reason='kept')
        self.driver.list.return_value = [
            _entry(row, consts.RUNNING, 'Up 2 minutes')]
        self.assertEqual(1, self._sync())
        loaded = self._load(row)
        self.assertEqual('Up 2 minutes', loaded.status_detail)
        self.assertEqual('kept', loaded.status_reason)

    def test_unchanged_not_written(self):
        row = self._create(status=consts.RUNNING, status_detail='Up 1 minute')
        before = self._load(row).updated_at
        self.driver.list.return_value = [
            _entry(row, consts.RUNNING, 'Up 1 minute')]
        self.assertEqual(0, self._sync())
        self.assertEqual(before, self._load(row).updated_at)

    def test_skips_task_state(self):
        row = self._create(status=consts.RUNNING,
                           task_state=consts.CONTAINER_STOPPING)
        self.driver.list.return_value = [
            _entry(row, consts.STOPPED, 'Exited (0) 1 second ago')]
        self.assertEqual(0, self._sync())
        self.assertEqual(consts.RUNNING, self._load(row).status)

    def test_skips_transient_statuses(self):
        for status in (consts.CREATING, consts.DELETING, consts.REBUILDING):
            row = self._create(status=status)
            self.driver.list.return_value = [
                _entry(row, consts.RUNNING, 'Up 1 second')]
            self.assertEqual(0, self._sync(), status)
            self.assertEqual(status, self._load(row).status)

    def test_skips_without_engine_id(self):
        row = self._create(status=consts.ERROR, container_id=None)
        self.assertEqual(0, self._sync())
        self.assertEqual(consts.ERROR, self._load(row).status)

    def test_skips_other_hosts(self):
        row = self._create(status=consts.RUNNING, host='other-host')
        self._sync()
        self.assertEqual(consts.RUNNING, self._load(row).status)

    def test_missing_container_error(self):
        row = self._create(status=consts.RUNNING, status_detail='Up 1 hour')
        self._sync()
        loaded = self._load(row)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertEqual('No such container', loaded.status_reason)
        self.assertIsNone(loaded.status_detail)

    def test_engine_created_keeps_error(self):
        row = self._create(status=consts.ERROR,
                           status_reason='exec: no such file')
        self.driver.list.return_value = [_entry(row, consts.CREATED,
                                                'Created')]
        self._sync()
        loaded = self._load(row)
        self.assertEqual(consts.ERROR, loaded.status)
        self.assertEqual('exec: no such file', loaded.status_reason)

    def test_missing_auto_remove_purged(self):
        row = self._create(status=consts.STOPPED, auto_remove=True)
        self.assertEqual(1, self._sync())
        self.assertRaises(exception.ContainerNotFound, self._load, row)

    def test_busy_auto_remove_kept(self):
        row = self._create(status=consts.STOPPED, auto_remove=True,
                           task_state=consts.CONTAINER_STARTING)
        self._sync()
        self.assertEqual(consts.STOPPED, self._load(row).status)

    def test_purge_skips_claimed_row(self):
        row = self._create(status=consts.STOPPED, auto_remove=True)
        real_claim = container_obj.Container.claim

        def claim_first(context, uuid, *args, **kwargs):
            # Another request claims the container just before the purge.
            dbapi.container_update(context, uuid,
                                   {'task_state': consts.CONTAINER_STARTING})
            return real_claim(context, uuid, *args, **kwargs)

        with mock.patch.object(container_obj.Container, 'claim',
                               side_effect=claim_first):
            self.assertEqual(0, self._sync())
        self.assertEqual(consts.CONTAINER_STARTING,
                         self._load(row).task_state)

    def test_missing_twice_written_once(self):
        self._create(status=consts.RUNNING)
        self.assertEqual(1, self._sync())
        self.assertEqual(0, self._sync())

    def test_ignores_unknown_engine_entries(self):
        stranger = container_driver.EngineContainer(
            container_id='f' * 64, uuid='0b7c4f3e-0000-4000-8000-00000000aaaa',
            status=consts.RUNNING, status_detail='Up')
        self.driver.list.return_value = [stranger]
        self.assertEqual(0, self._sync())

    def test_claim_between_read_and_write(self):
        row = self._create(status=consts.RUNNING)
        original = container_obj.Container.list_by_host

        def list_then_claim(context, host):
            rows = original(context, host)
            # The API claims the container after the sync read its row.
            dbapi.container_claim(self.context, row.uuid, 'stop',
                                  (consts.RUNNING,),
                                  consts.CONTAINER_STOPPING)
            return rows

        self.driver.list.return_value = [
            _entry(row, consts.STOPPED, 'Exited (0) now')]
        with mock.patch.object(container_obj.Container, 'list_by_host',
                               autospec=True, side_effect=list_then_claim):
            self.assertEqual(0, self._sync())
        loaded = self._load(row)
        self.assertEqual(consts.RUNNING, loaded.status)
        self.assertEqual(consts.CONTAINER_STOPPING, loaded.task_state)

    def test_status_change_between_read_and_write(self):
        row = self._create(status=consts.RUNNING)
        original = container_obj.Container.list_by_host

        def list_then_change(context, host):
            rows = original(context, host)
            dbapi.container_update(self.context, row.uuid,
                                   {'status': consts.PAUSED})
            return rows

        self.driver.list.return_value = [
            _entry(row, consts.STOPPED, 'Exited (0) now')]
        with mock.patch.object(container_obj.Container, 'list_by_host',
                               autospec=True, side_effect=list_then_change):
            self.assertEqual(0, self._sync())
        self.assertEqual(consts.PAUSED, self._load(row).status)

    def test_rows_read_before_engine(self):
        # An action that finished after the engine list but before the row
        # read would look idle, so the sync would write the engine's older
        # state over it. Reading the rows first prevents that.
        row = self._create(status=consts.STOPPED)
        order = []
        original = container_obj.Container.list_by_host

        def list_rows(context, host):
            order.append('rows')
            return original(context, host)

        def list_engine(context):
            order.append('engine')
            dbapi.container_update(self.context, row.uuid,
                                   {'status': consts.RUNNING})
            return [_entry(row, consts.RUNNING, 'Up 1 second')]

        self.driver.list.side_effect = list_engine
        with mock.patch.object(container_obj.Container, 'list_by_host',
                               autospec=True, side_effect=list_rows):
            self._sync()
        self.assertEqual(['rows', 'engine'], order)
        self.assertEqual(consts.RUNNING, self._load(row).status)

    def test_deleted_between_read_and_write(self):
        row = self._create(status=consts.RUNNING)
        original = container_obj.Container.list_by_host

        def list_then_delete(context, host):
            rows = original(context, host)
            dbapi.container_destroy(self.context, row.uuid)
            return rows

        with mock.patch.object(container_obj.Container, 'list_by_host',
                               autospec=True, side_effect=list_then_delete):
            self.assertEqual(0, self._sync())


class TestReportResources(base.DbTestCase):

    HOST_INFO = {
        'cpus': 8, 'mem_total': 16384, 'disk_total': 100, 'disk_used': 40,
        'architecture': 'x86_64', 'os_type': 'linux', 'os': 'Debian',
        'kernel_version': '6.1.0', 'runtimes': ['runc'],
        'labels': {'rack': 'r1'},
    }

    def setUp(self):
        super().setUp()
        self.driver = mock.create_autospec(container_driver.ContainerDriver,
                                           instance=True)
        self.driver.get_host_info.return_value = dict(self.HOST_INFO)

    def test_writes_compute_node(self):
        periodic.report_resources(self.driver, HOST)
        node = compute_node.ComputeNode.get_by_hostname(self.context, HOST)
        self.assertEqual(8, node.cpus)
        self.assertEqual(16384, node.mem_total)
        self.assertEqual(100, node.disk_total)
        self.assertEqual('x86_64', node.architecture)
        self.assertEqual(['runc'], node.runtimes)
        self.assertEqual({'rack': 'r1'}, node.labels)

    def test_counts_containers(self):
        utils.create_container(self.context, host=HOST,
                               status=consts.RUNNING, memory=512, cpu=1.0)
        utils.create_container(self.context, host=HOST,
                               status=consts.STOPPED, memory=256, cpu=0.5)
        utils.create_container(self.context, host=HOST,
                               status=consts.PAUSED, memory=None, cpu=None,
                               project_id='other-project')
        utils.create_container(self.context, host='other-host',
                               status=consts.RUNNING, memory=1024)
        node = periodic.report_resources(self.driver, HOST)
        self.assertEqual(3, node.total_containers)
        self.assertEqual(1, node.running_containers)
        self.assertEqual(1, node.stopped_containers)
        self.assertEqual(1, node.paused_containers)
        self.assertEqual(768, node.mem_used)
        self.assertEqual(16384 - 768, node.mem_free)
        self.assertEqual(1.5, node.cpu_used)

    def test_second_report_updates(self):
        periodic.report_resources(self.driver, HOST)
        self.driver.get_host_info.return_value = dict(self.HOST_INFO,
                                                      mem_total=8192)
        periodic.report_resources(self.driver, HOST)
        nodes = compute_node.ComputeNode.list(self.context)
        self.assertEqual(1, len(nodes))
        self.assertEqual(8192, nodes[0].mem_total)

    def test_free_memory_not_negative(self):
        utils.create_container(self.context, host=HOST, memory=32768)
        node = periodic.report_resources(self.driver, HOST)
        self.assertEqual(0, node.mem_free)
