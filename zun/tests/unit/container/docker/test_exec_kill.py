"""Tests of killing a timed-out exec, with a fake /proc."""

import os
import signal
from unittest import mock

import docker
import fixtures

from zun.container.docker import exec_kill
from zun.objects import container as container_obj
from zun.tests import base

ENGINE_ID = 'c' * 64
EXEC_ID = 'd' * 64


class ExecKillTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.proc = self.useFixture(fixtures.TempDir()).path
        self.useFixture(fixtures.MockPatchObject(exec_kill, 'PROC',
                                                 self.proc))
        self.kill = self.useFixture(fixtures.MockPatchObject(
            os, 'kill', autospec=True)).mock
        self.client = mock.create_autospec(docker.APIClient, instance=True)
        self.client.exec_inspect.return_value = {
            'Running': True, 'Pid': 100, 'ContainerID': ENGINE_ID}
        self.container = container_obj.Container(
            self.context, uuid='6f1c2b9e-1d2a-4c3b-9a8e-0123456789ab',
            container_id=ENGINE_ID)

    def add_process(self, pid, ppid, container_id=ENGINE_ID, nspid=None,
                    comm='sleep'):
        directory = os.path.join(self.proc, str(pid))
        os.makedirs(directory)
        with open(os.path.join(directory, 'stat'), 'w') as stat:
            stat.write('%d (%s) S %d 1 1 0 -1\n' % (pid, comm, ppid))
        with open(os.path.join(directory, 'cgroup'), 'w') as cgroup:
            cgroup.write('12:memory:/docker/%s\n' % container_id)
        with open(os.path.join(directory, 'status'), 'w') as status:
            status.write('Name:\t%s\nNSpid:\t%d\t%d\n'
                         % (comm, pid, nspid or pid))


class TestProcFiles(ExecKillTestCase):

    def test_in_container(self):
        self.add_process(100, 1)
        self.assertTrue(exec_kill.in_container(100, ENGINE_ID))

    def test_other_container(self):
        self.add_process(100, 1, container_id='e' * 64)
        self.assertFalse(exec_kill.in_container(100, ENGINE_ID))

    def test_gone_process(self):
        self.assertFalse(exec_kill.in_container(100, ENGINE_ID))

    def test_no_container_id(self):
        self.add_process(100, 1)
        self.assertFalse(exec_kill.in_container(100, None))

    def test_process_tree(self):
        self.add_process(100, 1)
        self.add_process(101, 100)
        self.add_process(102, 101, comm='a) b (c')
        self.add_process(200, 1)
        os.makedirs(os.path.join(self.proc, 'self'))
        self.assertEqual([100, 101, 102], exec_kill.process_tree(100))

    def test_namespace_pid(self):
        self.add_process(100, 1, nspid=7)
        self.assertEqual(7, exec_kill.namespace_pid(100))

    def test_namespace_pid_gone(self):
        self.assertIsNone(exec_kill.namespace_pid(100))


class TestKillExec(ExecKillTestCase):

    def test_finished_exec_untouched(self):
        self.client.exec_inspect.return_value = {'Running': False}
        self.assertTrue(exec_kill.kill_exec(self.client, self.container,
                                            EXEC_ID))
        self.kill.assert_not_called()

    def test_kills_tree_from_host(self):
        self.add_process(100, 1)
        self.add_process(101, 100)
        self.assertTrue(exec_kill.kill_exec(self.client, self.container,
                                            EXEC_ID))
        self.assertEqual([mock.call(100, signal.SIGKILL),
                          mock.call(101, signal.SIGKILL)],
                         self.kill.call_args_list)

    def test_vanished_child_ignored(self):
        self.add_process(100, 1)
        self.add_process(101, 100)
        self.kill.side_effect = [None, ProcessLookupError()]
        self.assertTrue(exec_kill.kill_exec(self.client, self.container,
                                            EXEC_ID))

    def test_reused_pid_spared(self):
        self.add_process(100, 1, container_id='e' * 64)
        self.assertFalse(exec_kill.kill_exec(self.client, self.container,
                                             EXEC_ID))
        self.kill.assert_not_called()

    def test_remote_engine_spared(self):
        self.conf.config(api_url='tcp://10.0.0.5:2375', group='docker')
        self.add_process(100, 1)
        self.assertFalse(exec_kill.kill_exec(self.client, self.container,
                                             EXEC_ID))
        self.kill.assert_not_called()

    def test_kill_inside_when_host_forbids(self):
        self.add_process(100, 1, nspid=5)
        self.add_process(101, 100, nspid=6)
        self.kill.side_effect = PermissionError()
        self.client.exec_create.return_value = {'Id': 'k' * 64}
        self.client.exec_inspect.side_effect = [
            {'Running': True, 'Pid': 100, 'ContainerID': ENGINE_ID},
            {'Running': False, 'ExitCode': 0}]
        self.assertTrue(exec_kill.kill_exec(self.client, self.container,
                                            EXEC_ID))
        self.client.exec_create.assert_called_once_with(
            ENGINE_ID, ['kill', '-KILL', '5', '6'], user='0')

    def test_kill_inside_fails(self):
        self.add_process(100, 1)
        self.kill.side_effect = PermissionError()
        self.client.exec_create.side_effect = docker.errors.APIError('no')
        self.assertFalse(exec_kill.kill_exec(self.client, self.container,
                                             EXEC_ID))

    def test_kill_inside_nonzero_exit(self):
        self.add_process(100, 1)
        self.kill.side_effect = PermissionError()
        self.client.exec_create.return_value = {'Id': 'k' * 64}
        self.client.exec_inspect.side_effect = [
            {'Running': True, 'Pid': 100, 'ContainerID': ENGINE_ID},
            {'Running': False, 'ExitCode': 127}]
        self.assertFalse(exec_kill.kill_exec(self.client, self.container,
                                             EXEC_ID))
