"""Command line of the benchmark: start each set-up, measure, report."""

import argparse
import datetime
import json
import logging
import os
import platform
import re
import subprocess
import tempfile
import time

import docker

from zun.tests.functional import deployment as deployments
from zun.tests.functional import services
from zunbench import report
from zunbench import scenarios

LOG = logging.getLogger('zunbench')
TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                   '..'))
SETUPS = {'all-in-one': deployments.AllInOne, 'split': deployments.Split}

FULL = {'create_runs': 15, 'sizes': [100, 1000, 10000],
        'requests_list': 40, 'requests_show': 400, 'clients': 8,
        'seconds': 10, 'sync_containers': 200, 'sync_passes': 7}
QUICK = {'create_runs': 2, 'sizes': [100], 'requests_list': 5,
         'requests_show': 20, 'clients': 8, 'seconds': 1,
         'sync_containers': 5, 'sync_passes': 2}

# NOTE: the API runs 2 workers whatever the core count, because the
# targets are stated for 2 workers. The services log at INFO, as in
# production, since debug logging costs CPU on every request.
OVERRIDES = {
    'DEFAULT': {'debug': 'false', 'report_interval': '10'},
    'api': {'workers': '2'},
    # The sync is measured in a process of its own; the service's periodic
    # pass would only add noise to the other figures.
    'compute': {'sync_container_state_interval': '3600'},
}


def _parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='tools/bench.sh',
        description='Measure zun against the raw Docker engine.')
    parser.add_argument('--quick', action='store_true',
                        help='small sizes and few runs, to check that the '
                        'benchmark works; the figures mean little')
    parser.add_argument('--setup', action='append', choices=sorted(SETUPS),
                        help='set-up to measure; repeat for several '
                        '(default: all)')
    parser.add_argument('--output', default=None,
                        help='directory for the JSON results (default: '
                        'docs/benchmarks, or a new temporary directory '
                        'with --quick)')
    parser.add_argument('--docs', default=None,
                        help='Markdown page whose results section is '
                        'rewritten (default: docs/benchmarks.md; none with '
                        '--quick)')
    parser.add_argument('--before', default=None,
                        help='results.json of an earlier run; its main '
                        'figures and this run\'s go side by side into the '
                        'comparison section of the page')
    args = parser.parse_args(argv)
    args.before_results = None
    if args.before:
        if args.quick and not args.docs:
            parser.error('--before needs --docs with --quick, because a '
                         'quick run rewrites no page by default')
        try:
            with open(args.before) as before_file:
                args.before_results = json.load(before_file)
        except (OSError, ValueError) as exc:
            parser.error('cannot read --before %s: %s' % (args.before, exc))
    return args


def _command_output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True,
                              check=True, cwd=TOP).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def _cpu_model():
    with open('/proc/cpuinfo') as cpuinfo:
        for line in cpuinfo:
            if line.startswith('model name'):
                return line.split(':', 1)[1].strip()
    return platform.machine()


def _memory_gib():
    with open('/proc/meminfo') as meminfo:
        for line in meminfo:
            if line.startswith('MemTotal:'):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def _mariadb_version():
    text = _command_output(['mariadb', '--version'])
    match = re.search(r'Distrib ([^,]+),', text)
    return 'MariaDB %s' % match.group(1) if match else text


def machine_facts(docker_client):
    """Return the machine, versions and commit the figures belong to."""
    engine = docker_client.version()
    return {
        'date': datetime.datetime.now(datetime.timezone.utc).strftime(
            '%Y-%m-%d %H:%M UTC'),
        'cpu': _cpu_model(),
        'cores': os.cpu_count(),
        'memory_gib': _memory_gib(),
        'kernel': platform.release(),
        'os': _command_output(['sh', '-c', '. /etc/os-release && '
                               'echo "$PRETTY_NAME"']),
        'python': platform.python_version(),
        'docker_engine': engine.get('Version'),
        'docker_sdk': docker.__version__,
        'mariadb': _mariadb_version(),
        'rabbitmq': _command_output(['rabbitmqctl', 'version']),
        'commit': _command_output(['git', 'rev-parse', '--short', 'HEAD']),
    }


def run_setup(name, sizes, docker_client, image):
    """Start one set-up, run every measurement on it and stop it."""
    deployment = SETUPS[name](OVERRIDES)
    LOG.info('%s: starting the services', name)
    deployment.start()
    try:
        return _measure(deployment, sizes, docker_client, image)
    except Exception:
        LOG.error('%s: the benchmark failed; service logs:\n%s', name,
                  deployment.logs())
        removed = scenarios.remove_leftovers(deployment.db_url,
                                             deployment.host, docker_client)
        LOG.error('%s: removed %d containers that the failed run left on '
                  'the engine', name, removed)
        raise
    finally:
        deployment.cleanup()


def _measure(deployment, sizes, docker_client, image):
    port = deployment.port
    config_file = os.path.join(deployment.directory, 'zun.conf')
    time.sleep(3)
    figures = {'memory_idle_mib': scenarios.memory(deployment.processes)}
    LOG.info('%s: create until Running, %d runs', deployment.name,
             sizes['create_runs'])
    figures['create'] = scenarios.create_against_engine(
        port, docker_client, image, sizes['create_runs'])
    LOG.info('%s: list and show with %s rows', deployment.name,
             sizes['sizes'])
    figures['list_show'] = scenarios.list_and_show(
        port, deployment.db_url, sizes['sizes'], sizes['requests_list'],
        sizes['requests_show'], sizes['clients'], sizes['seconds'])
    LOG.info('%s: state sync with %d containers', deployment.name,
             sizes['sync_containers'])
    figures['sync'] = scenarios.state_sync(
        port, config_file, deployment.host, image,
        sizes['sync_containers'], sizes['sync_passes'])
    figures['memory_after_load_mib'] = scenarios.memory(
        deployment.processes)
    return figures


def main(argv=None):
    logging.basicConfig(level=logging.INFO,
                        format='%(asctime)s %(name)s %(message)s')
    args = _parse_args(argv)
    sizes = QUICK if args.quick else FULL
    setups = args.setup or sorted(SETUPS)
    output = args.output or (
        tempfile.mkdtemp(prefix='zunbench-') if args.quick
        else os.path.join(TOP, 'docs', 'benchmarks'))
    docs = args.docs or (None if args.quick
                         else os.path.join(TOP, 'docs', 'benchmarks.md'))

    docker_client = services.docker_client()
    image = services.ensure_test_image(docker_client)
    # The state sync runs in a child process that imports zunbench too.
    os.environ['PYTHONPATH'] = os.pathsep.join(
        filter(None, [os.path.dirname(os.path.dirname(__file__)),
                      os.environ.get('PYTHONPATH')]))

    results = {'machine': machine_facts(docker_client), 'sizes': sizes,
               'quick': args.quick, 'setups': {}}
    for name in setups:
        results['setups'][name] = run_setup(name, sizes, docker_client,
                                            image)

    os.makedirs(output, exist_ok=True)
    path = os.path.join(output, 'results.json')
    with open(path, 'w') as result_file:
        json.dump(results, result_file, indent=2, sort_keys=True)
        result_file.write('\n')
    LOG.info('wrote %s', path)
    table = report.render(results)
    if docs:
        report.update_page(docs, table)
        if args.before_results is not None:
            report.update_section(docs, report.render_comparison(
                args.before_results, results), report.COMPARE_BEGIN,
                report.COMPARE_END)
        LOG.info('updated %s', docs)
    print(table)
    return 0
