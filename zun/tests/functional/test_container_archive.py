"""get_archive and put_archive through the API on the real Docker engine.

Each test runs against zun-all with SQLite and against separate zun-api
and zun-compute processes with RabbitMQ and MariaDB.
"""

import base64
import io
import os
import tarfile

import pytest

from zun.tests.functional import deployment as deployments
from zun.tests.functional import services

# The default of [api] max_archive_size.
DEFAULT_LIMIT = 10 * 1024 * 1024


def make_tar(files=(), links=(), hard_links=()):
    """Return a tar archive of {name: bytes} files and symbolic links."""
    stream = io.BytesIO()
    with tarfile.open(fileobj=stream, mode='w') as tar:
        for name, data in dict(files).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1700000000
            tar.addfile(info, io.BytesIO(data))
        for name, target in dict(links).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tar.addfile(info)
        for name, target in dict(hard_links).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.LNKTYPE
            info.linkname = target
            tar.addfile(info)
    return stream.getvalue()


def read_tar(archive):
    """Return {name: bytes} of the regular files in a tar archive."""
    files = {}
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isfile():
                files[member.name] = tar.extractfile(member).read()
    return files


def put(client, uuid, path, archive, version=None):
    if (version or client.version) >= '1.25':
        data = base64.b64encode(archive).decode('ascii')
    else:
        data = archive.decode('utf-8')
    return client.post('/v1/containers/%s/put_archive' % uuid,
                       params={'path': path}, json={'data': data},
                       version=version)


def get(client, uuid, path, version=None):
    return client.get('/v1/containers/%s/get_archive' % uuid,
                      params={'path': path}, version=version)


def get_files(client, uuid, path):
    response = get(client, uuid, path)
    assert response.status_code == 200, response.text
    return read_tar(base64.b64decode(response.json()['data']))


def _run(deployment, created, image, run=True, **extra):
    body = dict({'image': image, 'name': services.unique_name('arch')},
                **extra)
    container = deployment.client.create(body, run=run)
    created.append(container['uuid'])
    status = 'Running' if run else 'Created'
    deployment.client.wait_for_status(container['uuid'], status)
    return container['uuid']


def test_put_and_get_base64(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)

    response = put(client, uuid, '/tmp', make_tar({'test.txt': b'Random'}))
    assert response.status_code == 200, response.text

    response = get(client, uuid, '/tmp/test.txt')
    assert response.status_code == 200, response.text
    body = response.json()
    assert read_tar(base64.b64decode(body['data'])) == {
        'test.txt': b'Random'}
    stat = body['stat']
    assert stat['name'] == 'test.txt'
    assert stat['size'] == 6
    assert stat['mode'] == 0o644
    assert stat['mtime'].startswith('2023-11-14T22:13:20')
    assert stat['linkTarget'] == ''


def test_put_and_get_raw_text(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)
    archive = make_tar({'test.txt': 'Random text \u00e9'.encode()})

    response = put(client, uuid, '/tmp', archive, version='1.24')
    assert response.status_code == 200, response.text

    response = get(client, uuid, '/tmp/test.txt', version='1.24')
    assert response.status_code == 200, response.text
    data = response.json()['data'].encode('utf-8')
    assert read_tar(data) == {'test.txt': 'Random text \u00e9'.encode()}


def test_raw_text_binary_needs_base64(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)
    put(client, uuid, '/tmp', make_tar({'blob': bytes(range(256))}))

    response = get(client, uuid, '/tmp/blob', version='1.24')

    assert response.status_code == 400, response.text
    assert '1.25' in response.json()['errors'][0]['detail']


def test_symlink_stat_link_target(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)
    put(client, uuid, '/tmp', make_tar(links={'link': 'target.txt'}))

    stat = get(client, uuid, '/tmp/link').json()['stat']

    # The engine gives the target as an absolute path in the container.
    assert stat['linkTarget'] == '/tmp/target.txt'


def test_missing_path_is_404(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)

    got = get(client, uuid, '/no/such/file')
    sent = put(client, uuid, '/no/such/dir', make_tar({'a': b'a'}))

    assert got.status_code == 404, got.text
    assert '/no/such/file' in got.json()['errors'][0]['detail']
    assert sent.status_code == 404, sent.text
    assert '/no/such/dir' in sent.json()['errors'][0]['detail']


def test_file_as_destination_is_400(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)

    response = put(client, uuid, '/etc/hostname', make_tar({'a': b'a'}))

    assert response.status_code == 400, response.text
    assert 'not a directory' in response.json()['errors'][0]['detail']


def test_root_as_destination(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)

    response = put(client, uuid, '/', make_tar({'at-root.txt': b'root'}))

    assert response.status_code == 200, response.text
    assert get_files(client, uuid, '/at-root.txt') == {
        'at-root.txt': b'root'}


def test_non_ascii_names_round_trip(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)
    name = 'h\u00e9llo w\u00f6rld \u65e5\u672c.txt'

    response = put(client, uuid, '/tmp', make_tar({name: b'unicode'}))
    assert response.status_code == 200, response.text

    response = get(client, uuid, '/tmp/' + name)
    assert response.status_code == 200, response.text
    assert response.json()['stat']['name'] == name
    assert read_tar(base64.b64decode(response.json()['data'])) == {
        name: b'unicode'}


def test_upload_over_limit_is_413(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)
    archive = make_tar({'big': b'x' * DEFAULT_LIMIT})

    response = put(client, uuid, '/tmp', archive)

    assert response.status_code == 413, response.text
    detail = response.json()['errors'][0]['detail']
    assert str(DEFAULT_LIMIT) in detail
    assert str(len(archive)) in detail


class SmallLimitAllInOne(deployments.AllInOne):
    """zun-all with archives limited to 16 KiB."""

    def config_values(self):
        values = super().config_values()
        values['api']['max_archive_size'] = '16384'
        return values


@pytest.fixture(scope='module')
def small_limit(request, docker_client):
    deployment = SmallLimitAllInOne()
    request.addfinalizer(deployment.cleanup)
    deployment.start()
    return deployment


def test_configured_limit_both_ways(small_limit, docker_client, test_image):
    client = small_limit.client
    container = client.create({'image': test_image,
                               'name': services.unique_name('limit')})
    uuid = container['uuid']
    try:
        client.wait_for_status(uuid, 'Running')
        small = put(client, uuid, '/tmp', make_tar({'a': b'a' * 1000}))
        # Python's tarfile pads an archive to a multiple of 10240 bytes.
        large = put(client, uuid, '/tmp', make_tar({'b': b'b' * 20000}))
        download = get(client, uuid, '/bin')

        assert small.status_code == 200, small.text
        assert large.status_code == 413, large.text
        assert '16384 bytes' in large.json()['errors'][0]['detail']
        assert download.status_code == 400, download.text
        assert '16384 bytes' in download.json()['errors'][0]['detail']
        # The engine connection that held the unread archive was dropped.
        assert get(client, uuid, '/tmp/a').status_code == 200
    finally:
        client.delete('/v1/containers/%s?force=true' % uuid)


def test_every_allowed_status(deployment, created, docker_client,
                              test_image):
    client = deployment.client
    created_only = _run(deployment, created, test_image, run=False)
    paused = _run(deployment, created, test_image)
    stopped = _run(deployment, created, test_image)
    docker_client.pause('zun-%s' % paused)
    client.wait_for_status(paused, 'Paused', timeout=30)
    assert client.post('/v1/containers/%s/stop' % stopped).status_code == 202
    client.wait_for_status(stopped, 'Stopped')

    for uuid in (created_only, paused, stopped):
        response = put(client, uuid, '/tmp', make_tar({'s': b'state'}))
        assert response.status_code == 200, response.text
        assert get_files(client, uuid, '/tmp/s') == {'s': b'state'}


def test_error_status_is_409(deployment, created):
    client = deployment.client
    container = client.create({'image': 'zun-no-such-image:v1',
                               'name': services.unique_name('arch')})
    created.append(container['uuid'])
    client.wait_for_status(container['uuid'], 'Error')

    response = get(client, container['uuid'], '/tmp')

    assert response.status_code == 409, response.text
    assert 'Error' in response.json()['errors'][0]['detail']


def test_dotdot_member_is_400(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)
    marker = services.unique_name('zun-escape')

    for archive in (make_tar({'../../../../tmp/%s' % marker: b'x'}),
                    make_tar({'/tmp/%s' % marker: b'x'}),
                    make_tar(hard_links={marker: '../../../etc/passwd'})):
        response = put(client, uuid, '/tmp', archive)
        assert response.status_code == 400, response.text
        assert 'outside' in response.json()['errors'][0]['detail']
    assert not os.path.exists('/tmp/%s' % marker)


def test_symlinks_stay_in_container(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)
    marker = services.unique_name('zun-escape')
    host_dir = '/tmp/%s' % marker
    os.mkdir(host_dir)
    try:
        # The container gets a directory of the same name as the host's.
        put(client, uuid, '/tmp', make_tar({'%s/keep' % marker: b''}))
        # A link in the archive that climbs out, then a file through it.
        archive = make_tar(links={'up': '../../../../..%s' % host_dir})
        assert put(client, uuid, '/tmp', archive).status_code == 200
        through = put(client, uuid, '/tmp/up', make_tar({'a': b'a'}))
        # A link to the absolute path of the host's directory.
        archive = make_tar(links={'abs': host_dir})
        assert put(client, uuid, '/tmp', archive).status_code == 200
        direct = put(client, uuid, '/tmp/abs', make_tar({'b': b'b'}))
        # A destination path that climbs out with "..".
        climbing = put(client, uuid, '/tmp/../../../../..%s' % host_dir,
                       make_tar({'c': b'c'}))

        for response in (through, direct, climbing):
            assert response.status_code == 200, response.text
        assert os.listdir(host_dir) == []
        files = get_files(client, uuid, host_dir)
        assert set(files) == {'%s/%s' % (marker, name)
                              for name in ('keep', 'a', 'b', 'c')}
    finally:
        os.rmdir(host_dir)


def test_archive_of_directory(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)
    archive = make_tar({'d/one.txt': b'1', 'd/sub/two.txt': b'2'})
    put(client, uuid, '/tmp', archive)

    files = get_files(client, uuid, '/tmp/d')

    assert files == {'d/one.txt': b'1', 'd/sub/two.txt': b'2'}


def test_bad_data_is_400(deployment, created, test_image):
    client = deployment.client
    uuid = _run(deployment, created, test_image)
    path = '/v1/containers/%s/put_archive' % uuid

    not_base64 = client.post(path, params={'path': '/tmp'},
                             json={'data': 'not base64!'})
    not_tar = put(client, uuid, '/tmp', b'not a tar archive' * 20)
    no_path = client.post(path, json={'data': ''})

    assert not_base64.status_code == 400, not_base64.text
    assert "'data'" in not_base64.json()['errors'][0]['detail']
    assert not_tar.status_code == 400, not_tar.text
    assert 'tar' in not_tar.json()['errors'][0]['detail']
    assert no_path.status_code == 400, no_path.text
    assert "'path'" in no_path.json()['errors'][0]['detail']
