"""A threaded WSGI server for zun-api and zun-all, with worker processes."""

import os
import signal
import sys
import threading

from cheroot import wsgi
from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class Server:
    """Serves a WSGI application on a thread pool with cheroot.

    :param workers: number of processes; more than one forks workers that
        share the port through SO_REUSEPORT.
    """

    def __init__(self, application, host, port, threads, workers=1,
                 name='zun-api'):
        self.application = application
        self.host = host
        self.port = port
        self.threads = threads
        self.workers = workers
        self.name = name
        self._server = None
        self._children = []

    def _make_server(self, reuse_port):
        server = wsgi.Server((self.host, self.port), self.application,
                             numthreads=self.threads,
                             server_name=self.name,
                             reuse_port=reuse_port)
        # Long-running requests such as a delete before 1.10 wait for the
        # compute host, so idle connections get a generous time limit.
        server.timeout = 120
        return server

    def prepare(self):
        """Bind the port; after this, clients can connect."""
        self._server = self._make_server(reuse_port=self.workers > 1)
        self._server.prepare()
        self.port = self._server.bind_addr[1]
        LOG.info('%s listening on %s:%d with %d threads', self.name,
                 self.host, self.port, self.threads)

    def serve_in_thread(self):
        """Serve from a daemon thread and return the thread."""
        if self._server is None:
            self.prepare()
        thread = threading.Thread(target=self._server.serve,
                                  name='%s-server' % self.name, daemon=True)
        thread.start()
        return thread

    def stop(self):
        if self._server is not None:
            self._server.stop()
            self._server = None
        for pid in self._children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def serve_forever(self):
        """Serve until SIGTERM or SIGINT, forking workers when asked."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        if self.workers <= 1:
            if self._server is None:
                self.prepare()
            self._server.serve()
            return
        # Each worker binds its own socket with SO_REUSEPORT, so the kernel
        # spreads the connections over the workers.
        for _ in range(self.workers):
            pid = os.fork()
            if pid == 0:
                self._children = []
                self.workers = 1
                self._server = None
                try:
                    self.serve_forever()
                finally:
                    os._exit(0)
            self._children.append(pid)
        LOG.info('%s started %d workers: %s', self.name, self.workers,
                 self._children)
        for pid in list(self._children):
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass

    def _on_signal(self, signum, frame):
        LOG.info('%s received signal %d; stopping', self.name, signum)
        self.stop()
        if not self._children:
            sys.exit(0)
