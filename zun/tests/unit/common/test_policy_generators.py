"""oslo.policy's generators on zun's rules, run as an operator runs them."""

import os
import subprocess
import sys

import fixtures
import yaml

from zun.common import policies
from zun.tests import base

BIN_DIR = os.path.dirname(sys.executable)
TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                   '..', '..'))


def _container_rules():
    return [rule for rule in policies.list_rules()
            if rule.name.startswith('container:')]


class GeneratorTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.work = self.useFixture(fixtures.TempDir()).path

    def run_program(self, name, *args):
        result = subprocess.run([os.path.join(BIN_DIR, name), *args],
                                capture_output=True, text=True, timeout=60,
                                cwd=TOP)
        self.assertEqual(0, result.returncode, result.stderr)
        return result.stdout


class TestSampleGenerator(GeneratorTestCase):

    def sample(self):
        output = os.path.join(self.work, 'policy.yaml.sample')
        self.run_program('oslopolicy-sample-generator', '--config-file',
                         'etc/zun/zun-policy-generator.conf',
                         '--output-file', output)
        with open(output) as sample:
            return sample.read()

    def test_lists_every_rule(self):
        text = self.sample()
        for rule in policies.list_rules():
            self.assertIn('#"%s": "%s"' % (rule.name, rule.check_str), text)

    def test_shows_scope(self):
        text = self.sample()
        self.assertEqual(len(_container_rules()),
                         text.count('# Intended scope(s): project'))

    def test_shows_operations(self):
        text = self.sample()
        self.assertIn('# POST  /v1/containers/{container_ident}/stop', text)

    def test_sample_is_yaml(self):
        # Every line is a comment, so the sample loads as an empty file.
        self.assertIsNone(yaml.safe_load(self.sample()))


class TestPolicyGenerator(GeneratorTestCase):

    def effective(self, overrides):
        policy_file = os.path.join(self.work, 'policy.yaml')
        with open(policy_file, 'w') as policy:
            yaml.safe_dump(overrides, policy)
        config_file = os.path.join(self.work, 'zun.conf')
        with open(config_file, 'w') as config:
            config.write('[oslo_policy]\npolicy_file = %s\n' % policy_file)
        output = self.run_program('oslopolicy-policy-generator',
                                  '--namespace', 'zun', '--config-file',
                                  config_file)
        return yaml.safe_load(output)

    def test_override_wins(self):
        rules = self.effective({'container:stop': 'rule:admin_or_reader'})
        self.assertEqual('rule:admin_or_reader', rules['container:stop'])

    def test_defaults_kept(self):
        rules = self.effective({'container:stop': 'rule:admin_or_reader'})
        self.assertEqual('rule:admin_or_member', rules['container:start'])

    def test_lists_every_rule(self):
        rules = self.effective({})
        self.assertEqual({rule.name for rule in policies.list_rules()},
                         set(rules))
