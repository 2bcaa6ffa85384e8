"""An oslo.messaging driver that passes messages between threads.

zun-all selects it with ``transport_url = zun-inproc://``. It delivers a
message to a waiting server thread at once, where oslo.messaging's
``fake://`` test driver polls its queues every 50 ms and so delays every
request to zun-compute by 25 ms on average.

Messages go through a JSON round trip and exceptions through oslo.messaging's
remote exception format, as on RabbitMQ, so the caller and the server never
share an object and zun-all runs the same code paths as separate services.
"""

import collections
import queue
import threading
import time

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_messaging._drivers import base
from oslo_messaging._drivers import common
from oslo_serialization import jsonutils

LOG = logging.getLogger(__name__)

# Seconds a poll waits at most between two checks of its stop flag.
_MAX_WAIT = 1.0


class _Broker:
    """The queues of one process, keyed by (exchange, topic, server)."""

    def __init__(self):
        self.changed = threading.Condition()
        self._queues = collections.defaultdict(collections.deque)

    def deliver(self, key, item, fanout=False):
        """Queue ``item`` for the listeners of ``key``.

        As on a broker, a message to a queue that no server declared is
        dropped, so it cannot pile up for a server that never comes.
        """
        with self.changed:
            if fanout:
                exchange, topic, _ = key
                keys = [known for known in self._queues
                        if known[:2] == (exchange, topic)
                        and known[2] is not None]
            elif key in self._queues:
                keys = [key]
            else:
                LOG.debug('Dropping a message for %s, which no server '
                          'listens to', key)
                keys = []
            for target_key in keys:
                self._queues[target_key].append(item)
            self.changed.notify_all()

    def declare(self, key):
        with self.changed:
            self._queues[key]  # noqa: B018  (the defaultdict creates it)

    def take(self, keys):
        """Pop the first item of the first non-empty queue, or None.

        The caller must have acquired ``changed``.
        """
        for key in keys:
            found = self._queues.get(key)
            if found:
                return found.popleft()
        return None

    def clear(self):
        with self.changed:
            self._queues.clear()
            self.changed.notify_all()


_BROKER = _Broker()


def _round_trip(value):
    return jsonutils.loads(jsonutils.dumps(value))


class _IncomingMessage(base.RpcIncomingMessage):

    def __init__(self, ctxt, message, reply_queue, requeue):
        super().__init__(ctxt, message)
        self._reply_queue = reply_queue
        self._requeue = requeue

    def reply(self, reply=None, failure=None):
        if self._reply_queue is None:
            return
        if failure is not None:
            self._reply_queue.put(
                (None, common.serialize_remote_exception(failure)))
        else:
            self._reply_queue.put((_round_trip(reply), None))

    def requeue(self):
        self._requeue()

    def heartbeat(self):
        """Keep nothing alive: a call here never outlives its process."""


class _Listener(base.PollStyleListener):

    def __init__(self, keys):
        super().__init__()
        self._keys = keys
        self._stopped = False
        for key in keys:
            _BROKER.declare(key)

    @base.batch_poll_helper
    def poll(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        with _BROKER.changed:
            while not self._stopped:
                item = _BROKER.take(self._keys)
                if item is not None:
                    return _IncomingMessage(*item)
                wait = _MAX_WAIT
                if deadline is not None:
                    wait = min(wait, deadline - time.monotonic())
                    if wait <= 0:
                        return None
                _BROKER.changed.wait(wait)
        return None

    def stop(self):
        with _BROKER.changed:
            self._stopped = True
            _BROKER.changed.notify_all()

    def cleanup(self):
        pass


class InProcessDriver(base.BaseDriver):
    """Deliver RPC messages between the threads of one process."""

    def __init__(self, conf, url, default_exchange=None,
                 allowed_remote_exmods=None):
        super().__init__(conf, url, default_exchange, allowed_remote_exmods)
        self._allowed_exmods = allowed_remote_exmods or []

    def require_features(self, requeue=True):
        pass

    def _key(self, target, topic=None, server=None):
        return (target.exchange or self._default_exchange,
                topic or target.topic, server)

    def send(self, target, ctxt, message, wait_for_reply=None, timeout=None,
             call_monitor_timeout=None, retry=None, transport_options=None):
        reply_queue = queue.Queue() if wait_for_reply else None
        item_ctxt, item_message = _round_trip(ctxt), _round_trip(message)
        key = self._key(target, server=target.server)

        def requeue():
            _BROKER.deliver(key, item, target.fanout)

        item = (item_ctxt, item_message, reply_queue, requeue)
        _BROKER.deliver(key, item, target.fanout)
        if reply_queue is None:
            return None
        try:
            reply, failure = reply_queue.get(timeout=timeout)
        except queue.Empty:
            raise messaging.MessagingTimeout(
                'No reply on topic %s within %s seconds'
                % (target.topic, timeout))
        if failure is not None:
            raise common.deserialize_remote_exception(
                failure, self._allowed_exmods)
        return reply

    def send_notification(self, target, ctxt, message, version, retry=None):
        item = (_round_trip(ctxt), _round_trip(message), None,
                lambda: None)
        _BROKER.deliver(self._key(target), item)

    def listen(self, target, batch_size, batch_timeout):
        keys = [self._key(target, server=target.server),
                self._key(target)]
        return base.PollStyleListenerAdapter(_Listener(keys), batch_size,
                                             batch_timeout)

    def listen_for_notifications(self, targets_and_priorities, pool,
                                 batch_size, batch_timeout):
        keys = [self._key(target, topic='%s.%s' % (target.topic, priority))
                for target, priority in targets_and_priorities]
        return base.PollStyleListenerAdapter(_Listener(keys), batch_size,
                                             batch_timeout)

    def cleanup(self):
        LOG.debug('Cleaning up the in-process message queues')
        _BROKER.clear()
