"""Base rules that the resource rules refer to."""

from oslo_policy import policy

ROLE_ADMIN = 'role:admin'
RULE_ADMIN_OR_OWNER = 'rule:admin_or_owner'
RULE_ADMIN_API = 'rule:context_is_admin'
RULE_DENY_EVERYBODY = 'rule:deny_everybody'

rules = [
    policy.RuleDefault(
        name='context_is_admin',
        check_str=ROLE_ADMIN,
        description='Whether the caller is a cloud administrator.'),
    policy.RuleDefault(
        name='admin_or_owner',
        check_str='rule:context_is_admin or project_id:%(project_id)s',
        description='An administrator, or a member of the project that '
                    'owns the resource.'),
    policy.RuleDefault(
        name='admin_api',
        check_str=RULE_ADMIN_API,
        description='Cloud administrators only.'),
    policy.RuleDefault(
        name='deny_everybody',
        check_str='!',
        description='Nobody; an operator overrides a rule that refers to '
                    'this one to grant it.'),
]


def list_rules():
    return rules
