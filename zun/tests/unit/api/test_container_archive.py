"""GET .../get_archive and POST .../put_archive."""

import base64
import bz2
import io
import tarfile

from zun.api.controllers.v1 import container_archive
from zun.common import exception
from zun.tests.unit.api import base

RAW_VERSION = '1.24'


def make_tar(files=(), hard_links=(), fifos=()):
    stream = io.BytesIO()
    with tarfile.open(fileobj=stream, mode='w') as tar:
        for name, data in dict(files).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, target in dict(hard_links).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.LNKTYPE
            info.linkname = target
            tar.addfile(info)
        for name in fifos:
            info = tarfile.TarInfo(name)
            info.type = tarfile.FIFOTYPE
            tar.addfile(info)
    return stream.getvalue()


def b64(data):
    return base64.b64encode(data).decode('ascii')


STAT = {'name': 'a.txt', 'size': 3, 'mode': 420,
        'mtime': '2024-06-01T12:00:00Z', 'linkTarget': ''}


class ArchiveTestCase(base.APITestCase):

    def get_archive(self, container, path='/tmp/a.txt', status=200,
                    **kwargs):
        url = '/v1/containers/%s/get_archive' % container['uuid']
        if path is not None:
            url += '?path=' + path
        return self.get(url, status=status, **kwargs)

    def put_archive(self, container, data, path='/tmp', status=200,
                    version=base.DEFAULT_VERSION, **kwargs):
        url = '/v1/containers/%s/put_archive' % container['uuid']
        if path is not None:
            url += '?path=' + path
        return self.app.post_json(
            url, {'data': data},
            headers=self.headers(version=version, **kwargs), status=status)

    def detail(self, response):
        return self.error_of(response)['detail']


class TestGetArchive(ArchiveTestCase):

    def setUp(self):
        super().setUp()
        self.archive = make_tar({'a.txt': b'abc'})
        self.compute_api.container_get_archive.return_value = {
            'data': b64(self.archive), 'stat': STAT}

    def test_base64_from_125(self):
        container = self.create_db_container(status='Running')
        body = self.get_archive(container, version='1.25').json
        self.assertEqual(b64(self.archive), body['data'])
        self.assertEqual(STAT, body['stat'])

    def test_text_before_125(self):
        container = self.create_db_container(status='Running')
        body = self.get_archive(container, version=RAW_VERSION).json
        self.assertEqual(self.archive.decode('utf-8'), body['data'])

    def test_binary_before_125_is_400(self):
        self.compute_api.container_get_archive.return_value = {
            'data': b64(make_tar({'b': bytes(range(256))})), 'stat': STAT}
        container = self.create_db_container(status='Running')
        response = self.get_archive(container, status=400,
                                    version=RAW_VERSION)
        self.assertIn('microversion 1.25 or later', self.detail(response))

    def test_sends_path_and_limit(self):
        container = self.create_db_container(status='Running')
        self.get_archive(container, path='/etc/hosts')
        args = self.compute_api.container_get_archive.call_args.args
        self.assertEqual(container['uuid'], args[1].uuid)
        self.assertEqual('/etc/hosts', args[2])
        self.assertEqual(container_archive.archive_size_limit(), args[3])

    def test_path_required(self):
        container = self.create_db_container(status='Running')
        response = self.get_archive(container, path=None, status=400)
        self.assertIn("'path'", self.detail(response))
        self.compute_api.container_get_archive.assert_not_called()

    def test_empty_path_400(self):
        container = self.create_db_container(status='Running')
        self.get_archive(container, path='', status=400)

    def test_long_path_400(self):
        container = self.create_db_container(status='Running')
        response = self.get_archive(container, path='/' + 'a' * 4096,
                                    status=400)
        self.assertIn('4096', self.detail(response))

    def test_unknown_parameter_400(self):
        container = self.create_db_container(status='Running')
        self.get_archive(container, path='/tmp&follow=1', status=400)

    def test_allowed_statuses(self):
        for status in ('Created', 'Running', 'Paused', 'Stopped'):
            container = self.create_db_container(status=status)
            self.get_archive(container)

    def test_error_status_409(self):
        container = self.create_db_container(status='Error')
        response = self.get_archive(container, status=409)
        self.assertIn('in Error state', self.detail(response))
        self.compute_api.container_get_archive.assert_not_called()

    def test_runs_beside_a_task(self):
        container = self.create_db_container(
            status='Running', task_state='container_stopping')
        self.get_archive(container)

    def test_sets_no_task_state(self):
        container = self.create_db_container(status='Running')
        self.get_archive(container)
        self.assertIsNone(self.load_container(container['uuid']).task_state)

    def test_policy_403(self):
        self.set_policy({'container:get_archive': '!'})
        container = self.create_db_container(status='Running')
        self.get_archive(container, status=403)

    def test_other_project_404(self):
        container = self.create_db_container(status='Running',
                                             project_id='other')
        self.get_archive(container, status=404)

    def test_missing_path_404(self):
        self.compute_api.container_get_archive.side_effect = (
            exception.ContainerPathNotFound(path='/nope', container='c'))
        container = self.create_db_container(status='Running')
        response = self.get_archive(container, path='/nope', status=404)
        self.assertIn('/nope', self.detail(response))

    def test_host_down_503(self):
        self.compute_api.container_get_archive.side_effect = (
            exception.ContainerHostNotUp(host='h', container='c'))
        container = self.create_db_container(status='Running')
        self.get_archive(container, status=503)

    def test_download_limit_400(self):
        self.compute_api.container_get_archive.side_effect = (
            exception.ArchiveLimitExceeded(path='/', container='c',
                                           limit=1024))
        container = self.create_db_container(status='Running')
        response = self.get_archive(container, path='/', status=400)
        self.assertIn('1024 bytes', self.detail(response))


class TestPutArchive(ArchiveTestCase):

    def setUp(self):
        super().setUp()
        self.container = self.create_db_container(status='Running')
        self.archive = make_tar({'a.txt': b'abc'})

    def sent(self):
        return self.compute_api.container_put_archive.call_args.args

    def test_base64_sent_on(self):
        self.put_archive(self.container, b64(self.archive))
        args = self.sent()
        self.assertEqual('/tmp', args[2])
        self.assertEqual(self.archive, base64.b64decode(args[3]))

    def test_answer_is_200_null(self):
        response = self.put_archive(self.container, b64(self.archive))
        self.assertIsNone(response.json)

    def test_base64_line_breaks_allowed(self):
        data = base64.encodebytes(self.archive).decode('ascii')
        self.put_archive(self.container, data)
        self.assertEqual(self.archive, base64.b64decode(self.sent()[3]))

    def test_text_before_125(self):
        archive = make_tar({'\u00e9.txt': '\u00fc'.encode()})
        self.put_archive(self.container, archive.decode('utf-8'),
                         version=RAW_VERSION)
        self.assertEqual(archive, base64.b64decode(self.sent()[3]))

    def test_bad_base64_400(self):
        response = self.put_archive(self.container, 'not base64!',
                                    status=400)
        self.assertIn("'data'", self.detail(response))
        self.assertIn('base64', self.detail(response))

    def test_text_at_125_is_not_base64(self):
        self.put_archive(self.container, self.archive.decode('utf-8'),
                         status=400)

    def test_data_required(self):
        url = '/v1/containers/%s/put_archive?path=/tmp' % (
            self.container['uuid'])
        response = self.post_json(url, {}, status=400)
        self.assertIn("'data'", self.detail(response))

    def test_data_must_be_string(self):
        response = self.put_archive(self.container, 5, status=400)
        self.assertIn('string', self.detail(response))

    def test_path_in_body(self):
        url = '/v1/containers/%s/put_archive' % self.container['uuid']
        self.post_json(url, {'data': b64(self.archive), 'path': '/'},
                       status=200)
        self.assertEqual('/', self.sent()[2])

    def test_path_required(self):
        response = self.put_archive(self.container, b64(self.archive),
                                    path=None, status=400)
        self.assertIn("'path'", self.detail(response))

    def test_unknown_body_key_400(self):
        url = '/v1/containers/%s/put_archive?path=/tmp' % (
            self.container['uuid'])
        response = self.post_json(url, {'data': b64(self.archive),
                                        'mode': 'x'}, status=400)
        self.assertIn('mode', self.detail(response))

    def test_nul_in_other_value_400(self):
        url = '/v1/containers/%s/put_archive' % self.container['uuid']
        self.post_json(url, {'data': b64(self.archive), 'path': '/t\x00'},
                       status=400)

    def test_not_tar_400(self):
        response = self.put_archive(self.container, b64(b'x' * 600),
                                    status=400)
        self.assertIn('not a tar archive', self.detail(response))

    def test_compressed_400(self):
        response = self.put_archive(self.container,
                                    b64(bz2.compress(self.archive)),
                                    status=400)
        self.assertIn('uncompressed', self.detail(response))

    def test_dotdot_member_400(self):
        archive = make_tar({'a/../../x': b'x'})
        response = self.put_archive(self.container, b64(archive),
                                    status=400)
        self.assertIn("'a/../../x'", self.detail(response))
        self.assertIn('outside the destination', self.detail(response))
        self.compute_api.container_put_archive.assert_not_called()

    def test_inner_dotdot_allowed(self):
        self.put_archive(self.container, b64(make_tar({'a/../b': b'b'})))

    def test_absolute_member_400(self):
        archive = make_tar({'/etc/passwd': b'x'})
        self.put_archive(self.container, b64(archive), status=400)

    def test_hard_link_escape_400(self):
        archive = make_tar(hard_links={'h': '../../etc/shadow'})
        response = self.put_archive(self.container, b64(archive),
                                    status=400)
        self.assertIn('hard link target', self.detail(response))

    def test_hard_link_inside_allowed(self):
        archive = make_tar({'a': b'a'}, hard_links={'h': 'a'})
        self.put_archive(self.container, b64(archive))

    def test_fifo_400(self):
        archive = make_tar(fifos=['pipe'])
        response = self.put_archive(self.container, b64(archive),
                                    status=400)
        self.assertIn('FIFO', self.detail(response))

    def test_over_limit_413(self):
        self.conf.config(max_archive_size=4096, group='api')
        response = self.put_archive(self.container, b64(self.archive),
                                    status=413)
        self.assertEqual(
            'The archive is %d bytes, larger than the limit of 4096 bytes '
            'for archives.' % len(self.archive), self.detail(response))
        self.compute_api.container_put_archive.assert_not_called()

    def test_policy_403(self):
        self.set_policy({'container:put_archive': '!'})
        self.put_archive(self.container, b64(self.archive), status=403)

    def test_deleting_409(self):
        container = self.create_db_container(status='Deleting')
        self.put_archive(container, b64(self.archive), status=409)

    def test_missing_directory_404(self):
        self.compute_api.container_put_archive.side_effect = (
            exception.ContainerPathNotFound(path='/x', container='c'))
        self.put_archive(self.container, b64(self.archive), path='/x',
                         status=404)


class TestSizeLimit(base.APITestCase):

    def test_configured_limit(self):
        self.conf.config(max_archive_size=2048, group='api')
        self.assertEqual(2048, container_archive.archive_size_limit())

    def test_limit_fits_request_body(self):
        self.conf.config(max_archive_size=100 * 1024 * 1024,
                         max_request_body_size=4096 + 1024, group='api')
        self.assertEqual(3072, container_archive.archive_size_limit())

    def test_default_fits_request_body(self):
        limit = container_archive.archive_size_limit()
        encoded = (limit + 2) // 3 * 4
        self.assertLessEqual(encoded + container_archive.BODY_OVERHEAD,
                             self.conf.conf.api.max_request_body_size)


class TestCheckArchive(base.APITestCase):

    def test_directory_members_pass(self):
        container_archive.check_archive(make_tar({'d/e/f.txt': b'f'}))

    def test_dotdot_name_rejected(self):
        self.assertRaises(exception.InvalidParameterValue,
                          container_archive.check_archive,
                          make_tar({'..': b''}))

    def test_gzip_rejected(self):
        stream = io.BytesIO()
        with tarfile.open(fileobj=stream, mode='w:gz') as tar:
            info = tarfile.TarInfo('a')
            tar.addfile(info, io.BytesIO(b''))
        error = self.assertRaises(exception.InvalidParameterValue,
                                  container_archive.check_archive,
                                  stream.getvalue())
        self.assertIn('compressed', str(error))

    def test_name_like_bzip2_passes(self):
        container_archive.check_archive(make_tar({'BZh.txt': b'plain'}))

    def test_empty_rejected(self):
        self.assertRaises(exception.InvalidParameterValue,
                          container_archive.check_archive, b'')
