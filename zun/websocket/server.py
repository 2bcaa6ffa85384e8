"""The websocket proxy server of zun-wsproxy and zun-all.

It serves attach and exec sessions of the containers of its own host,
streaming them from the local engine through the container driver, and
runs each connection in a thread of its own (``websockets.sync``). The
handshake does every check and opens the engine stream before it accepts
the connection, so a rejected client gets an HTTP error with the reason
and no stream opens.
"""

import http
import logging as std_logging
import ssl
import threading

from oslo_config import cfg
from oslo_log import log as logging
from websockets import exceptions as ws_exceptions
from websockets import protocol as ws_protocol
from websockets.sync import server as ws_server

from zun.api import errors
from zun.common import context as zun_context
from zun.common import exception
from zun.container import driver as container_driver
from zun.websocket import handshake
from zun.websocket import relay

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

# Subprotocols in the order of preference. python-zunclient offers both.
SUBPROTOCOLS = ('binary', relay.BASE64_SUBPROTOCOL)
# Seconds that a client has to complete the TLS and websocket handshakes.
OPEN_TIMEOUT = 30
# Largest message, in bytes, that a client may send: typed or pasted input.
MAX_MESSAGE_SIZE = 1024 * 1024

# Logger of the websockets library, which never logs at debug level. At
# debug level the library logs each request line, token included, and the
# contents of every frame, which include what users type, passwords too.
PROTOCOL_LOG = std_logging.getLogger('zun.websocket.protocol')
PROTOCOL_LOG.setLevel(std_logging.INFO)


class PendingSession:
    """An engine stream that a handshake opened for its connection."""

    def __init__(self, target, stream, driver):
        self.target = target
        self.stream = stream
        self.driver = driver

    def kill_exec(self):
        """Kill the exec's process if the session's client is gone."""
        if self.target.exec_id is None:
            return
        container = self.target.container
        if self.driver.execute_kill(zun_context.get_admin_context(),
                                    container, self.target.exec_id):
            LOG.info('Exec %s of container %s, whose client left, no longer '
                     'runs', self.target.exec_id, container.uuid)

    def abandon(self):
        """Close the stream of a handshake that did not complete."""
        self.stream.close()
        self.kill_exec()


class ProxyConnection(ws_server.ServerConnection):
    """A server connection that carries the session of its handshake."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending_session = None

    def handshake(self, *args, **kwargs):
        try:
            super().handshake(*args, **kwargs)
        finally:
            # The handler runs only for an open connection; a handshake
            # that failed after the stream was opened frees it here.
            if (self.pending_session is not None
                    and self.protocol.state is not ws_protocol.OPEN):
                self.pending_session.abandon()
                self.pending_session = None


def _ssl_context():
    cert = CONF.websocket_proxy.cert
    if not cert:
        return None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, CONF.websocket_proxy.key or None)
    return context


def _select_subprotocol(connection, offered):
    for name in SUBPROTOCOLS:
        if name in offered:
            return name
    if not offered:
        return None
    raise ws_exceptions.NegotiationError(
        'none of the offered subprotocols %s is supported; offer binary or '
        'base64' % ', '.join(offered))


class WebsocketProxy:
    """Serves console sessions on ``[websocket_proxy]`` host and port.

    :param driver: the container driver; the configured one by default.
    """

    def __init__(self, driver=None, host=None, port=None):
        self.driver = driver or container_driver.load_container_driver()
        self.host = host or CONF.websocket_proxy.wsproxy_host
        self.port = CONF.websocket_proxy.wsproxy_port if port is None else port
        self._server = None
        self._thread = None

    def start(self):
        """Bind the port and serve from a daemon thread."""
        self._server = ws_server.serve(
            self._handle, self.host, self.port,
            ssl=_ssl_context(),
            select_subprotocol=_select_subprotocol,
            process_response=self._process_response,
            create_connection=ProxyConnection,
            compression=None,
            open_timeout=OPEN_TIMEOUT,
            # No keepalive pings, because python-zunclient 5.5 replies to a
            # ping inside a blocking read. That read then waits for the next
            # output and delays the user's input until the process writes.
            ping_interval=None,
            max_size=MAX_MESSAGE_SIZE,
            logger=PROTOCOL_LOG)
        self.port = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name='zun-wsproxy', daemon=True)
        self._thread.start()
        LOG.info('zun-wsproxy listening on %s:%d (%s) for host %s',
                 self.host, self.port,
                 'TLS' if CONF.websocket_proxy.cert else 'no TLS', CONF.host)

    def stop(self):
        """Stop listening and close every session."""
        if self._server is None:
            return
        self._server.shutdown()
        self._thread.join(30)
        LOG.info('zun-wsproxy stopped serving on %s:%d', self.host,
                 self.port)

    def _reject(self, connection, exc):
        status = errors.status_for(exc)
        if status >= 500 and not isinstance(exc,
                                            exception.ServiceUnavailable):
            reason = ('The proxy failed to open the session; its log has '
                      'the details.')
        else:
            reason = exc.format_message()
        LOG.info('Rejected a websocket handshake with status %d: %s',
                 status, exc.format_message())
        return connection.respond(http.HTTPStatus(status), reason + '\n')

    def _open(self, request):
        handshake.check_origin(request.headers.get('Origin'),
                               request.headers.get('Host'))
        context = zun_context.get_admin_context()
        target = handshake.authorize(context,
                                     handshake.parse_query(request.path))
        if target.exec_id is None:
            stream = self.driver.open_attach_stream(context,
                                                    target.container)
        else:
            stream = self.driver.open_exec_stream(context, target.container,
                                                  target.exec_id)
        return PendingSession(target, stream, self.driver)

    def _process_response(self, connection, request, response):
        if response.status_code != http.HTTPStatus.SWITCHING_PROTOCOLS:
            return None
        try:
            connection.pending_session = self._open(request)
        except exception.ZunException as exc:
            return self._reject(connection, exc)
        LOG.info('Opened the session of %s',
                 connection.pending_session.target.describe())
        return None

    def _handle(self, connection):
        pending, connection.pending_session = connection.pending_session, None
        session = relay.Session(connection, pending.stream,
                                pending.target.describe(),
                                on_client_gone=pending.kill_exec)
        session.run()
