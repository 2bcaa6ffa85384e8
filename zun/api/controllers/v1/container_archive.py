"""Copying files into and out of a container: get_archive, put_archive.

The archive is a tar stream. From microversion 1.25 it travels
base64-encoded. Before 1.25 it travels as JSON text: the tar bytes decoded
as UTF-8. That is what python-zunclient sends, because oslo.serialization
decodes its bytes as UTF-8, and what it reads back, because it encodes the
text as UTF-8. So an archive with bytes that are not UTF-8 text, such as a
binary file, needs 1.25.
"""

import base64
import binascii
import io
import posixpath
import tarfile

from oslo_config import cfg
import pecan

from zun.api import validation
from zun.api.controllers import base
from zun.api.controllers.v1 import actions
from zun.api.controllers.v1 import lookup
from zun.api.schemas import containers as schema
from zun.common import exception

CONF = cfg.CONF

ENCODED_VERSION = '1.25'
# Bytes of a put_archive body other than the archive: the JSON around it.
BODY_OVERHEAD = 1024
MAX_PATH_LENGTH = 4096

# Leading bytes of the compressed formats that the engine would accept.
_COMPRESSED_MAGIC = (b'\x1f\x8b', b'BZh', b'\xfd7zXZ\x00')


def _invalid(field, detail):
    return exception.InvalidParameterValue(field=field, detail=detail)


def archive_size_limit():
    """Return the largest archive, in bytes, that the API moves.

    It is ``[api] max_archive_size``, lowered when needed to the largest
    archive whose base64 form fits in ``[api] max_request_body_size``.
    """
    fits = (CONF.api.max_request_body_size - BODY_OVERHEAD) // 4 * 3
    return min(CONF.api.max_archive_size, fits)


def _path(params):
    path = params.get('path')
    if not isinstance(path, str) or not path:
        raise _invalid('path', 'is required: the path in the container')
    if len(path) > MAX_PATH_LENGTH:
        raise _invalid('path', 'must be at most %d characters long'
                       % MAX_PATH_LENGTH)
    return path


def _put_params(request):
    """Return path and data from the query string and the JSON body."""
    params = validation.query_params(request, schema.PUT_ARCHIVE_PARAMS)
    # The data of an archive before 1.25 contains NUL characters, which
    # read_json_body rejects in every other value.
    body = validation.read_json_body(request, check_text=False)
    unknown = sorted(set(body) - set(schema.PUT_ARCHIVE_PARAMS))
    if unknown:
        raise exception.UnknownParameters(names=', '.join(unknown))
    validation.check_strings({key: value for key, value in body.items()
                              if key != 'data'})
    params.update(body)
    return params


def _decode_upload(data, version):
    """Return the tar bytes of the ``data`` of a put_archive request."""
    if data is None:
        raise _invalid('data', 'is required: the tar archive to extract')
    if not isinstance(data, str):
        raise _invalid('data', 'must be a string')
    if version >= ENCODED_VERSION:
        try:
            # Line breaks of MIME-style base64 are allowed.
            return base64.b64decode(''.join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            raise _invalid('data', 'is not base64; from microversion 1.25 '
                                   'it carries the tar archive '
                                   'base64-encoded')
    try:
        return data.encode('utf-8')
    except UnicodeEncodeError:
        raise _invalid('data', 'contains an unpaired UTF-16 surrogate, '
                               'which no archive decoded as UTF-8 has')


def _check_member_path(name, member, role):
    normalized = posixpath.normpath(name)
    if (name.startswith('/') or normalized == '..'
            or normalized.startswith('../')):
        raise _invalid('data', "the %s '%s' of member '%s' leads outside "
                               "the destination path; names in the "
                               "archive must be relative and stay below it"
                       % (role, name, member))


def check_archive(archive):
    """Check that a tar archive only adds files below its destination.

    Member names and hard link targets must be relative and must not climb
    out with ``..``. Symbolic links may point anywhere, because the engine
    resolves them inside the container's root. Device files and FIFOs are
    rejected. Compressed archives are rejected too: the size limit applies
    to what the archive writes.
    :raises InvalidParameterValue: naming the member and the rule.
    """
    try:
        with tarfile.open(fileobj=io.BytesIO(archive), mode='r:') as tar:
            members = tar.getmembers()
    except tarfile.TarError as exc:
        # A plain tar archive may start with these bytes too, in the name
        # of its first member, so they only explain a failed parse.
        if archive.startswith(_COMPRESSED_MAGIC):
            raise _invalid('data', 'is a compressed archive; send an '
                                   'uncompressed tar archive')
        raise _invalid('data', 'is not a tar archive: %s' % exc)
    for member in members:
        _check_member_path(member.name, member.name, 'name')
        if member.islnk():
            _check_member_path(member.linkname, member.name,
                               'hard link target')
        if member.ischr() or member.isblk() or member.isfifo():
            raise _invalid('data', "member '%s' is a device file or FIFO, "
                                   "which put_archive does not extract"
                           % member.name)


def _encode_download(data, path, version):
    """Return the archive, base64-encoded by the compute host, for version.

    :raises Invalid: before 1.25, for an archive that is not UTF-8 text.
    """
    if version >= ENCODED_VERSION:
        return data
    try:
        return base64.b64decode(data).decode('utf-8')
    except UnicodeDecodeError:
        raise exception.Invalid(
            detail='the archive of %s has bytes that are not UTF-8 text, '
                   'which microversions before %s cannot return; request '
                   'microversion %s or later, where the archive is '
                   'base64-encoded' % (path, ENCODED_VERSION,
                                       ENCODED_VERSION))


def _find_container(context, ident, params, action):
    """Return the container of an archive action after the checks."""
    if ident is None:
        pecan.abort(404)
    container = lookup.get_container(context, ident, params,
                                     'container:get_one_all_projects')
    context.can('container:%s' % action, lookup.policy_target(container))
    actions.check_status(container, action)
    return container


class ArchiveActions:
    """Mixin of ContainersController with the archive actions."""

    CUSTOM_ACTIONS = {
        'get_archive': ['GET'],
        'put_archive': ['POST'],
    }

    @pecan.expose('json')
    def get_archive(self, container_ident=None, **kwargs):
        context = base.context()
        params = validation.query_params(pecan.request,
                                         schema.GET_ARCHIVE_QUERY)
        path = _path(params)
        container = _find_container(context, container_ident, params,
                                    'get_archive')
        result = base.compute_api().container_get_archive(
            context, container, path, archive_size_limit())
        return {'data': _encode_download(result['data'], path,
                                         base.version()),
                'stat': result['stat']}

    @pecan.expose('json')
    def put_archive(self, container_ident=None, **kwargs):
        context = base.context()
        params = _put_params(pecan.request)
        path = _path(params)
        archive = _decode_upload(params.get('data'), base.version())
        limit = archive_size_limit()
        if len(archive) > limit:
            raise exception.ArchiveTooLarge(size=len(archive), limit=limit)
        check_archive(archive)
        container = _find_container(context, container_ident, params,
                                    'put_archive')
        base.compute_api().container_put_archive(
            context, container, path,
            base64.b64encode(archive).decode('ascii'))
