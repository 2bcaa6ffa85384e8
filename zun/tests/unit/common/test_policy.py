"""Tests of the policy rules in code and their defaults."""

from oslo_policy import policy as oslo_policy

from zun.common import exception
from zun.common import policies
from zun.common import policy
from zun.tests import base

# Every container rule that the API may check, by its default.
READER_RULES = (
    'get_one', 'get_all', 'logs', 'top', 'get_archive', 'stats',
    'network_list', 'actions',
)
MEMBER_RULES = (
    'create', 'delete', 'update', 'start', 'stop', 'reboot', 'rebuild',
    'pause', 'unpause', 'execute', 'execute_resize', 'kill', 'rename',
    'attach', 'resize', 'resize_container', 'put_archive', 'commit',
    'add_security_group', 'remove_security_group', 'network_attach',
    'network_detach',
)
OWNER_RULES = READER_RULES + MEMBER_RULES
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
    """The default of every rule for the personas of a Keystone cloud.

    The role lists are those of Keystone tokens, which contain the implied
    roles: admin implies member, and member implies reader.
    """

    def setUp(self):
        super().setUp()
        self.admin = self.make_context(
            user_id='admin-user', project_id='admin-project',
            roles=['admin', 'member', 'reader'])
        self.owner = self.make_context(project_id='p1',
                                       roles=['member', 'reader'])
        self.reader = self.make_context(user_id='reader-user',
                                        project_id='p1', roles=['reader'])
        self.stranger = self.make_context(user_id='other-user',
                                          project_id='p2',
                                          roles=['member', 'reader'])
        self.target = {'project_id': 'p1', 'user_id': 'fake-user'}

    def _allowed(self, context, rule, target=None):
        return context.can(rule, target or self.target, fatal=False)

    def test_privileged_denied_to_admin(self):
        self.assertFalse(self._allowed(self.admin,
                                       'container:create:privileged'))

    def test_privileged_denied_to_owner(self):
        self.assertFalse(self._allowed(self.owner,
                                       'container:create:privileged'))

    def test_admin_rules_allow_admin(self):
        for name in _container_rules(ADMIN_RULES):
            self.assertTrue(self._allowed(self.admin, name), name)

    def test_admin_rules_deny_owner(self):
        for name in _container_rules(ADMIN_RULES):
            self.assertFalse(self._allowed(self.owner, name), name)

    def test_admin_rules_deny_reader(self):
        for name in _container_rules(ADMIN_RULES):
            self.assertFalse(self._allowed(self.reader, name), name)

    def test_owner_rules_allow_owner(self):
        for name in _container_rules(OWNER_RULES):
            self.assertTrue(self._allowed(self.owner, name), name)

    def test_owner_rules_deny_stranger(self):
        for name in _container_rules(OWNER_RULES):
            self.assertFalse(self._allowed(self.stranger, name), name)

    def test_owner_rules_allow_admin(self):
        for name in _container_rules(OWNER_RULES):
            self.assertTrue(self._allowed(self.admin, name), name)

    def test_admin_role_alone_suffices(self):
        admin = self.make_context(user_id='admin-user',
                                  project_id='admin-project',
                                  roles=['admin'])
        for name in _container_rules(OWNER_RULES + ADMIN_RULES):
            self.assertTrue(self._allowed(admin, name), name)

    def test_reader_rules_allow_reader(self):
        for name in _container_rules(READER_RULES):
            self.assertTrue(self._allowed(self.reader, name), name)

    def test_member_rules_deny_reader(self):
        for name in _container_rules(MEMBER_RULES):
            self.assertFalse(self._allowed(self.reader, name), name)

    def test_member_without_reader_role_reads(self):
        member = self.make_context(project_id='p1', roles=['member'])
        for name in _container_rules(READER_RULES):
            self.assertTrue(self._allowed(member, name), name)

    def test_other_role_denied(self):
        custom = self.make_context(project_id='p1', roles=['observer'])
        for name in _container_rules(OWNER_RULES):
            self.assertFalse(self._allowed(custom, name), name)

    def test_reader_of_other_project_denied(self):
        reader = self.make_context(project_id='p2', roles=['reader'])
        for name in _container_rules(READER_RULES):
            self.assertFalse(self._allowed(reader, name), name)

    def test_default_target_is_own_project(self):
        self.assertTrue(self.stranger.can('container:get_all'))

    def test_reader_cannot_create(self):
        self.assertFalse(self.reader.can('container:create', fatal=False))

    def test_operator_override(self):
        self.set_policy({'container:create:privileged': 'role:admin'})
        self.assertTrue(self._allowed(self.admin,
                                      'container:create:privileged'))

    def test_override_to_deny(self):
        self.set_policy({'container:start': '!'})
        self.assertFalse(self._allowed(self.owner, 'container:start'))

    def test_override_grants_reader(self):
        self.set_policy({'container:stop': 'rule:admin_or_reader'})
        self.assertTrue(self._allowed(self.reader, 'container:stop'))

    def test_legacy_owner_rule_kept(self):
        self.set_policy({'container:stop': 'rule:admin_or_owner'})
        custom = self.make_context(project_id='p1', roles=['observer'])
        self.assertTrue(self._allowed(custom, 'container:stop'))

    def test_unregistered_rule_raises(self):
        self.assertRaises(oslo_policy.PolicyNotRegistered,
                          self.owner.can, 'container:fly')


class TestPolicyScope(base.TestCase):

    def test_container_rules_project_scoped(self):
        for rule in policies.list_rules():
            if rule.name.startswith('container:'):
                self.assertEqual(['project'], rule.scope_types, rule.name)

    def test_container_rules_list_operations(self):
        for rule in policies.list_rules():
            if rule.name.startswith('container:'):
                self.assertTrue(rule.operations, rule.name)

    def test_system_scope_forbidden(self):
        context = self.make_context(project_id=None, roles=['admin'],
                                    system_scope='all')
        error = self.assertRaises(exception.PolicyNotAuthorized,
                                  context.can, 'container:get_all')
        self.assertIn('container:get_all', str(error))

    def test_system_scope_not_fatal(self):
        context = self.make_context(project_id=None, roles=['admin'],
                                    system_scope='all')
        self.assertFalse(context.can('container:get_all', fatal=False))

    def test_domain_scope_forbidden(self):
        context = self.make_context(project_id=None, roles=['admin'],
                                    domain_id='default')
        self.assertRaises(exception.PolicyNotAuthorized,
                          context.can, 'container:create')


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
