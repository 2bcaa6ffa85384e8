"""Tests of the policy rules in code and their defaults."""

from oslo_policy import policy as oslo_policy

from zun.common import exception
from zun.common import policies
from zun.common import policy
from zun.tests import base

# Every container rule that the API may check, with its default.
OWNER_RULES = (
    'create', 'delete', 'get_one', 'get_all', 'update', 'start', 'stop',
    'reboot', 'rebuild', 'pause', 'unpause', 'logs', 'execute',
    'execute_resize', 'kill', 'rename', 'attach', 'resize',
    'resize_container', 'top', 'get_archive', 'put_archive', 'stats',
    'commit', 'add_security_group', 'remove_security_group',
    'network_attach', 'network_detach', 'network_list', 'actions',
)
ADMIN_RULES = (
    'create:runtime', 'create:requested_destination',
    'create:image_pull_policy', 'delete_all_projects', 'delete_force',
    'get_one_all_projects', 'get_all_all_projects', 'get_one:host',
    'get_one:image_pull_policy', 'get_one:privileged', 'get_one:runtime',
    'action:events',
)
DENIED_RULES = ('create:privileged',)


def _container_rules(names):
    return ['container:%s' % name for name in names]


class TestPolicyRegistration(base.TestCase):

    def test_container_rules_registered(self):
        registered = {rule.name for rule in policies.list_rules()}
        for name in _container_rules(OWNER_RULES + ADMIN_RULES
                                     + DENIED_RULES):
            self.assertIn(name, registered)

    def test_no_unexpected_container_rules(self):
        known = set(_container_rules(OWNER_RULES + ADMIN_RULES
                                     + DENIED_RULES))
        registered = {rule.name for rule in policies.list_rules()
                      if rule.name.startswith('container:')}
        self.assertEqual(set(), registered - known)

    def test_rule_names_unique(self):
        names = [rule.name for rule in policies.list_rules()]
        self.assertEqual(len(names), len(set(names)))

    def test_rules_have_descriptions(self):
        for rule in policies.list_rules():
            self.assertTrue(rule.description, rule.name)

    def test_container_rules_documented(self):
        for rule in policies.list_rules():
            if rule.name.startswith('container:'):
                self.assertIsInstance(rule, oslo_policy.DocumentedRuleDefault,
                                      rule.name)

    def test_enforcer_knows_rules(self):
        enforcer = policy.get_enforcer()
        for name in _container_rules(OWNER_RULES + ADMIN_RULES):
            self.assertIn(name, enforcer.registered_rules)


class TestPolicyDefaults(base.TestCase):

    def setUp(self):
        super().setUp()
        self.owner = self.make_context(project_id='p1')
        self.stranger = self.make_context(user_id='other-user',
                                          project_id='p2')
        self.target = {'project_id': 'p1', 'user_id': 'fake-user'}

    def _allowed(self, context, rule, target=None):
        return context.can(rule, target or self.target, fatal=False)

    def test_privileged_denied_to_admin(self):
        self.assertFalse(self._allowed(self.admin_context,
                                       'container:create:privileged'))

    def test_privileged_denied_to_owner(self):
        self.assertFalse(self._allowed(self.owner,
                                       'container:create:privileged'))

    def test_admin_rules_allow_admin(self):
        for name in _container_rules(ADMIN_RULES):
            self.assertTrue(self._allowed(self.admin_context, name), name)

    def test_admin_rules_deny_owner(self):
        for name in _container_rules(ADMIN_RULES):
            self.assertFalse(self._allowed(self.owner, name), name)

    def test_owner_rules_allow_owner(self):
        for name in _container_rules(OWNER_RULES):
            self.assertTrue(self._allowed(self.owner, name), name)

    def test_owner_rules_deny_stranger(self):
        for name in _container_rules(OWNER_RULES):
            self.assertFalse(self._allowed(self.stranger, name), name)

    def test_owner_rules_allow_admin(self):
        for name in _container_rules(OWNER_RULES):
            self.assertTrue(self._allowed(self.admin_context, name), name)

    def test_default_target_is_own_project(self):
        self.assertTrue(self.stranger.can('container:get_all'))

    def test_operator_override(self):
        self.set_policy({'container:create:privileged': 'role:admin'})
        self.assertTrue(self._allowed(self.admin_context,
                                      'container:create:privileged'))

    def test_override_to_deny(self):
        self.set_policy({'container:start': '!'})
        self.assertFalse(self._allowed(self.owner, 'container:start'))

    def test_unregistered_rule_raises(self):
        self.assertRaises(oslo_policy.PolicyNotRegistered,
                          self.owner.can, 'container:fly')


class TestPolicyErrors(base.TestCase):

    def test_can_raises_with_rule_name(self):
        error = self.assertRaises(exception.PolicyNotAuthorized,
                                  self.context.can,
                                  'container:delete_force')
        self.assertIn('container:delete_force', str(error))

    def test_error_message_form(self):
        error = self.assertRaises(exception.PolicyNotAuthorized,
                                  self.context.can,
                                  'container:create:runtime')
        self.assertEqual("Policy doesn't allow container:create:runtime to "
                         "be performed.", str(error))

    def test_can_not_fatal(self):
        self.assertFalse(self.context.can('container:delete_force',
                                          fatal=False))

    def test_can_passes(self):
        self.assertTrue(self.context.can('container:create'))

    def test_error_is_forbidden(self):
        error = self.assertRaises(exception.PolicyNotAuthorized,
                                  self.context.can,
                                  'container:delete_force')
        self.assertIsInstance(error, exception.Forbidden)


class TestCheckIsAdmin(base.TestCase):

    def test_admin_role(self):
        self.assertTrue(policy.check_is_admin(self.admin_context))

    def test_member_role(self):
        self.assertFalse(policy.check_is_admin(self.context))

    def test_is_admin_flag_ignored(self):
        context = self.make_context()
        context.is_admin = True
        self.assertFalse(policy.check_is_admin(context))

    def test_reset_reloads_rules(self):
        first = policy.get_enforcer()
        policy.reset()
        self.assertIsNot(first, policy.get_enforcer())
