"""The request parsers and validation helpers, without HTTP."""

import itertools

import webob

from zun.api import parsers
from zun.api import validation
from zun.api.schemas import containers as schema
from zun.api.schemas import parameter_types as types
from zun.common import consts
from zun.common import exception
from zun.common import policy
from zun.tests import base


class TestNumberParsers(base.TestCase):

    def test_cpu_converts_then_checks(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  parsers.parse_cpu, '0.05')
        self.assertIn('between 0.1 and 16.0', str(error))

    def test_cpu_exponent_accepted(self):
        self.assertEqual(2.0, parsers.parse_cpu('2e0'))

    def test_cpu_unicode_digits_rejected(self):
        for value in ('\u0661', '\uff11', '1_0'):
            self.assertRaises(exception.InvalidParameterValue,
                              parsers.parse_cpu, value)

    def test_memory_units(self):
        cases = (('512', 512), ('512m', 512), ('1g', 1024), ('1.5G', 1536),
                 ('1024K', 1), ('1048576b', 1), ('.5g', 512), (2, 2),
                 ('  64M  ', 64))
        for value, mib in cases:
            self.assertEqual(mib, parsers.memory_to_mib(value), value)

    def test_memory_fraction_rejected(self):
        for value in ('1k', '1.5', 0.25, '1537k'):
            error = self.assertRaises(exception.InvalidParameterValue,
                                      parsers.memory_to_mib, value)
            self.assertIn('whole number of MiB', str(error), value)

    def test_memory_range_after_conversion(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  parsers.parse_memory, '1024K')
        self.assertIn('not 1 MiB', str(error))

    def test_memory_range_follows_config(self):
        self.conf.config(minimum_memory=4)
        self.assertEqual(4, parsers.parse_memory('4m'))

    def test_disk_whole_gib(self):
        self.assertEqual(10, parsers.parse_disk('10'))
        self.assertRaises(exception.InvalidParameterValue,
                          parsers.parse_disk, '10.5')

    def test_int_rejects_boolean(self):
        self.assertRaises(exception.InvalidParameterValue,
                          validation.parse_int, True, 'limit')

    def test_int_accepts_whole_float(self):
        self.assertEqual(5, validation.parse_int(5.0, 'timeout'))

    def test_int_range_message(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.parse_int, '0', 'limit',
                                  minimum=1)
        self.assertIn('must be at least 1', str(error))


class TestStructuredParsers(base.TestCase):

    def test_restart_policy_normalized(self):
        policy = parsers.parse_restart_policy(
            {'Name': 'on-failure', 'MaximumRetryCount': ' 4 '})
        self.assertEqual({'Name': 'on-failure', 'MaximumRetryCount': '4'},
                         policy)

    def test_restart_superscript_rejected(self):
        self.assertRaises(exception.InvalidParameterValue,
                          parsers.parse_restart_policy,
                          {'Name': 'on-failure',
                           'MaximumRetryCount': '\u00b2'})

    def test_exposed_ports_default_tcp(self):
        self.assertEqual({'22/tcp': {}},
                         parsers.parse_exposed_ports({'22': {}}))

    def test_exposed_ports_leading_zero(self):
        self.assertEqual({'80/tcp': {}},
                         parsers.parse_exposed_ports({'080': {}}))

    def test_exposed_ports_empty_protocol(self):
        self.assertRaises(exception.InvalidParameterValue,
                          parsers.parse_exposed_ports, {'80/': {}})

    def test_healthcheck_whole_numbers(self):
        check = parsers.parse_healthcheck({'cmd': 'true', 'interval': 5.0})
        self.assertIsInstance(check['interval'], int)

    def test_mount_size_string(self):
        mounts = parsers.parse_mounts([{'destination': '/d', 'size': '3'}])
        self.assertEqual(3, mounts[0]['size'])

    def test_mount_source_and_size(self):
        mount = {'destination': '/d', 'size': '3', 'source': 'vol'}
        self.assertEqual('vol', parsers.parse_mounts([mount])[0]['source'])

    def test_bind_needs_source(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  parsers.parse_mounts,
                                  [{'destination': '/d', 'type': 'bind'}])
        self.assertIn('mounts[0].source', str(error))

    def test_command_split(self):
        self.assertEqual(['sh', '-c', 'a b'],
                         parsers.parse_command_string('sh -c "a b"'))


class TestValidate(base.TestCase):

    def test_pattern_matches_whole_value(self):
        self.assertRaises(exception.InvalidParameterValue,
                          validation.validate, types.container_name,
                          'ab\n', 'name')

    def test_pattern_no_partial_match(self):
        self.assertRaises(exception.InvalidParameterValue,
                          validation.validate, types.workdir, 'a/b',
                          'workdir')

    def test_key_error_names_key(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate, types.environment,
                                  {'A=B': 'x'}, 'environment')
        self.assertIn("key 'A=B'", str(error))

    def test_required_names_nested_field(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate, types.healthcheck,
                                  {}, 'healthcheck')
        self.assertIn("'healthcheck.cmd': is required", str(error))

    def test_unknown_key_lists_allowed(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate, types.restart_policy,
                                  {'Name': 'no', 'Count': 1},
                                  'restart_policy')
        self.assertIn('Count', str(error))
        self.assertIn('MaximumRetryCount', str(error))

    def test_empty_string_message(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.validate, types.host, '',
                                  'host')
        self.assertIn('must not be empty', str(error))

    def test_query_params_repeated_name(self):
        request = webob.Request.blank('/v1/containers?limit=1&limit=2')
        error = self.assertRaises(exception.InvalidParameterValue,
                                  validation.query_params, request,
                                  ('limit',))
        self.assertIn('more than once', str(error))


class TestCreateFieldTable(base.TestCase):

    def test_no_overlapping_ranges(self):
        for name in {field.name for field in schema.CREATE_FIELDS}:
            ranges = sorted((field.min_version, field.max_version)
                            for field in schema.CREATE_FIELDS
                            if field.name == name)
            for (_, end), (start, _) in itertools.pairwise(ranges):
                self.assertLess(end, start, name)

    def test_policies_are_registered(self):
        enforcer = policy.get_enforcer()
        for field in schema.CREATE_FIELDS:
            if field.policy:
                self.assertIn(field.policy, enforcer.registered_rules,
                              field.name)

    def test_served_actions_have_state_rules(self):
        for action in ('start', 'stop', 'delete', 'delete_stop',
                       'delete_force', 'network_attach', 'network_detach',
                       'add_security_group', 'remove_security_group'):
            self.assertIn(action, consts.ALLOWED_STATUSES)
            self.assertIn(action, consts.ACTION_TASK_STATES)

    def test_archive_actions_need_no_claim(self):
        for action in ('get_archive', 'put_archive'):
            self.assertIn(action, consts.ALLOWED_STATUSES)
            self.assertNotIn(action, consts.ACTION_TASK_STATES)

class TestActionParsers(base.TestCase):

    def test_signal_names_normalized(self):
        for given in ('SIGKILL', 'KILL', 'kill', 'sigkill', ' Kill '):
            self.assertEqual('SIGKILL', parsers.parse_signal(given), given)

    def test_signal_numbers_kept(self):
        for given, expected in (('9', '9'), (15, '15'), ('+1', '1'),
                                ('64', '64')):
            self.assertEqual(expected, parsers.parse_signal(given))

    def test_missing_signal_default(self):
        for given in (None, '', 'None'):
            self.assertIsNone(parsers.parse_signal(given))

    def test_signal_range_after_conversion(self):
        for given in ('0', '65', '-9', 0, 65, '0009999'):
            self.assertRaises(exception.InvalidParameterValue,
                              parsers.parse_signal, given)

    def test_unknown_signal_names(self):
        for given in ('SIGFOO', 'SIG', 'SIG_DFL', 'SIGKILL+1', True, 9.0):
            self.assertRaises(exception.InvalidParameterValue,
                              parsers.parse_signal, given)

    def test_repositories_accepted(self):
        for value in ('repo', 'team/app', 'registry:5000/team/app',
                      'a.b-c__d', 'localhost/x'):
            self.assertEqual(value, parsers.parse_repository(value))

    def test_repositories_rejected(self):
        for value in (None, '', 'Repo', 'a//b', 'a/', '-a', 'a b',
                      'a' * 256, 'a:tag'):
            self.assertRaises(exception.InvalidParameterValue,
                              parsers.parse_repository, value)

    def test_tags(self):
        self.assertEqual('latest', parsers.parse_tag(None))
        self.assertEqual('v1.0_rc-2', parsers.parse_tag('v1.0_rc-2'))
        for value in ('-x', '.x', 't' * 129, 'a/b', 'a:b'):
            self.assertRaises(exception.InvalidParameterValue,
                              parsers.parse_tag, value)

    def test_volume_source_names(self):
        parsers.parse_mounts([{'source': 'data.v1_x-y',
                               'destination': '/d'}])
        for source in ('../etc', 'a/b', '-x', 'x' * 129, 'a:b'):
            error = self.assertRaises(
                exception.InvalidParameterValue, parsers.parse_mounts,
                [{'source': source, 'destination': '/d'}])
            self.assertIn('mounts[0].source', error.format_message())
