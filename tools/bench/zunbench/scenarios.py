"""The measurements: each returns a JSON-ready dict of figures."""

import concurrent.futures
import json
import subprocess
import sys
import time
import uuid

import docker
import sqlalchemy as sa

from zun.db.sqlalchemy import models
from zunbench import load
from zunbench import procs
from zunbench import seed
from zunbench import stats

POLL_INTERVAL = 0.01
LIST_PATH = '/v1/containers?limit=1000'


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:10])


def _engine_create(docker_client, image):
    """Create and start a container with the docker SDK; return seconds."""
    start = time.perf_counter()
    created = docker_client.create_container(image, name=_name('bench-raw'))
    docker_client.start(created['Id'])
    duration = time.perf_counter() - start
    docker_client.remove_container(created['Id'], force=True)
    return duration


def _wait_for_running(client, uuid_, timeout=120):
    # Like `openstack appcontainer run --wait`, this watches the status
    # alone; the service may still be writing the action's history.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get_json('/v1/containers/%s' % uuid_)
        if body['status'] == 'Running':
            return
        if body['status'] == 'Error':
            raise RuntimeError('container %s went to Error: %s'
                               % (uuid_, body['status_reason']))
        time.sleep(POLL_INTERVAL)
    raise RuntimeError('container %s was not Running after %ds'
                       % (uuid_, timeout))


def _api_run(client, image, memory=None):
    """POST a container with run=true and return its UUID at once."""
    body = {'image': image, 'name': _name('bench-api'),
            'image_pull_policy': 'ifnotpresent'}
    if memory is not None:
        body['memory'] = memory
    status, data = client.request('POST', '/v1/containers?run=true', body)
    if status != 202:
        raise RuntimeError('create returned %d: %s' % (status, data[:500]))
    return json.loads(data)['uuid']


def _api_delete(client, uuid_, timeout=120):
    path = '/v1/containers/%s' % uuid_
    deadline = time.monotonic() + timeout
    while True:
        status, data = client.request('DELETE', path + '?force=true')
        # 409: the create task has not finished its bookkeeping yet.
        if status != 409 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if status != 204:
        raise RuntimeError('delete returned %d: %s' % (status, data[:500]))
    while time.monotonic() < deadline:
        status, _ = client.request('GET', path)
        if status == 404:
            return
        time.sleep(0.1)
    raise RuntimeError('container %s was not deleted after %ds'
                       % (uuid_, timeout))


def _api_create(client, image):
    """Create through the API until Running; return seconds."""
    start = time.perf_counter()
    uuid_ = _api_run(client, image)
    _wait_for_running(client, uuid_)
    duration = time.perf_counter() - start
    _api_delete(client, uuid_)
    return duration


def create_against_engine(port, docker_client, image, runs):
    """Time create-until-Running through the API and on the raw engine.

    The two alternate, so that a slow moment of the machine hits both,
    after one unmeasured round that warms the caches of both paths.
    """
    client = load.Client(port)
    engine, api = [], []
    try:
        _engine_create(docker_client, image)
        _api_create(client, image)
        for _ in range(runs):
            engine.append(_engine_create(docker_client, image))
            api.append(_api_create(client, image))
    finally:
        client.close()
    engine_summary = stats.summarize(engine)
    api_summary = stats.summarize(api)
    return {
        'engine_ms': engine_summary,
        'api_ms': api_summary,
        'ratio_median': stats.ratio(api_summary['median'],
                                    engine_summary['median']),
        'ratio_p95': stats.ratio(api_summary['p95'], engine_summary['p95']),
    }


def _get_figures(port, path, requests_one, clients, seconds):
    single = stats.summarize(load.timed_gets(port, path, requests_one))
    durations, errors, elapsed = load.concurrent_gets(port, path, clients,
                                                      seconds)
    many = stats.summarize(durations)
    many['requests_per_second'] = round(len(durations) / elapsed, 1)
    many['errors'] = errors
    many['clients'] = clients
    return {'one_client_ms': single, 'concurrent_ms': many,
            'one_client_requests_per_second': round(
                1000.0 / single['mean'], 1)}


def list_and_show(port, db_url, sizes, requests_list, requests_show,
                  clients, seconds):
    """Time GET list (limit 1,000) and GET show as the table grows."""
    results = []
    present = 0
    uuids = []
    client = load.Client(port)
    try:
        for size in sizes:
            uuids.extend(seed.add_containers(db_url, present, size - present))
            present = size
            listed = len(client.get_json(LIST_PATH)['containers'])
            show_path = '/v1/containers/%s' % uuids[len(uuids) // 2]
            results.append({
                'containers_in_database': size,
                'containers_returned': listed,
                'list': _get_figures(port, LIST_PATH, requests_list,
                                     clients, seconds),
                'show': _get_figures(port, show_path, requests_show,
                                     clients, seconds),
            })
    finally:
        client.close()
        seed.remove_containers(db_url)
    return results


def _create_many(port, image, count, created, threads=4):
    """Create ``count`` running containers; append their UUIDs to created.

    Each requests 32 MiB, so that the scheduler's memory filter leaves
    room for hundreds of them where the default of 512 MiB would not.
    """
    def create_one(_):
        client = load.Client(port)
        try:
            uuid_ = _api_run(client, image, memory='32m')
            created.append(uuid_)
            _wait_for_running(client, uuid_, timeout=600)
        finally:
            client.close()

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(create_one, range(count)))


def _delete_many(port, uuids, threads=4):
    def delete_one(uuid_):
        client = load.Client(port)
        try:
            _api_delete(client, uuid_, timeout=600)
        finally:
            client.close()

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(delete_one, uuids))


def state_sync(port, config_file, host, image, count, passes):
    """Time sync passes on a host with ``count`` real idle containers."""
    uuids = []
    try:
        start = time.perf_counter()
        _create_many(port, image, count, uuids)
        created_in = time.perf_counter() - start
        output = subprocess.run(
            [sys.executable, '-m', 'zunbench.sync_pass', '--config-file',
             config_file, '--host', host, '--passes', str(passes)],
            check=True, capture_output=True, text=True).stdout
        measured = json.loads(output.strip().splitlines()[-1])
    finally:
        _delete_many(port, uuids)
    summary = stats.summarize(measured['durations'])
    per_container = summary['median'] / max(measured['containers'], 1)
    return {
        'containers': measured['containers'],
        'created_through_api_seconds': round(created_in, 1),
        'pass_ms': summary,
        'engine_requests_per_pass': sorted(set(
            measured['engine_requests'])),
        'rows_changed_per_pass': sorted(set(measured['changed'])),
        'ms_per_container': round(per_container, 4),
        'estimated_ms_for_1000': round(per_container * 1000, 1),
    }


def memory(processes):
    """Return the resident MiB of each service process and its workers."""
    figures = {}
    for process in processes:
        if process.binary == 'zun-wsproxy':
            continue
        figures[process.binary] = procs.tree_rss(process.popen.pid)
    return figures


def remove_leftovers(db_url, host, docker_client):
    """Remove the engine containers that a failed run left on ``host``.

    :returns: how many were removed.
    """
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            ids = connection.execute(
                sa.select(models.Container.container_id).where(
                    models.Container.host == host,
                    models.Container.container_id.is_not(None))).scalars()
            ids = list(ids)
    finally:
        engine.dispose()
    for container_id in ids:
        try:
            docker_client.remove_container(container_id, force=True, v=True)
        except docker.errors.NotFound:
            pass
    return len(ids)
