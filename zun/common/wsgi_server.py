"""A threaded WSGI server for zun-api and zun-all, based on cheroot."""

import threading

from cheroot import wsgi
from oslo_log import log as logging

LOG = logging.getLogger(__name__)

class Server:
    """Serves a WSGI application on a pool of threads.

    :param reuse_port: bind with SO_REUSEPORT, so that several worker
        processes can listen on the same port and the kernel spreads the
        connections over them.
    :param timeout: seconds to wait for the next part of a request.
    :param backlog: connections the kernel queues before they are accepted.
    """

    def __init__(self, application, host, port, threads, name='zun-api',
                 reuse_port=False, timeout=30, backlog=128):
        self.name = name
        self.host = host
        self.port = port
        self._server = wsgi.Server((host, port), application,
                                   numthreads=threads, server_name=name,
                                   reuse_port=reuse_port, timeout=timeout,
                                   request_queue_size=backlog)
        self._threads = threads

    def prepare(self):
        """Bind the port; after this, clients can connect."""
        self._server.prepare()
        self.port = self._server.bind_addr[1]
        LOG.info('%s listening on %s:%d with %d threads', self.name,
                 self.host, self.port, self._threads)

    def serve(self):
        """Bind if needed and serve until stop() is called."""
        if not self._server.ready:
            self.prepare()
        self._server.serve()

    def serve_in_thread(self):
        """Bind, then serve from a daemon thread, and return the thread."""
        self.prepare()
        thread = threading.Thread(target=self._server.serve,
                                  name='%s-server' % self.name, daemon=True)
        thread.start()
        return thread

    def stop(self):
        """Stop accepting connections and finish the running requests."""
        self._server.stop()
        LOG.info('%s stopped serving on %s:%d', self.name, self.host,
                 self.port)
