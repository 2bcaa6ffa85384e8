"""Network actions, network_list and the security group actions."""

from zun.api.views import networks as view
from zun.common import consts
from zun.common import exception
from zun.container.docker import networking
from zun.tests.unit.api import base

NET_A = 'a' * 64
NET_B = 'b' * 64
PORT = '11111111-2222-4333-8444-555555555555'


def addresses(container_uuid=None):
    port = (networking.port_id(container_uuid, NET_A) if container_uuid
            else PORT)
    return {NET_A: [
        {'addr': '10.1.0.5', 'version': 4, 'port': port,
         'subnet_id': '10.1.0.0/24', 'preserve_on_delete': False},
        {'addr': 'fd00::5', 'version': 6, 'port': port,
         'subnet_id': 'fd00::/64', 'preserve_on_delete': False}]}


class NetworkTestCase(base.APITestCase):

    def action(self, container, action, query='', status=200, **kwargs):
        path = '/v1/containers/%s/%s' % (container['uuid'], action)
        if query:
            path += '?' + query
        return self.post(path, status=status, **kwargs)

    def detail(self, response):
        return self.error_of(response)['detail']


class TestNetworkAttach(NetworkTestCase):

    def test_attach_200(self):
        container = self.create_db_container(status='Running')
        response = self.action(container, 'network_attach', 'network=net1')
        self.assertIsNone(response.json)
        args = self.compute_api.network_attach.call_args.args
        self.assertEqual(('net1', None), args[2:])

    def test_attach_fixed_ip(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'network_attach',
                    'network=net1&fixed_ip=fd00::0007')
        args = self.compute_api.network_attach.call_args.args
        self.assertEqual('fd00::7', args[3])

    def test_params_in_body(self):
        container = self.create_db_container(status='Running')
        self.post_json('/v1/containers/%s/network_attach'
                       % container['uuid'], {'network': 'net1'},
                       status=200)
        self.compute_api.network_attach.assert_called_once()

    def test_claims_network_attaching(self):
        container = self.create_db_container(status='Stopped')
        self.action(container, 'network_attach', 'network=net1')
        sent = self.compute_api.network_attach.call_args.args[1]
        self.assertEqual(consts.NETWORK_ATTACHING, sent.task_state)

    def test_before_18_is_406(self):
        container = self.create_db_container(status='Running')
        response = self.action(container, 'network_attach', 'network=n',
                               status=406, version='1.7')
        self.assertIn('1.8', self.detail(response))

    def test_port_needs_neutron(self):
        container = self.create_db_container(status='Running')
        response = self.action(container, 'network_attach', 'port=p1',
                               status=400)
        self.assertIn("'port'", self.detail(response))
        self.assertIn('Neutron network driver', self.detail(response))
        self.compute_api.network_attach.assert_not_called()

    def test_network_and_port_400(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'network_attach', 'network=n&port=p',
                    status=400)

    def test_network_required(self):
        container = self.create_db_container(status='Running')
        response = self.action(container, 'network_attach', status=400)
        self.assertIn("'network'", self.detail(response))

    def test_fixed_ip_needs_network(self):
        container = self.create_db_container(status='Running')
        response = self.action(container, 'network_attach',
                               'port=p&fixed_ip=10.0.0.1', status=400)
        self.assertIn("'fixed_ip'", self.detail(response))

    def test_bad_fixed_ip(self):
        container = self.create_db_container(status='Running')
        response = self.action(container, 'network_attach',
                               'network=n&fixed_ip=10.0.0', status=400)
        self.assertIn('10.0.0', self.detail(response))

    def test_long_network_400(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'network_attach', 'network=' + 'n' * 256,
                    status=400)

    def test_unknown_parameter_400(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'network_attach', 'network=n&subnet=s',
                    status=400)

    def test_attached_network_409(self):
        container = self.create_db_container(status='Running',
                                             addresses=addresses())
        response = self.action(container, 'network_attach',
                               'network=' + NET_A, status=409)
        self.assertIn('already attached', self.detail(response))
        self.compute_api.network_attach.assert_not_called()
        self.assertIsNone(self.load_container(container['uuid']).task_state)

    def test_compute_conflict_409(self):
        self.compute_api.network_attach.side_effect = (
            exception.NetworkAlreadyAttached(container='c', network='n'))
        container = self.create_db_container(status='Running')
        self.action(container, 'network_attach', 'network=n', status=409)
        self.assertIsNone(self.load_container(container['uuid']).task_state)

    def test_missing_network_404(self):
        self.compute_api.network_attach.side_effect = (
            exception.NetworkNotFound(network='n', host='h'))
        container = self.create_db_container(status='Running')
        self.action(container, 'network_attach', 'network=n', status=404)

    def test_engine_rejects_address_400(self):
        self.compute_api.network_attach.side_effect = exception.Invalid(
            detail='user specified IP address is supported only when '
                   'connecting to networks with user configured subnets')
        container = self.create_db_container(status='Running')
        response = self.action(container, 'network_attach',
                               'network=n&fixed_ip=10.0.0.1', status=400)
        self.assertIn('configured subnets', self.detail(response))

    def test_busy_container_409(self):
        container = self.create_db_container(
            status='Running', task_state=consts.CONTAINER_STOPPING)
        self.action(container, 'network_attach', 'network=n', status=409)

    def test_creating_container_409(self):
        container = self.create_db_container(status='Creating')
        self.action(container, 'network_attach', 'network=n', status=409)

    def test_policy_403(self):
        self.set_policy({'container:network_attach': '!'})
        container = self.create_db_container(status='Running')
        self.action(container, 'network_attach', 'network=n', status=403)


class TestNetworkDetach(NetworkTestCase):

    def test_detach_202(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'network_detach', 'network=net1',
                    status=202)
        args = self.compute_api.network_detach.call_args.args
        self.assertEqual('net1', args[2])
        self.assertEqual(consts.NETWORK_DETACHING, args[1].task_state)

    def test_before_16_is_406(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'network_detach', 'network=n', status=406,
                    version='1.5')

    def test_port_before_117_400(self):
        container = self.create_db_container(status='Running')
        response = self.action(container, 'network_detach', 'port=p',
                               status=400, version='1.16')
        self.assertIn('1.17', self.detail(response))

    def test_port_finds_network(self):
        uuid = '0f0e0d0c-0000-4000-8000-000000000001'
        container = self.create_db_container(
            uuid=uuid, status='Running', addresses=addresses(uuid))
        port = networking.port_id(uuid, NET_A)
        self.action(container, 'network_detach', 'port=' + port,
                    status=202)
        self.assertEqual(NET_A,
                         self.compute_api.network_detach.call_args.args[2])

    def test_port_of_empty_network(self):
        uuid = '0f0e0d0c-0000-4000-8000-000000000002'
        container = self.create_db_container(
            uuid=uuid, status='Stopped', addresses={NET_B: []})
        self.action(container, 'network_detach',
                    'port=' + networking.port_id(uuid, NET_B), status=202)
        self.assertEqual(NET_B,
                         self.compute_api.network_detach.call_args.args[2])

    def test_unknown_port_404(self):
        container = self.create_db_container(status='Running',
                                             addresses=addresses())
        response = self.action(container, 'network_detach', 'port=' + PORT,
                               status=404)
        self.assertIn(PORT, self.detail(response))
        self.assertIsNone(self.load_container(container['uuid']).task_state)

    def test_not_attached_404(self):
        self.compute_api.network_detach.side_effect = (
            exception.NetworkNotAttached(container='c', network='n'))
        container = self.create_db_container(status='Running')
        self.action(container, 'network_detach', 'network=n', status=404)

    def test_network_or_port_required(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'network_detach', status=400)

    def test_policy_403(self):
        self.set_policy({'container:network_detach': '!'})
        container = self.create_db_container(status='Running')
        self.action(container, 'network_detach', 'network=n', status=403)


class TestNetworkList(NetworkTestCase):

    def list(self, container, status=200, **kwargs):
        return self.get('/v1/containers/%s/network_list' % container['uuid'],
                        status=status, **kwargs)

    def test_port_shape_from_118(self):
        container = self.create_db_container(addresses=addresses())
        body = self.list(container, version='1.18').json
        self.assertEqual({'networks': [{
            'net_id': NET_A, 'port_id': PORT,
            'fixed_ips': [
                {'ip_address': '10.1.0.5', 'version': 4,
                 'subnet_id': '10.1.0.0/24'},
                {'ip_address': 'fd00::5', 'version': 6,
                 'subnet_id': 'fd00::/64'}]}]}, body)

    def test_address_shape_before_118(self):
        container = self.create_db_container(addresses=addresses())
        body = self.list(container, version='1.17').json
        self.assertEqual(2, len(body['networks']))
        self.assertEqual({'net_id': NET_A, 'port_id': PORT,
                          'subnet_id': '10.1.0.0/24', 'version': 4,
                          'ip_address': '10.1.0.5'}, body['networks'][0])

    def test_network_without_address(self):
        container = self.create_db_container(addresses={NET_B: []})
        body = self.list(container).json
        self.assertEqual([{'net_id': NET_B, 'port_id': None,
                           'fixed_ips': []}], body['networks'])

    def test_no_addresses(self):
        container = self.create_db_container(addresses=None)
        self.assertEqual({'networks': []}, self.list(container).json)

    def test_before_113_is_406(self):
        container = self.create_db_container()
        self.list(container, status=406, version='1.12')

    def test_in_any_status(self):
        container = self.create_db_container(status='Error')
        self.list(container)

    def test_policy_403(self):
        self.set_policy({'container:network_list': '!'})
        self.list(self.create_db_container(), status=403)

    def test_other_project_404(self):
        self.list(self.create_db_container(project_id='other'), status=404)


class TestSecurityGroups(NetworkTestCase):

    def test_add_needs_neutron(self):
        container = self.create_db_container(status='Running')
        response = self.action(container, 'add_security_group', 'name=web',
                               status=400, version='1.14')
        self.assertIn("'name'", self.detail(response))
        self.assertIn('Neutron network driver', self.detail(response))

    def test_remove_needs_neutron(self):
        container = self.create_db_container(status='Running')
        self.action(container, 'remove_security_group', 'name=web',
                    status=400, version='1.1')

    def test_removed_in_115(self):
        container = self.create_db_container(status='Running')
        for action in ('add_security_group', 'remove_security_group'):
            response = self.action(container, action, 'name=web',
                                   status=406, version='1.15')
            self.assertIn('1.14', self.detail(response))

    def test_name_required(self):
        container = self.create_db_container(status='Running')
        response = self.action(container, 'add_security_group', status=400,
                               version='1.14')
        self.assertIn("'name'", self.detail(response))

    def test_policy_before_driver(self):
        self.set_policy({'container:add_security_group': '!'})
        container = self.create_db_container(status='Running')
        self.action(container, 'add_security_group', 'name=web', status=403,
                    version='1.14')

    def test_missing_container_404(self):
        self.post('/v1/containers/nope/remove_security_group?name=web',
                  status=404, version='1.14')


class TestNetworkListView(base.APITestCase):

    def test_sorted_by_network(self):
        body = view.format_network_list({NET_B: [], NET_A: []}, '1.18')
        self.assertEqual([NET_A, NET_B],
                         [item['net_id'] for item in body['networks']])

    def test_legacy_skips_empty_network(self):
        body = view.format_network_list({NET_B: []}, '1.13')
        self.assertEqual({'networks': []}, body)
