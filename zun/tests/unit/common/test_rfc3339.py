"""Tests of RFC 3339 parsing with nanoseconds."""

from zun.common import rfc3339
from zun.tests import base

# 2024-05-01T12:00:00Z in seconds since the Unix epoch.
NOON = 1714564800
NS = rfc3339.NS_PER_SECOND


class TestParseNs(base.TestCase):

    def test_utc_zone(self):
        self.assertEqual(NOON * NS, rfc3339.parse_ns('2024-05-01T12:00:00Z'))

    def test_no_zone_is_utc(self):
        self.assertEqual(NOON * NS, rfc3339.parse_ns('2024-05-01T12:00:00'))

    def test_positive_offset(self):
        self.assertEqual(NOON * NS,
                         rfc3339.parse_ns('2024-05-01T14:00:00+02:00'))

    def test_negative_offset(self):
        self.assertEqual(NOON * NS,
                         rfc3339.parse_ns('2024-05-01T06:30:00-05:30'))

    def test_nanoseconds_kept(self):
        self.assertEqual(NOON * NS + 123456789,
                         rfc3339.parse_ns('2024-05-01T12:00:00.123456789Z'))

    def test_short_fraction(self):
        self.assertEqual(NOON * NS + 500000000,
                         rfc3339.parse_ns('2024-05-01T12:00:00.5Z'))

    def test_lowercase_and_space(self):
        self.assertEqual(NOON * NS, rfc3339.parse_ns('2024-05-01 12:00:00z'))
        self.assertEqual(NOON * NS, rfc3339.parse_ns('2024-05-01t12:00:00Z'))

    def test_engine_zero_time(self):
        self.assertLess(rfc3339.parse_ns('0001-01-01T00:00:00Z'), 0)

    def test_invalid_texts(self):
        for text in ('', 'yesterday', '2024-05-01', '2024-05-01T12:00Z',
                     '2024-02-30T00:00:00Z', '2024-05-01T24:00:00Z',
                     '2024-05-01T12:00:60Z', '2024-05-01T12:00:00+24:00',
                     '2024-05-01T12:00:00.1234567890Z',
                     '2024-05-01T12:00:00 Z', '１９７０-01-01T00:00:00Z'):
            self.assertRaises(ValueError, rfc3339.parse_ns, text)
