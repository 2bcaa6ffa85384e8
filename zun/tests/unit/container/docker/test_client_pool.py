"""Tests of the pool of docker SDK clients."""

from unittest import mock

import docker
from docker import errors as docker_errors
import requests

from zun.common import exception
from zun.container.docker import client_pool
from zun.tests import base


class TestClientPool(base.TestCase):

    def setUp(self):
        super().setUp()
        self.factory = mock.Mock(
            side_effect=lambda: mock.create_autospec(docker.APIClient,
                                                     instance=True))
        self.pool = client_pool.ClientPool(self.factory)

    def borrow(self):
        with self.pool.client() as client:
            return client

    def test_idle_client_reused(self):
        first = self.borrow()
        second = self.borrow()
        self.assertIs(first, second)
        self.assertEqual(1, self.factory.call_count)

    def test_busy_client_not_lent_twice(self):
        with self.pool.client() as first:
            with self.pool.client() as second:
                self.assertIsNot(first, second)

    def test_engine_error_keeps_client(self):
        def fail():
            with self.pool.client():
                raise docker_errors.NotFound('no such container')
        self.assertRaises(docker_errors.NotFound, fail)
        self.borrow()
        self.assertEqual(1, self.factory.call_count)

    def test_zun_error_keeps_client(self):
        def fail():
            with self.pool.client():
                raise exception.ContainerNotFound(container='c-1')
        self.assertRaises(exception.ContainerNotFound, fail)
        self.borrow()
        self.assertEqual(1, self.factory.call_count)

    def test_connection_error_closes_client(self):
        clients = []

        def fail():
            with self.pool.client() as client:
                clients.append(client)
                raise requests.ConnectionError('reset by peer')
        self.assertRaises(requests.ConnectionError, fail)
        clients[0].close.assert_called_once_with()
        self.assertIsNot(clients[0], self.borrow())
        self.assertEqual(2, self.factory.call_count)

    def test_discarded_client_closed_once(self):
        with self.pool.client() as client:
            self.pool.discard(client)
        client.close.assert_called_once_with()
        self.assertIsNot(client, self.borrow())

    def test_idle_clients_capped(self):
        clients = []
        for _ in range(client_pool.MAX_IDLE + 2):
            context = self.pool.client()
            clients.append((context, context.__enter__()))
        for context, _ in clients:
            context.__exit__(None, None, None)
        closed = [client for _, client in clients if client.close.called]
        self.assertEqual(2, len(closed))
