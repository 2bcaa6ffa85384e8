"""Tests of the parsers of logs, top and execute parameters."""

from zun.api import inspection_parsers as parsers
from zun.common import exception
from zun.tests import base

Invalid = exception.InvalidParameterValue


class TestParseTail(base.TestCase):

    def test_all_is_none(self):
        for value in ('all', 'ALL', ' all '):
            self.assertIsNone(parsers.parse_tail(value))

    def test_numbers(self):
        self.assertEqual(0, parsers.parse_tail('0'))
        self.assertEqual(25, parsers.parse_tail('25'))
        self.assertEqual(7, parsers.parse_tail(7))

    def test_maximum_accepted(self):
        self.assertEqual(parsers.MAX_TAIL,
                         parsers.parse_tail(str(parsers.MAX_TAIL)))

    def test_invalid_values(self):
        for value in ('-1', '', 'x', '1.5', '1e3', str(parsers.MAX_TAIL + 1),
                      True, None, [3], '9' * 40, '٣'):
            error = self.assertRaises(Invalid, parsers.parse_tail, value)
            self.assertIn("'tail'", str(error), value)

    def test_range_checked_after_conversion(self):
        error = self.assertRaises(Invalid, parsers.parse_tail, '-0005')
        self.assertIn('at least 0', str(error))


class TestParseSince(base.TestCase):

    def test_unix_seconds(self):
        self.assertEqual(1700000000.0, parsers.parse_since('1700000000'))

    def test_unix_fraction(self):
        self.assertEqual(1700000000.25,
                         parsers.parse_since('1700000000.25'))

    def test_json_number(self):
        self.assertEqual(1700000000.5, parsers.parse_since(1700000000.5))

    def test_rfc3339_zone(self):
        self.assertEqual(1714564800.5,
                         parsers.parse_since('2024-05-01T14:00:00.5+02:00'))

    def test_rfc3339_without_zone_is_utc(self):
        self.assertEqual(1714564800.0,
                         parsers.parse_since('2024-05-01T12:00:00'))

    def test_zero_means_everything(self):
        self.assertIsNone(parsers.parse_since('0'))
        self.assertIsNone(parsers.parse_since('1970-01-01T00:00:00Z'))

    def test_empty_rejected(self):
        for value in ('', '   '):
            error = self.assertRaises(Invalid, parsers.parse_since, value)
            self.assertIn('must not be empty', str(error))

    def test_malformed_rejected(self):
        for value in ('yesterday', '-5', '1e9', '1700000000.', '.5',
                      '2024-05-01', '2024-13-01T00:00:00Z', 'None',
                      '1700000000.1234567891', True, None, ['1']):
            error = self.assertRaises(Invalid, parsers.parse_since, value)
            self.assertIn("'since'", str(error), value)

    def test_before_epoch_rejected(self):
        error = self.assertRaises(Invalid, parsers.parse_since,
                                  '1969-12-31T23:59:59Z')
        self.assertIn('before 1970', str(error))

    def test_after_year_9999_rejected(self):
        error = self.assertRaises(Invalid, parsers.parse_since,
                                  '999999999999')
        self.assertIn('after 9999', str(error))


class TestParseLogsParams(base.TestCase):

    def test_defaults(self):
        self.assertEqual({'stdout': True, 'stderr': True,
                          'timestamps': False, 'tail': None, 'since': None},
                         parsers.parse_logs_params({}))

    def test_zunclient_strings(self):
        options = parsers.parse_logs_params({
            'stdout': 'True', 'stderr': 'False', 'timestamps': 'True',
            'tail': '10', 'since': '1700000000'})
        self.assertEqual({'stdout': True, 'stderr': False,
                          'timestamps': True, 'tail': 10,
                          'since': 1700000000.0}, options)

    def test_both_streams_off_rejected(self):
        error = self.assertRaises(Invalid, parsers.parse_logs_params,
                                  {'stdout': 'false', 'stderr': 'false'})
        self.assertIn('at least one', str(error))

    def test_bad_boolean_named(self):
        for name in ('stdout', 'stderr', 'timestamps'):
            error = self.assertRaises(Invalid, parsers.parse_logs_params,
                                      {name: 'maybe'})
            self.assertIn("'%s'" % name, str(error))


class TestParsePsArgs(base.TestCase):

    def test_default_values(self):
        for value in (None, '', '   ', 'None'):
            self.assertIsNone(parsers.parse_ps_args(value))

    def test_allowed_arguments(self):
        for value in ('aux', '-ef', '-e -f', 'auxww', '-eLf', '-o pid,comm',
                      '-opid,comm', '-o pid -o comm', '-O rss', 'O rss',
                      'o pid,args', '--format=pid,%cpu', '--format pid',
                      '-e --sort=-pcpu', '--sort +rss,-pid', '-p 1,2',
                      'p 1', '--pid=7', '-ef --forest', '-ef --cols 200',
                      '--width=120 -e', '-eo pid,user,etime,args'):
            self.assertEqual(' '.join(value.split()),
                             parsers.parse_ps_args(value), value)

    def test_spaces_normalized(self):
        self.assertEqual('-e -f', parsers.parse_ps_args('  -e \t -f  '))

    def test_rejected_arguments(self):
        for value in ('aux;id', '$(id)', '`id`', '-ef | cat', 'auxe', 'e',
                      'h', '--no-headers', '-o comm', 'L', '-',
                      '-o pid,environ', '-o', '--format=', '-p x',
                      '--sort=secret', '--cols 99999', '--info', '-Z',
                      '-o pid=HEADER', '../../etc/passwd', '--pid=1;2'):
            error = self.assertRaises(Invalid, parsers.parse_ps_args, value)
            self.assertIn("'ps_args'", str(error), value)

    def test_format_needs_pid(self):
        error = self.assertRaises(Invalid, parsers.parse_ps_args,
                                  '-o user,comm')
        self.assertIn('pid column', str(error))

    def test_added_columns_keep_pid(self):
        self.assertEqual('-O comm', parsers.parse_ps_args('-O comm'))

    def test_too_long_rejected(self):
        error = self.assertRaises(Invalid, parsers.parse_ps_args,
                                  ' '.join(['-e'] * 100))
        self.assertIn('at most', str(error))

    def test_non_string_rejected(self):
        self.assertRaises(Invalid, parsers.parse_ps_args, ['aux'])


class TestParseExecCommand(base.TestCase):

    def test_string_split(self):
        self.assertEqual(['sh', '-c', 'echo a b'],
                         parsers.parse_exec_command("sh -c 'echo a b'"))

    def test_zunclient_quoting(self):
        self.assertEqual(['echo', 'a b'],
                         parsers.parse_exec_command('"echo" "a b"'))

    def test_list_kept(self):
        self.assertEqual(['echo', 'a b'],
                         parsers.parse_exec_command(['echo', 'a b']))

    def test_missing_rejected(self):
        error = self.assertRaises(Invalid, parsers.parse_exec_command, None)
        self.assertIn('is required', str(error))

    def test_empty_rejected(self):
        for value in ('', '   ', '""', [], ['']):
            error = self.assertRaises(Invalid, parsers.parse_exec_command,
                                      value)
            self.assertIn('must not be empty', str(error), value)

    def test_unbalanced_quote_rejected(self):
        error = self.assertRaises(Invalid, parsers.parse_exec_command,
                                  'echo "a')
        self.assertIn('cannot be split', str(error))

    def test_wrong_types_rejected(self):
        for value in (5, True, {'a': 1}, ['echo', 5]):
            error = self.assertRaises(Invalid, parsers.parse_exec_command,
                                      value)
            self.assertIn("'command'", str(error))

    def test_too_long_rejected(self):
        for value in ('x' * 65536, ['x' * 40000, 'y' * 40000]):
            error = self.assertRaises(Invalid, parsers.parse_exec_command,
                                      value)
            self.assertIn('at most', str(error))
