"""Logs, top, stats and execute through the API on the real Docker engine.

Each test runs against zun-all with SQLite and against separate zun-api
and zun-compute processes with RabbitMQ and MariaDB.
"""

import re
import subprocess
import time

import pytest

from zun.common import rfc3339
from zun.tests.functional import services

# A short time limit keeps the test of an exec that runs over it short.
EXECUTE_TIMEOUT = 3
CONFIG_OVERRIDES = {'docker': {'execute_timeout': str(EXECUTE_TIMEOUT)}}

# Ten lines at once on both streams, then one more a second later, so that
# a "since" between the two moments selects only the last one.
_WRITER = ("trap 'exit 0' TERM; for i in 1 2 3 4 5; do echo out$i; "
           "echo err$i >&2; done; sleep 1; echo late; "
           "while true; do sleep 1; done")
STDOUT_LINES = ['out1', 'out2', 'out3', 'out4', 'out5', 'late']
STDERR_LINES = ['err1', 'err2', 'err3', 'err4', 'err5']
STATS_KEYS = {'CONTAINER', 'CPU %', 'MEM USAGE(MiB)', 'MEM LIMIT(MiB)',
              'MEM %', 'BLOCK I/O(B)', 'NET I/O(B)'}
TIMESTAMP_LINE = re.compile(r'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z (.*)')
MIB = 1024 * 1024


def _run(deployment, image, name=None, command=None, run=True, **extra):
    body = dict({'image': image, 'name': name or services.unique_name('insp'),
                 'memory': '64m', 'cpu': 0.5}, **extra)
    if command is not None:
        body['command'] = command
    return deployment.client.create(body, run=run)


def _delete(deployment, docker_client, uuid):
    deployment.client.delete('/v1/containers/%s?force=true' % uuid)
    try:
        docker_client.remove_container('zun-%s' % uuid, force=True)
    except Exception:  # noqa: S110  (already gone is the usual case)
        pass


@pytest.fixture(scope='module')
def writer(deployment, docker_client, test_image):
    """A running container whose log has a known content."""
    container = _run(deployment, test_image, command=['sh', '-c', _WRITER])
    uuid = container['uuid']
    try:
        deployment.client.wait_for_status(uuid, 'Running')
        deadline = time.monotonic() + 30
        while b'late' not in docker_client.logs('zun-%s' % uuid):
            assert time.monotonic() < deadline, 'the writer wrote no log'
            time.sleep(0.2)
        yield container
    finally:
        _delete(deployment, docker_client, uuid)


def _get(deployment, container, action, status=200, **params):
    response = deployment.client.get(
        '/v1/containers/%s/%s' % (container['uuid'], action), params=params)
    assert response.status_code == status, response.text
    return response.json()


def _logs(deployment, container, **params):
    return _get(deployment, container, 'logs', **params)


def _lines(text):
    return text.splitlines()


def _execute(deployment, container, status=200, **params):
    response = deployment.client.post(
        '/v1/containers/%s/execute' % container['uuid'], params=params)
    assert response.status_code == status, response.text
    return response.json()


def _error_detail(body):
    return body['errors'][0]['detail']


# --- logs

def test_logs_has_both_streams(deployment, writer):
    lines = _lines(_logs(deployment, writer))
    assert sorted(lines) == sorted(STDOUT_LINES + STDERR_LINES)


def test_logs_stream_filters(deployment, writer):
    only_stderr = _lines(_logs(deployment, writer, stdout='False'))
    only_stdout = _lines(_logs(deployment, writer, stderr='False'))
    assert only_stderr == STDERR_LINES
    assert only_stdout == STDOUT_LINES


def test_logs_tail(deployment, writer):
    everything = _lines(_logs(deployment, writer))
    assert _logs(deployment, writer, tail='0') == ''
    assert _lines(_logs(deployment, writer, tail='3')) == everything[-3:]
    assert _lines(_logs(deployment, writer, tail='100')) == everything
    assert _lines(_logs(deployment, writer, tail='all')) == everything


def test_logs_tail_of_one_stream(deployment, writer):
    # The engine counts the lines of both streams before it drops one.
    lines = _lines(_logs(deployment, writer, stdout='False', tail='2'))
    assert lines == ['err4', 'err5']


def test_logs_tail_with_long_line(deployment, created, test_image):
    # The engine splits a line longer than 16 KiB into several entries,
    # and its own tail counts entries.
    script = ("trap 'exit 0' TERM; echo first; "
              "head -c 40000 /dev/zero | tr '\\0' x; echo; echo end; "
              "while true; do sleep 1; done")
    container = _run(deployment, test_image, command=['sh', '-c', script])
    created.append(container['uuid'])
    deployment.client.wait_for_status(container['uuid'], 'Running')
    deadline = time.monotonic() + 30
    while 'end' not in _logs(deployment, container):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert _lines(_logs(deployment, container, tail='1')) == ['end']
    assert _lines(_logs(deployment, container, tail='2')) == ['x' * 40000,
                                                             'end']
    assert _lines(_logs(deployment, container, tail='3')) == [
        'first', 'x' * 40000, 'end']


def test_logs_timestamps(deployment, writer):
    lines = _lines(_logs(deployment, writer, timestamps='True'))
    assert len(lines) == 11
    for line in lines:
        assert TIMESTAMP_LINE.fullmatch(line), line


def _moment_before_late(deployment, writer):
    """Return nanoseconds between the first ten lines and the last one."""
    stamps = {}
    for line in _lines(_logs(deployment, writer, timestamps='True')):
        stamp, _, text = line.partition(' ')
        stamps[text] = rfc3339.parse_ns(stamp)
    late = stamps.pop('late')
    earlier = max(stamps.values())
    assert late - earlier > 500000000
    return (earlier + late) // 2


def test_logs_since_formats(deployment, writer):
    moment = _moment_before_late(deployment, writer)
    seconds, nanoseconds = divmod(moment, rfc3339.NS_PER_SECOND)
    utc = time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(seconds))
    plus_two = time.strftime('%Y-%m-%dT%H:%M:%S',
                             time.gmtime(seconds + 7200))
    fraction = '%09d' % nanoseconds
    for since in ('%d.%s' % (seconds, fraction),
                  '%s.%sZ' % (utc, fraction),
                  '%s.%s+02:00' % (plus_two, fraction),
                  '%s.%s' % (utc, fraction)):
        assert _logs(deployment, writer, since=since) == 'late\n', since


def test_logs_since_future_is_empty(deployment, writer):
    assert _logs(deployment, writer, since=str(int(time.time()) + 3600)) == ''


@pytest.mark.parametrize('name, value', [
    ('since', ''), ('since', 'yesterday'), ('since', '2024-13-01T00:00:00Z'),
    ('tail', '-1'), ('tail', 'x'), ('tail', '1.5'), ('stdout', 'maybe'),
])
def test_logs_bad_input(deployment, writer, name, value):
    body = _get(deployment, writer, 'logs', status=400, **{name: value})
    assert "'%s'" % name in _error_detail(body)


# --- top

def test_top_default(deployment, writer):
    top = _get(deployment, writer, 'top')
    assert 'PID' in top['Titles']
    commands = [process[-1] for process in top['Processes']]
    assert any('trap' in command for command in commands), commands


def test_top_ps_args(deployment, writer):
    assert 'USER' in _get(deployment, writer, 'top', ps_args='aux')['Titles']
    custom = _get(deployment, writer, 'top', ps_args='-eo pid,comm')
    assert custom['Titles'] == ['PID', 'COMMAND']
    default = _get(deployment, writer, 'top', ps_args='None')
    assert default['Titles'][:3] == ['UID', 'PID', 'PPID']


@pytest.mark.parametrize('ps_args', [
    'aux; id', '$(id)', '-ef | cat', '-o comm', 'e', '--no-headers',
])
def test_top_rejects_ps_args(deployment, writer, ps_args):
    body = _get(deployment, writer, 'top', status=400, ps_args=ps_args)
    assert "'ps_args'" in _error_detail(body)


# --- stats

def test_stats_keys_and_units(deployment, writer):
    stats = _get(deployment, writer, 'stats')
    assert set(stats) == STATS_KEYS
    assert stats['CONTAINER'] == writer['name']
    assert stats['MEM LIMIT(MiB)'] == 64.0
    assert 0 < stats['MEM USAGE(MiB)'] < 64
    assert stats['MEM %'] == pytest.approx(stats['MEM USAGE(MiB)'] / 64 * 100)
    assert re.fullmatch('[0-9]+/[0-9]+', stats['BLOCK I/O(B)'])
    assert re.fullmatch('[0-9]+/[0-9]+', stats['NET I/O(B)'])
    assert stats['CPU %'] >= 0


def _cli_memory_usage(uuid):
    """Return the memory usage in MiB that ``docker stats`` prints."""
    output = subprocess.run(
        ['docker', 'stats', '--no-stream', '--format', '{{.MemUsage}}',
         'zun-%s' % uuid], capture_output=True, text=True, check=True,
        timeout=60).stdout
    usage = output.split('/')[0].strip()
    number, unit = re.fullmatch(r'([0-9.]+)([KMG]i?B|B)', usage).groups()
    factor = {'B': 1 / MIB, 'KiB': 1 / 1024, 'MiB': 1, 'GiB': 1024}[unit]
    return float(number) * factor


def test_stats_memory_like_docker_cli(deployment, writer, docker_client):
    # Page cache of a written file is in the cgroup's usage; the CLI and
    # zun leave its inactive part out.
    _execute(deployment, writer,
             command='dd if=/dev/zero of=/tmp/fill bs=1M count=20')
    try:
        raw = docker_client.stats('zun-%s' % writer['uuid'], stream=False,
                                  one_shot=True)['memory_stats']['usage']
        cli = _cli_memory_usage(writer['uuid'])
        ours = _get(deployment, writer, 'stats')['MEM USAGE(MiB)']
    finally:
        _execute(deployment, writer, command='rm -f /tmp/fill')
    assert ours == pytest.approx(cli, abs=1.0)
    assert ours < raw / MIB


def test_stats_cpu_of_busy_container(deployment, docker_client, test_image,
                                     created):
    busy = _run(deployment, test_image, cpu=0.5,
                command=['sh', '-c', 'while :; do :; done'])
    created.append(busy['uuid'])
    deployment.client.wait_for_status(busy['uuid'], 'Running')
    _get(deployment, busy, 'stats')
    time.sleep(1.5)
    cpu = _get(deployment, busy, 'stats')['CPU %']
    # The container may use half a CPU.
    assert 20 < cpu < 75, cpu


# --- execute

def test_execute_output_and_exit_code(deployment, writer):
    assert _execute(deployment, writer, command='echo hello') == {
        'output': 'hello\n', 'exit_code': 0, 'exec_id': None,
        'proxy_url': None}
    result = _execute(deployment, writer,
                      command='sh -c "echo out; echo err >&2; exit 3"')
    assert result['exit_code'] == 3
    assert sorted(_lines(result['output'])) == ['err', 'out']


def test_execute_command_in_body(deployment, writer):
    path = '/v1/containers/%s/execute' % writer['uuid']
    as_string = deployment.client.post(path, json={'command': 'echo hello'})
    as_list = deployment.client.post(path, json={'command': ['echo', 'a b']})
    assert as_string.json()['output'] == 'hello\n'
    assert as_list.json()['output'] == 'a b\n'


def test_execute_missing_program(deployment, writer):
    result = _execute(deployment, writer, command='no-such-program')
    assert result['exit_code'] != 0
    assert 'no-such-program' in result['output']


@pytest.mark.parametrize('params, text', [
    ({}, "'command'"),
    ({'command': ''}, 'must not be empty'),
    ({'command': 'echo "a'}, 'cannot be split'),
    ({'command': 'ls', 'interactive': 'maybe'}, "'interactive'"),
])
def test_execute_bad_input(deployment, writer, params, text):
    body = _execute(deployment, writer, status=400, **params)
    assert text in _error_detail(body)


def _processes(docker_client, uuid):
    top = docker_client.top('zun-%s' % uuid)
    return [process[-1] for process in top['Processes']]


def test_execute_time_limit_kills(deployment, writer, docker_client):
    started = time.monotonic()
    body = _execute(deployment, writer, status=409,
                    command="sh -c 'sleep 57; echo never'")
    elapsed = time.monotonic() - started
    detail = _error_detail(body)
    assert 'did not finish within %d seconds' % EXECUTE_TIMEOUT in detail
    assert 'It was killed.' in detail
    assert elapsed < EXECUTE_TIMEOUT + 5, elapsed
    # The shell and its child sleep are both gone.
    deadline = time.monotonic() + 5
    while any('57' in command
              for command in _processes(docker_client, writer['uuid'])):
        assert time.monotonic() < deadline, _processes(docker_client,
                                                       writer['uuid'])
        time.sleep(0.2)


# --- status rules and routing

ACTIONS = ('logs', 'top', 'stats', 'execute')
ALLOWED = {
    'Created': {'logs'},
    'Running': set(ACTIONS),
    'Stopped': {'logs'},
    'Paused': {'logs'},
    'Error': {'logs'},
}


def _action_status(deployment, container, action):
    path = '/v1/containers/%s/%s' % (container['uuid'], action)
    if action == 'execute':
        return deployment.client.post(path, params={'command': 'true'})
    return deployment.client.get(path)


def _containers_in_each_status(deployment, docker_client, image, created):
    client = deployment.client
    containers = {
        'Created': _run(deployment, image, run=False),
        'Running': _run(deployment, image),
        'Stopped': _run(deployment, image),
        'Paused': _run(deployment, image),
        'Error': _run(deployment, image, run=False),
    }
    created.extend(container['uuid'] for container in containers.values())
    for status, container in containers.items():
        first = {'Stopped': 'Running', 'Paused': 'Running',
                 'Error': 'Created'}.get(status, status)
        client.wait_for_status(container['uuid'], first)
    stopped = containers['Stopped']['uuid']
    assert client.post('/v1/containers/%s/stop' % stopped).status_code == 202
    client.wait_for_status(stopped, 'Stopped')
    # Pause on the engine; the state sync brings the status to Paused.
    docker_client.pause('zun-%s' % containers['Paused']['uuid'])
    client.wait_for_status(containers['Paused']['uuid'], 'Paused')
    # NOTE: the state sync turns an Error container that the engine still
    # has into the engine's state, so the only lasting Error is one that
    # the engine lost.
    docker_client.remove_container('zun-%s' % containers['Error']['uuid'])
    client.wait_for_status(containers['Error']['uuid'], 'Error')
    return containers


def test_every_action_on_every_status(deployment, docker_client, test_image,
                                      created):
    containers = _containers_in_each_status(deployment, docker_client,
                                            test_image, created)
    for status, container in containers.items():
        for action in ACTIONS:
            response = _action_status(deployment, container, action)
            if action not in ALLOWED[status]:
                assert response.status_code == 409, (status, action)
                error = response.json()['errors'][0]
                assert 'in %s state' % status in error['detail']
            elif status == 'Error':
                # Allowed, but the engine has nothing to read.
                assert response.status_code == 409, response.text
                error = response.json()['errors'][0]
                assert error['code'] == 'container.container-not-on-engine'
            else:
                assert response.status_code == 200, (status, action,
                                                      response.text)


def test_containers_named_like_actions(deployment, test_image, created):
    client = deployment.client
    names = ('logs', 'top', 'stats', 'container_actions')
    uuids = {}
    for name in names:
        uuids[name] = _run(deployment, test_image, name=name)['uuid']
        created.append(uuids[name])
    for name in names:
        client.wait_for_status(uuids[name], 'Running')
        shown = client.get('/v1/containers/%s' % name)
        assert shown.status_code == 200, shown.text
        assert shown.json()['uuid'] == uuids[name]
    assert isinstance(client.get('/v1/containers/logs/logs').json(), str)
    assert 'PID' in client.get('/v1/containers/top/top').json()['Titles']
    stats = client.get('/v1/containers/stats/stats').json()
    assert stats['CONTAINER'] == 'stats'
    actions = client.get('/v1/containers/container_actions/'
                         'container_actions').json()['containerActions']
    assert [action['action'] for action in actions] == ['create']
