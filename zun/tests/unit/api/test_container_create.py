"""POST /v1/containers: the input rules of container create."""

from unittest import mock

from zun.common import consts
from zun.db import api as dbapi
from zun.tests.unit.api import base

PATH = '/v1/containers'

# Version-gated create fields: a value that is valid from the field's first
# version, and the version just before it.
GATED_FIELDS = (
    ('nets', [], '1.1', '1.2'),
    ('auto_remove', True, '1.2', '1.3'),
    ('runtime', 'runc', '1.4', '1.5'),
    ('hostname', 'web', '1.8', '1.9'),
    ('mounts', [], '1.10', '1.11'),
    ('privileged', False, '1.20', '1.21'),
    ('healthcheck', {'cmd': 'true'}, '1.21', '1.22'),
    ('exposed_ports', {}, '1.23', '1.24'),
    ('cpu_policy', 'shared', '1.27', '1.28'),
    ('registry', 'my-registry', '1.30', '1.31'),
    ('tty', True, '1.35', '1.36'),
    ('host', 'fake-host', '1.38', '1.39'),
    ('entrypoint', ['sh'], '1.39', '1.40'),
)


class CreateTestCase(base.APITestCase):

    def create(self, status=202, **fields):
        """POST a create body of busybox plus ``fields``."""
        version = fields.pop('version', base.DEFAULT_VERSION)
        roles = fields.pop('roles', 'member')
        body = dict({'image': 'busybox'}, **fields)
        return self.post_json(PATH, body, status=status, version=version,
                              roles=roles)

    def create_error(self, status=400, **fields):
        return self.error_of(self.create(status=status, **fields))

    def stored(self, response):
        return self.load_container(response.json['uuid'])


class TestCreateBody(CreateTestCase):

    def test_minimal_body_defaults(self):
        body = self.create().json
        self.assertEqual('busybox', body['image'])
        self.assertEqual('Creating', body['status'])
        self.assertEqual('512', body['memory'])
        self.assertEqual(1.0, body['cpu'])
        self.assertEqual('docker', body['image_driver'])

    def test_generated_name_valid(self):
        name = self.create().json['name']
        self.assertRegex(name, r'^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')

    def test_owner_is_caller(self):
        body = self.create().json
        self.assertEqual('fake-project', body['project_id'])
        self.assertEqual('fake-user', body['user_id'])

    def test_location_header(self):
        response = self.create()
        self.assertEqual(
            'http://localhost/v1/containers/%s' % response.json['uuid'],
            response.location)

    def test_malformed_json_400(self):
        response = self.post_body(PATH, '{"image": ')
        error = self.error_of(response)
        self.assertEqual('container.malformed-request-body', error['code'])

    def test_json_list_400(self):
        response = self.post_body(PATH, '[{"image": "busybox"}]')
        self.assertIn('must be a JSON object', self.error_of(response)
                      ['detail'])

    def test_json_scalar_400(self):
        for text in ('null', '"busybox"', '42', 'true'):
            response = self.post_body(PATH, text)
            self.assertEqual(400, response.status_int, text)

    def test_empty_body_400(self):
        self.post_body(PATH, '')

    def test_text_plain_415(self):
        response = self.post_body(PATH, 'image=busybox',
                                  content_type='text/plain', status=415)
        error = self.error_of(response)
        self.assertEqual('container.unsupported-media-type', error['code'])

    def test_form_body_415(self):
        self.post_body(PATH, 'image=busybox',
                       content_type='application/x-www-form-urlencoded',
                       status=415)

    def test_json_charset_accepted(self):
        self.post_body(PATH, '{"image": "busybox"}',
                       content_type='application/json; charset=UTF-8',
                       status=202)

    def test_invalid_utf8_400(self):
        response = self.post_body(PATH, b'{"image": "\xff"}')
        error = self.error_of(response)
        self.assertEqual('container.malformed-request-body', error['code'])
        self.assertIn('not valid UTF-8', error['detail'])

    def test_unknown_charset_415(self):
        response = self.post_body(
            PATH, b'{"image": "busybox"}',
            content_type='application/json; charset=bogus-xyz', status=415)
        error = self.error_of(response)
        self.assertIn('bogus-xyz', error['detail'])
        self.assertIn('UTF-8', error['detail'])

    def test_other_known_charset_415(self):
        self.post_body(PATH, b'{"image": "busybox"}',
                       content_type='application/json; charset=latin-1',
                       status=415)

    def test_utf8_charset_spellings_accepted(self):
        for index, charset in enumerate(('utf8', 'Utf-8', '"utf-8"')):
            self.post_body(PATH, b'{"image": "busybox", "name": "n-%d"}'
                           % index,
                           content_type='application/json; charset=%s'
                           % charset, status=202)

    def test_deeply_nested_json_400(self):
        response = self.post_body(PATH, '[' * 100000)
        self.assertIn('nested too deeply',
                      self.error_of(response)['detail'])

    def test_unknown_field_named(self):
        error = self.create_error(bogus_field=1)
        self.assertIn('bogus_field', error['detail'])

    def test_wrong_type_named(self):
        error = self.create_error(name=5)
        self.assertIn("'name'", error['detail'])
        self.assertIn('must be of type string', error['detail'])

    def test_wrong_type_nested_named(self):
        error = self.create_error(environment={'PATH': 5})
        self.assertIn('environment.PATH', error['detail'])
        self.assertIn('must be of type string', error['detail'])

    def test_missing_image_400(self):
        response = self.post_json(PATH, {'name': 'web'}, status=400)
        error = self.error_of(response)
        self.assertIn("'image'", error['detail'])
        self.assertIn('is required', error['detail'])

    def test_image_with_space_400(self):
        self.create_error(image='busy box')

    def test_null_value_400(self):
        error = self.create_error(name=None)
        self.assertIn("'name'", error['detail'])

    def test_compute_gets_container(self):
        body = self.create(name='web').json
        self.compute_api.container_create.assert_called_once_with(
            mock.ANY, mock.ANY, False, None)
        container = self.compute_api.container_create.call_args[0][1]
        self.assertEqual(body['uuid'], container.uuid)

    def test_stored_creating_with_task(self):
        stored = self.stored(self.create())
        self.assertEqual(consts.CREATING, stored.status)
        self.assertEqual(consts.CONTAINER_CREATING, stored.task_state)

    def test_duplicate_name_409(self):
        self.create(name='web')
        self.create(name='web', status=409)


class TestRunParameter(CreateTestCase):

    def test_run_true_passed(self):
        self.post_json(PATH + '?run=true', {'image': 'busybox'})
        self.compute_api.container_create.assert_called_once_with(
            mock.ANY, mock.ANY, True, None)

    def test_run_false_passed(self):
        self.post_json(PATH + '?run=false', {'image': 'busybox'})
        self.compute_api.container_create.assert_called_once_with(
            mock.ANY, mock.ANY, False, None)

    def test_run_maybe_400(self):
        response = self.post_json(PATH + '?run=maybe', {'image': 'busybox'},
                                  status=400)
        self.assertIn("'run'", self.error_of(response)['detail'])
        self.compute_api.container_create.assert_not_called()

    def test_unknown_query_400(self):
        self.post_json(PATH + '?start=true', {'image': 'busybox'},
                       status=400)


class TestCpu(CreateTestCase):

    def test_number_and_string_parse(self):
        for value, expected in ((2, 2.0), (0.5, 0.5), ('0.5', 0.5),
                                ('2', 2.0), (' 1.5 ', 1.5), (16, 16.0),
                                ('0.1', 0.1)):
            body = self.create(cpu=value).json
            self.assertEqual(expected, body['cpu'], value)

    def test_string_below_minimum(self):
        error = self.create_error(cpu='0.05')
        self.assertIn('between', error['detail'])

    def test_number_below_minimum(self):
        error = self.create_error(cpu=0.05)
        self.assertIn('between', error['detail'])

    def test_above_maximum(self):
        error = self.create_error(cpu=17)
        self.assertIn('between', error['detail'])

    def test_not_a_number(self):
        for value in ('abc', '', '1_0', '0x10', '1,5', '\u0661'):
            error = self.create_error(cpu=value)
            self.assertIn('is not a number', error['detail'], value)

    def test_boolean_rejected(self):
        error = self.create_error(cpu=True)
        self.assertIn("'cpu'", error['detail'])

    def test_not_finite_rejected(self):
        for value in ('nan', 'NaN', 'inf', '-inf', 'Infinity', '1e999'):
            error = self.create_error(cpu=value)
            self.assertIn("'cpu'", error['detail'], value)

    def test_json_nan_literal_rejected(self):
        response = self.post_body(PATH, '{"image": "busybox", "cpu": NaN}')
        self.assertIn('finite', self.error_of(response)['detail'])

    def test_list_rejected(self):
        self.create_error(cpu=[1])


class TestMemory(CreateTestCase):

    def test_accepted_forms(self):
        for value, expected in ((512, '512'), ('512', '512'),
                                ('512m', '512'), ('512M', '512'),
                                ('1g', '1024'), ('1.5G', '1536'),
                                ('6144k', '6'), ('8192', '8192'),
                                (1024.0, '1024'), ('1073741824b', '1024')):
            body = self.create(memory=value).json
            self.assertEqual(expected, body['memory'], value)

    def test_stored_as_mib(self):
        stored = self.stored(self.create(memory='1g'))
        self.assertEqual(1024, stored.memory)

    def test_1024k_below_minimum(self):
        error = self.create_error(memory='1024K')
        self.assertIn('between', error['detail'])

    def test_out_of_range(self):
        for value in (0, 5, '5m', 8193, '9g', '8193'):
            error = self.create_error(memory=value)
            self.assertIn('between', error['detail'], value)

    def test_fraction_of_mib_rejected(self):
        for value in (0.5, '1.5m', '1000k', '100.5'):
            error = self.create_error(memory=value)
            self.assertIn('whole number of MiB', error['detail'], value)

    def test_malformed_rejected(self):
        for value in ('abc', '512 mb', '-512', '1t', '', 'm', '1e3',
                      'nan', '512\x00'):
            error = self.create_error(memory=value)
            self.assertIn("'memory'", error['detail'], value)

    def test_boolean_rejected(self):
        self.create_error(memory=True)

    def test_limits_follow_config(self):
        self.conf.config(maximum_memory=16384)
        self.assertEqual('16384', self.create(memory='16g').json['memory'])


class TestName(CreateTestCase):

    def test_valid_names(self):
        for name in ('ab', 'a-b_c.d', 'Web1', '1web', 'x' * 255):
            self.assertEqual(name, self.create(name=name).json['name'])

    def test_invalid_names(self):
        for name in ('my container', 'x', '-a', 'a b', '\u00e9',
                     'ab\u00e9', 'x' * 256, '', '.ab', '_ab', 'ab\n',
                     'a/b', 'a:b'):
            error = self.create_error(name=name)
            self.assertIn("'name'", error['detail'], repr(name))

    def test_pattern_error_readable(self):
        error = self.create_error(name='a b')
        self.assertIn('letter or digit', error['detail'])


class TestHostname(CreateTestCase):

    def test_valid_hostnames(self):
        for hostname in ('web', 'web-1', 'a.b.c', 'x' * 63, '1host'):
            body = self.create(hostname=hostname).json
            self.assertEqual(hostname, body['hostname'])

    def test_invalid_hostnames(self):
        for hostname in ('-web', 'web-', 'a_b', 'x' * 64, 'a..b', '',
                         'a b', 'web.', 'web\n'):
            error = self.create_error(hostname=hostname)
            self.assertIn("'hostname'", error['detail'], repr(hostname))


class TestWorkdir(CreateTestCase):

    def test_absolute_accepted(self):
        self.assertEqual('/srv/app',
                         self.create(workdir='/srv/app').json['workdir'])

    def test_relative_rejected(self):
        for workdir in ('srv', '', './srv', 'srv/'):
            error = self.create_error(workdir=workdir)
            self.assertIn("'workdir'", error['detail'], workdir)

    def test_newline_rejected(self):
        self.create_error(workdir='/srv\n')

    def test_error_says_absolute(self):
        error = self.create_error(workdir='srv')
        self.assertIn('absolute path', error['detail'])


class TestStringMaps(CreateTestCase):

    def test_environment_stored(self):
        env = {'PATH': '/bin', 'EMPTY': '', 'MULTI': 'a\nb'}
        self.assertEqual(env, self.create(environment=env).json
                         ['environment'])

    def test_labels_stored(self):
        labels = {'tier': 'web', 'a.b/c': 'd'}
        self.assertEqual(labels, self.create(labels=labels).json['labels'])

    def test_bad_keys_rejected(self):
        for field in ('environment', 'labels'):
            for key in ('A=B', 'A\x00', ''):
                error = self.create_error(**{field: {key: 'v'}})
                self.assertIn("'%s'" % field, error['detail'], repr(key))

    def test_bad_key_named(self):
        error = self.create_error(environment={'A=B': 'v'})
        self.assertIn("'A=B'", error['detail'])
        self.assertNotIn('\x00', error['detail'])

    def test_non_string_values_rejected(self):
        for field in ('environment', 'labels'):
            for value in (1, None, True, ['a'], {'a': 'b'}):
                error = self.create_error(**{field: {'KEY': value}})
                self.assertIn('%s.KEY' % field, error['detail'], value)

    def test_nul_in_value_rejected(self):
        error = self.create_error(labels={'KEY': 'a\x00b'})
        self.assertIn('labels.KEY', error['detail'])

    def test_not_an_object_rejected(self):
        for value in (['A=B'], 'A=B', 1):
            self.create_error(environment=value)

    def test_size_limits_stated(self):
        cases = (
            ({'K%d' % i: 'v' for i in range(513)}, 'at most 512 entries'),
            ({'K' * 256: 'v'}, 'at most 255 characters'),
            ({'K': 'v' * 65536}, 'at most 65535 characters'),
        )
        for field in ('environment', 'labels'):
            for value, limit in cases:
                error = self.create_error(**{field: value})
                self.assertIn(limit, error['detail'], field)
                self.assertIn(field, error['detail'])


class TestRestartPolicy(CreateTestCase):

    def policy_of(self, policy):
        return self.create(restart_policy=policy).json['restart_policy']

    def test_count_returned_as_string(self):
        policy = self.policy_of({'Name': 'on-failure',
                                 'MaximumRetryCount': 3})
        self.assertEqual({'Name': 'on-failure', 'MaximumRetryCount': '3'},
                         policy)

    def test_digit_string_count(self):
        policy = self.policy_of({'Name': 'on-failure',
                                 'MaximumRetryCount': '5'})
        self.assertEqual('5', policy['MaximumRetryCount'])

    def test_missing_count_zero(self):
        policy = self.policy_of({'Name': 'always'})
        self.assertEqual('0', policy['MaximumRetryCount'])

    def test_null_count_zero(self):
        policy = self.policy_of({'Name': 'no', 'MaximumRetryCount': None})
        self.assertEqual('0', policy['MaximumRetryCount'])

    def test_every_name_accepted(self):
        for name in ('no', 'always', 'on-failure', 'unless-stopped'):
            self.assertEqual(name, self.policy_of({'Name': name})['Name'])

    def test_unknown_name_rejected(self):
        error = self.create_error(restart_policy={'Name': 'sometimes'})
        self.assertIn('restart_policy.Name', error['detail'])

    def test_missing_name_rejected(self):
        error = self.create_error(restart_policy={'MaximumRetryCount': 1})
        self.assertIn('restart_policy.Name', error['detail'])

    def test_count_only_with_on_failure(self):
        error = self.create_error(restart_policy={
            'Name': 'always', 'MaximumRetryCount': 2})
        self.assertIn('on-failure', error['detail'])

    def test_zero_count_with_always(self):
        policy = self.policy_of({'Name': 'always',
                                 'MaximumRetryCount': '0'})
        self.assertEqual('0', policy['MaximumRetryCount'])

    def test_bad_counts_rejected(self):
        for count in (-1, '-1', 'x', '1.5', 1.5, True, '\u00b2', [1]):
            error = self.create_error(restart_policy={
                'Name': 'on-failure', 'MaximumRetryCount': count})
            self.assertIn('MaximumRetryCount', error['detail'], count)

    def test_huge_count_rejected(self):
        for count in (2 ** 31, '99999999999999999999'):
            error = self.create_error(restart_policy={
                'Name': 'on-failure', 'MaximumRetryCount': count})
            self.assertIn('MaximumRetryCount', error['detail'], count)

    def test_largest_count_accepted(self):
        policy = self.policy_of({'Name': 'on-failure',
                                 'MaximumRetryCount': 2 ** 31 - 1})
        self.assertEqual(str(2 ** 31 - 1), policy['MaximumRetryCount'])

    def test_unknown_key_rejected(self):
        error = self.create_error(restart_policy={'Name': 'no',
                                                  'Retries': 1})
        self.assertIn('Retries', error['detail'])


class TestVersionGates(CreateTestCase):

    def test_fields_rejected_below_version(self):
        for name, value, below, first in GATED_FIELDS:
            error = self.create_error(version=below, **{name: value})
            self.assertEqual('container.invalid-param-in-version',
                             error['code'], name)
            self.assertIn("'%s'" % name, error['detail'], name)
            self.assertIn(below, error['detail'], name)
            self.assertIn(first, error['detail'], name)

    def test_fields_accepted_from_version(self):
        # runtime and host need an administrator; registry needs a
        # registry record. Their policy and lookup have their own tests.
        for name, value, _, first in GATED_FIELDS:
            if name in ('runtime', 'host', 'registry'):
                continue
            self.create(version=first, **{name: value})

    def test_mount_type_below_1_23(self):
        mounts = [{'source': 'vol', 'destination': '/data',
                   'type': 'volume'}]
        error = self.create_error(version='1.22', mounts=mounts)
        self.assertEqual('container.invalid-param-in-version', error['code'])
        self.assertIn('mounts.type', error['detail'])
        self.assertIn('1.23', error['detail'])

    def test_mount_type_from_1_23(self):
        mounts = [{'source': 'vol', 'destination': '/data',
                   'type': 'volume'}]
        self.create(version='1.23', mounts=mounts)

    def test_mount_without_type_1_11(self):
        mounts = [{'source': 'vol', 'destination': '/data'}]
        self.create(version='1.11', mounts=mounts)


class TestCommand(CreateTestCase):

    def test_string_split_below_1_20(self):
        body = self.create(version='1.19',
                           command="sh -c 'echo hello world'").json
        self.assertEqual(['sh', '-c', 'echo hello world'], body['command'])

    def test_unbalanced_quote_400(self):
        error = self.create_error(version='1.1', command="echo 'oops")
        self.assertIn("'command'", error['detail'])

    def test_list_rejected_below_1_20(self):
        self.create_error(version='1.19', command=['echo', 'hi'])

    def test_list_from_1_20(self):
        body = self.create(version='1.20', command=['echo', 'a b']).json
        self.assertEqual(['echo', 'a b'], body['command'])

    def test_string_rejected_from_1_20(self):
        self.create_error(version='1.20', command='echo hi')

    def test_non_string_items_rejected(self):
        error = self.create_error(command=['echo', 1])
        self.assertIn('command[1]', error['detail'])

    def test_entrypoint_list(self):
        body = self.create(entrypoint=['/bin/sh', '-c']).json
        self.assertEqual(['/bin/sh', '-c'], body['entrypoint'])


class TestTty(CreateTestCase):

    def test_tty_follows_interactive(self):
        body = self.create(version='1.35', interactive=True).json
        self.assertTrue(body['tty'])

    def test_no_tty_without_interactive(self):
        body = self.create(version='1.35', interactive=False).json
        self.assertFalse(body['tty'])

    def test_tty_independent_from_1_36(self):
        body = self.create(version='1.36', interactive=True,
                           tty=False).json
        self.assertTrue(body['interactive'])
        self.assertFalse(body['tty'])

    def test_tty_alone_from_1_36(self):
        body = self.create(version='1.36', tty=True).json
        self.assertFalse(body['interactive'])
        self.assertTrue(body['tty'])


class TestNetworkingFields(CreateTestCase):

    def test_nets_stored_without_empties(self):
        nets = [{'network': 'private', 'v4-fixed-ip': '10.0.0.5',
                 'v6-fixed-ip': '', 'port': ''}]
        stored = self.stored(self.create(nets=nets))
        self.assertEqual([{'network': 'private', 'v4-fixed-ip': '10.0.0.5'}],
                         stored.requested_networks)

    def test_nets_port_needs_neutron(self):
        error = self.create_error(nets=[{'network': 'a'}, {'port': 'p1'}])
        self.assertIn("'nets[1].port'", error['detail'])
        self.assertIn('Neutron network driver', error['detail'])

    def test_nets_network_and_port(self):
        error = self.create_error(nets=[{'network': 'a', 'port': 'p'}])
        self.assertIn("'nets[0]'", error['detail'])

    def test_nets_empty_entry(self):
        error = self.create_error(nets=[{'network': '', 'v4-fixed-ip': ''}])
        self.assertIn('needs a network or a port', error['detail'])

    def test_nets_fixed_ip_needs_network(self):
        error = self.create_error(nets=[{'port': 'p',
                                         'v6-fixed-ip': 'fd00::1'}])
        self.assertIn("'nets[0].v6-fixed-ip'", error['detail'])

    def test_nets_repeated_network(self):
        error = self.create_error(nets=[{'network': 'a'},
                                        {'network': 'a'}])
        self.assertIn("'nets[1].network'", error['detail'])

    def test_nets_absent_stored_empty(self):
        self.assertIsNone(self.stored(self.create()).requested_networks)

    def test_nets_bad_address(self):
        error = self.create_error(nets=[{'network': 'private',
                                         'v4-fixed-ip': '10.0.0'}])
        self.assertIn('nets[0].v4-fixed-ip', error['detail'])
        self.assertIn('IPv4 address', error['detail'])

    def test_nets_unknown_key(self):
        error = self.create_error(nets=[{'network': 'private',
                                         'subnet': 'x'}])
        self.assertIn('subnet', error['detail'])

    def test_security_groups_need_neutron(self):
        error = self.create_error(security_groups=['default', 'web'])
        self.assertIn("'security_groups'", error['detail'])
        self.assertIn('Neutron network driver', error['detail'])

    def test_security_groups_empty_list(self):
        body = self.create(security_groups=[]).json
        self.assertEqual([], body['security_groups'])

    def test_security_groups_default_empty(self):
        self.assertEqual([], self.create().json['security_groups'])

    def test_security_groups_bad_item(self):
        error = self.create_error(security_groups=['default', ''])
        self.assertIn('security_groups[1]', error['detail'])

    def test_exposed_ports_stored(self):
        stored = self.stored(self.create(
            exposed_ports={'80': {}, '53/udp': {}, '443/tcp': {}}))
        self.assertEqual({'80/tcp': {}, '53/udp': {}, '443/tcp': {}},
                         stored.exposed_ports)

    def test_exposed_ports_invalid(self):
        for key in ('0', '65536', 'http', '80/sctp', '\u00b2', '80/',
                    '-1/tcp'):
            error = self.create_error(exposed_ports={key: {}})
            self.assertIn("'exposed_ports'", error['detail'], repr(key))

    def test_exposed_ports_value_object(self):
        self.create_error(exposed_ports={'80': {'HostPort': '8080'}})

    def test_security_groups_with_ports(self):
        error = self.create_error(security_groups=['default'],
                                  exposed_ports={'80': {}})
        self.assertIn('security_groups', error['detail'])


class TestMounts(CreateTestCase):

    def test_volume_source_stored(self):
        mounts = [{'source': 'my-volume', 'destination': '/data'}]
        self.assertEqual(mounts, self.stored(self.create(mounts=mounts))
                         .mounts)

    def test_size_stored_as_integer(self):
        stored = self.stored(self.create(mounts=[
            {'size': '2', 'destination': '/data'}]))
        self.assertEqual(2, stored.mounts[0]['size'])

    def test_bind_mount_base64(self):
        mounts = [{'type': 'bind', 'source': 'aGVsbG8K',
                   'destination': '/etc/motd'}]
        self.assertEqual(mounts, self.stored(self.create(mounts=mounts))
                         .mounts)

    def test_bind_mount_not_base64(self):
        error = self.create_error(mounts=[
            {'type': 'bind', 'source': 'not base64!',
             'destination': '/etc/motd'}])
        self.assertIn('mounts[0].source', error['detail'])

    def test_mount_needs_source_or_size(self):
        error = self.create_error(mounts=[{'destination': '/data'}])
        self.assertIn('mounts[0]', error['detail'])

    def test_bad_sizes_rejected(self):
        for size in ('0', 0, -1, 'x', '1.5', True):
            error = self.create_error(mounts=[
                {'size': size, 'destination': '/data'}])
            self.assertIn('mounts[0]', error['detail'], size)

    def test_relative_destination_rejected(self):
        error = self.create_error(mounts=[{'source': 'v',
                                           'destination': 'data'}])
        self.assertIn('mounts[0].destination', error['detail'])

    def test_missing_destination_rejected(self):
        error = self.create_error(mounts=[{'source': 'v'}])
        self.assertIn('mounts[0].destination', error['detail'])

    def test_unknown_type_rejected(self):
        self.create_error(mounts=[{'source': 'v', 'destination': '/d',
                                   'type': 'tmpfs'}])


class TestOtherFields(CreateTestCase):

    def test_healthcheck_stored_as_test(self):
        body = self.create(healthcheck={'cmd': 'true', 'interval': 5,
                                        'retries': 3, 'timeout': 2}).json
        self.assertEqual({'test': 'true', 'interval': 5, 'retries': 3,
                          'timeout': 2}, body['healthcheck'])

    def test_healthcheck_negative_rejected(self):
        error = self.create_error(healthcheck={'cmd': 'true',
                                               'interval': -1})
        self.assertIn('healthcheck.interval', error['detail'])

    def test_healthcheck_huge_numbers_rejected(self):
        for key, value in (('interval', 1e20), ('timeout', 2 ** 31),
                           ('retries', 99999999999999999999)):
            error = self.create_error(
                healthcheck={'cmd': 'true', key: value})
            self.assertIn('healthcheck.%s' % key, error['detail'], key)
            self.assertIn('2147483647', error['detail'], key)

    def test_healthcheck_needs_cmd(self):
        error = self.create_error(healthcheck={'interval': 1})
        self.assertIn('healthcheck.cmd', error['detail'])

    def test_cpu_policy_enum(self):
        self.assertEqual('dedicated', self.create(
            cpu_policy='dedicated').json['cpu_policy'])
        self.create_error(cpu_policy='exclusive')

    def test_image_driver_enum(self):
        self.create_error(image_driver='glance-v9')

    def test_disk_in_gib(self):
        self.assertEqual(20, self.create(disk='20').json['disk'])

    def test_disk_fraction_rejected(self):
        self.create_error(disk=1.5)

    def test_booleans_strict(self):
        for name in ('interactive', 'auto_remove', 'auto_heal'):
            error = self.create_error(**{name: 'yes'})
            self.assertIn("'%s'" % name, error['detail'], name)

    def test_registry_unknown_400(self):
        error = self.create_error(registry='nowhere')
        self.assertIn("'registry'", error['detail'])

    def test_hints_stored(self):
        stored = self.stored(self.create(hints={'zone': 'a'}))
        self.assertEqual({'zone': 'a'}, stored.hints)

    def test_availability_zone_stored(self):
        stored = self.stored(self.create(availability_zone='az1'))
        self.assertEqual('az1', stored.availability_zone)


class TestCreatePolicy(CreateTestCase):

    def test_privileged_true_403(self):
        error = self.create_error(status=403, privileged=True)
        self.assertIn('container:create:privileged', error['detail'])
        self.compute_api.container_create.assert_not_called()

    def test_privileged_true_403_admin(self):
        self.create_error(status=403, privileged=True, roles='admin')

    def test_privileged_false_allowed(self):
        self.create(privileged=False)

    def test_privileged_when_policy_allows(self):
        self.set_policy({'container:create:privileged': '@'})
        stored = self.stored(self.create(privileged=True))
        self.assertTrue(stored.privileged)

    def test_admin_only_fields_403(self):
        for name, value in (('runtime', 'runc'),
                            ('image_pull_policy', 'always'),
                            ('host', 'fake-host')):
            error = self.create_error(status=403, **{name: value})
            self.assertIn('container:create:', error['detail'], name)

    def test_runtime_for_admin(self):
        stored = self.stored(self.create(runtime='runsc', roles='admin'))
        self.assertEqual('runsc', stored.runtime)

    def test_runtime_too_long(self):
        self.create_error(runtime='r' * 33, roles='admin')

    def test_image_pull_policy_for_admin(self):
        stored = self.stored(self.create(image_pull_policy='never',
                                         roles='admin'))
        self.assertEqual('never', stored.image_pull_policy)

    def test_image_pull_policy_enum(self):
        self.create_error(image_pull_policy='sometimes', roles='admin')

    def test_host_for_admin(self):
        dbapi.service_create(None, {
            'host': 'compute-1', 'binary': consts.COMPUTE_BINARY,
            'disabled': False, 'forced_down': False, 'report_count': 0})
        self.create(host='compute-1', roles='admin')
        self.compute_api.container_create.assert_called_once_with(
            mock.ANY, mock.ANY, False, 'compute-1')

    def test_unknown_host_400(self):
        error = self.create_error(host='nowhere', roles='admin')
        self.assertIn('nowhere', error['detail'])

    def test_create_policy_denied(self):
        self.set_policy({'container:create': '!'})
        self.create(status=403)


class TestImageReference(CreateTestCase):

    def test_valid_references_pass(self):
        for image in ('busybox', 'busybox:1.36', 'library/ubuntu:22.04',
                      '127.0.0.1:5050/busybox:latest',
                      'registry.example.com/team/app@sha256:' + 'a' * 64):
            self.create(image=image)

    def test_invalid_references_rejected(self):
        for image in ('busybox:', 'Ubuntu', '-a', 'busybox::x', '/busybox',
                      'busybox/', 'busybox@sha256:xyz'):
            error = self.create_error(image=image)
            self.assertIn('image', error['detail'])
            self.assertIn('valid image reference', error['detail'])


class TestAutoRemoveRestart(CreateTestCase):

    def test_auto_remove_with_always_rejected(self):
        error = self.create_error(auto_remove=True,
                                  restart_policy={'Name': 'always'})
        self.assertIn('auto_remove', error['detail'])
        self.assertIn("'always'", error['detail'])

    def test_auto_remove_with_no_passes(self):
        self.create(auto_remove=True, restart_policy={'Name': 'no'})
