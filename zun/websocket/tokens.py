"""Single-use tokens that open websocket proxy sessions.

zun-api issues a token with each attach or interactive execute URL, and
the proxy uses it up when a client opens the session. The database keeps
only the SHA-256 digest of each token, so a copy of the table opens no
session.
"""

import datetime
import hashlib
import hmac
import secrets
from urllib import parse

from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import timeutils

from zun.common import exception
from zun.db import api as dbapi

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

# Random bytes in a token; its URL-safe base64 text is 43 characters long.
TOKEN_BYTES = 32
# Longer query values cannot be tokens, so they are rejected unhashed.
MAX_TOKEN_LENGTH = 256
# Expired tokens stay this long, so that a late client learns that its
# token expired, not that it is unknown.
KEEP_EXPIRED = datetime.timedelta(hours=1)


def _digest(token):
    return hashlib.sha256(token.encode('utf-8')).hexdigest()


def issue(context, container_uuid, exec_id=None):
    """Store a new token for a session on a container and return it.

    :param exec_id: the engine's ID of the exec that the session starts,
        or None for an attach session.
    :returns: the token, which is valid for ``[websocket_proxy]
        token_lifetime`` seconds.
    """
    now = timeutils.utcnow()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    lifetime = datetime.timedelta(seconds=CONF.websocket_proxy.token_lifetime)
    dbapi.websocket_token_create(context, {
        'token_hash': _digest(token),
        'container_uuid': container_uuid,
        'exec_id': exec_id,
        'expires_at': now + lifetime,
    })
    purged = dbapi.websocket_tokens_purge(context, now - KEEP_EXPIRED)
    if purged:
        LOG.debug('Deleted %d expired websocket tokens', purged)
    return token


def proxy_url(base_url, token, container_uuid, exec_id=None):
    """Return the URL through which a client opens a session.

    The query has ``token`` and ``uuid``, and ``exec_id`` for an exec, as
    python-zunclient expects them.
    """
    query = [('token', token), ('uuid', container_uuid)]
    if exec_id is not None:
        query.append(('exec_id', exec_id))
    separator = '&' if '?' in base_url else '?'
    return base_url + separator + parse.urlencode(query)


def _reject(reason):
    return exception.WebsocketTokenRejected(reason=reason)


def _check_binding(row, container_uuid, exec_id):
    if row.container_uuid != container_uuid:
        raise _reject('it was issued for another container')
    if row.exec_id == exec_id:
        return
    if row.exec_id is None:
        raise _reject('it was issued to attach to the container, not for '
                      'an exec')
    if exec_id is None:
        raise _reject('it was issued for an exec; the URL needs its '
                      'exec_id')
    raise _reject('it was issued for another exec')


def consume(context, token, container_uuid, exec_id=None):
    """Use up a token for a session on a container (and exec).

    The database finds the token by its SHA-256 digest. The time that the
    index lookup takes depends only on the digest, which reveals nothing
    about the tokens, and the found digest is compared once more in
    constant time.

    :raises WebsocketTokenRejected: for a missing, unknown, used or
        expired token, or one that was issued for another session.
    """
    if not token:
        raise _reject('the URL has no token; request a new URL from the '
                      'attach or execute API')
    if len(token) > MAX_TOKEN_LENGTH:
        raise _reject('it is unknown')
    digest = _digest(token)
    row = dbapi.websocket_token_get_by_hash(context, digest)
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        raise _reject('it is unknown')
    _check_binding(row, container_uuid, exec_id)
    if row.used_at is not None:
        raise _reject('it was already used; each URL opens one session')
    now = timeutils.utcnow()
    if row.expires_at <= now:
        raise _reject('it expired %d seconds ago; request a new URL'
                      % (now - row.expires_at).total_seconds())
    if not dbapi.websocket_token_use(context, row.id, now):
        # Another handshake used the token between the read and the
        # update, or it expired in between.
        raise _reject('it was already used or just expired; request a new '
                      'URL')
