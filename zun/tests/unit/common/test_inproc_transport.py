"""Tests of the in-process oslo.messaging driver through oslo.messaging."""

import threading
import time

import fixtures
from oslo_config import cfg
import oslo_messaging as messaging

from zun.common import exception
from zun.common import inproc_transport
from zun.tests import base


class Endpoint:
    """RPC methods that record what reached them."""

    target = messaging.Target(version='1.0')

    def __init__(self):
        self.received = []
        self.arrived = threading.Event()

    def record(self, context, value):
        self.received.append((context, value))
        self.arrived.set()

    def echo(self, context, value):
        return value

    def fail(self, context, uuid):
        raise exception.ContainerNotFound(container=uuid)

    def slow(self, context):
        time.sleep(1)


class TransportTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.transport = messaging.get_rpc_transport(
            cfg.CONF, url='zun-inproc://',
            allowed_remote_exmods=[exception.__name__])
        self.addCleanup(self.transport.cleanup)
        self.topic = 'topic-%s' % self.id()

    def start_server(self, server='host-a', endpoint=None):
        endpoint = endpoint or Endpoint()
        target = messaging.Target(topic=self.topic, server=server)
        rpc_server = messaging.get_rpc_server(
            self.transport, target, [endpoint], executor='threading',
            access_policy=messaging.DefaultRPCAccessPolicy)
        rpc_server.start()

        def stop():
            rpc_server.stop()
            rpc_server.wait()
        self.addCleanup(stop)
        return endpoint

    def client(self, server='host-a', fanout=False, timeout=10):
        target = messaging.Target(topic=self.topic, server=server,
                                  fanout=fanout, version='1.0')
        return messaging.get_rpc_client(self.transport, target,
                                        timeout=timeout)


class TestDelivery(TransportTestCase):

    def test_driver_selected_by_url(self):
        self.assertIsInstance(self.transport._driver,
                              inproc_transport.InProcessDriver)

    def test_cast_wakes_waiting_server(self):
        # With a wait of an hour between checks, only the wake-up on
        # delivery can bring the cast to the server in time.
        self.useFixture(fixtures.MockPatchObject(inproc_transport,
                                                 '_MAX_WAIT', 3600))
        endpoint = self.start_server()
        time.sleep(0.2)
        self.client().cast({'request_id': 'req-1'}, 'record', value=7)
        self.assertTrue(endpoint.arrived.wait(10))
        self.assertEqual([({'request_id': 'req-1'}, 7)], endpoint.received)

    def test_call_returns_reply(self):
        self.start_server()
        reply = self.client().call({}, 'echo', value={'a': [1, 2]})
        self.assertEqual({'a': [1, 2]}, reply)

    def test_message_copied_not_shared(self):
        endpoint = self.start_server()
        value = {'mutable': ['x']}
        self.client().cast({}, 'record', value=value)
        self.assertTrue(endpoint.arrived.wait(5))
        value['mutable'].append('changed later')
        self.assertEqual({'mutable': ['x']}, endpoint.received[0][1])
        self.assertIsNot(value, endpoint.received[0][1])

    def test_remote_exception_rebuilt(self):
        self.start_server()
        error = self.assertRaises(exception.ContainerNotFound,
                                  self.client().call, {}, 'fail',
                                  uuid='c-1')
        self.assertIn('c-1', str(error))

    def test_call_times_out(self):
        self.start_server()
        self.assertRaises(messaging.MessagingTimeout,
                          self.client(timeout=0.2).call, {}, 'slow')

    def test_call_to_missing_server_times_out(self):
        self.start_server(server='host-a')
        self.assertRaises(messaging.MessagingTimeout,
                          self.client(server='host-b', timeout=0.2).call,
                          {}, 'echo', value=1)

    def test_cast_to_missing_server_dropped(self):
        self.start_server(server='host-a')
        self.client(server='host-b').cast({}, 'record', value=1)
        queues = inproc_transport._BROKER._queues
        self.assertIn(('zun', self.topic, 'host-a'), queues)
        self.assertNotIn(('zun', self.topic, 'host-b'), queues)

    def test_topic_cast_reaches_a_server(self):
        endpoint = self.start_server()
        self.client(server=None).cast({}, 'record', value='any')
        self.assertTrue(endpoint.arrived.wait(5))

    def test_fanout_reaches_every_server(self):
        first = self.start_server('host-a')
        second = self.start_server('host-b')
        self.client(server=None, fanout=True).cast({}, 'record', value=1)
        self.assertTrue(first.arrived.wait(5))
        self.assertTrue(second.arrived.wait(5))

    def test_stop_ends_the_poll(self):
        endpoint = Endpoint()
        target = messaging.Target(topic=self.topic, server='host-a')
        rpc_server = messaging.get_rpc_server(
            self.transport, target, [endpoint], executor='threading')
        rpc_server.start()
        start = time.monotonic()
        rpc_server.stop()
        rpc_server.wait()
        self.assertLess(time.monotonic() - start, 5)
