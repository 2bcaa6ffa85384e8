"""Base rules that the resource rules refer to.

The defaults know four personas, all with project-scoped tokens:

* a cloud administrator (role ``admin``), who may do everything except
  what no one may do by default;
* a member of the project that owns a resource (role ``member``), who
  may read it, change it and run code in it;
* a reader of that project (role ``reader``), who may read it but not
  change it;
* anyone in another project, who may do nothing with it.

Keystone's default implied roles make ``admin`` imply ``member`` and
``member`` imply ``reader``, and a token lists the implied roles too. The
reader rule accepts ``member`` as well, so that members keep their read
access in a deployment whose implied roles were removed.
"""

from oslo_policy import policy

ROLE_ADMIN = 'role:admin'
RULE_ADMIN_API = 'rule:context_is_admin'
RULE_ADMIN_OR_MEMBER = 'rule:admin_or_member'
RULE_ADMIN_OR_READER = 'rule:admin_or_reader'
RULE_DENY_EVERYBODY = 'rule:deny_everybody'

PROJECT_MEMBER = 'role:member and project_id:%(project_id)s'
PROJECT_READER = ('(role:reader or role:member) and '
                  'project_id:%(project_id)s')

rules = [
    policy.RuleDefault(
        name='context_is_admin',
        check_str=ROLE_ADMIN,
        description='Whether the caller is a cloud administrator.'),
    policy.RuleDefault(
        name='project_member',
        check_str=PROJECT_MEMBER,
        description='A member of the project that owns the resource.'),
    policy.RuleDefault(
        name='project_reader',
        check_str=PROJECT_READER,
        description='A reader or member of the project that owns the '
                    'resource.'),
    policy.RuleDefault(
        name='admin_or_member',
        check_str='rule:context_is_admin or rule:project_member',
        description='An administrator, or a member of the project that '
                    'owns the resource.'),
    policy.RuleDefault(
        name='admin_or_reader',
        check_str='rule:context_is_admin or rule:project_reader',
        description='An administrator, or a reader or member of the '
                    'project that owns the resource.'),
    policy.RuleDefault(
        name='admin_or_owner',
        check_str='rule:context_is_admin or project_id:%(project_id)s',
        description='An administrator, or anyone with a token of the '
                    'project that owns the resource, whatever their role. '
                    'No default uses it any more; it stays defined for '
                    'policy files that refer to it.'),
    policy.RuleDefault(
        name='admin_api',
        check_str=RULE_ADMIN_API,
        description='Cloud administrators only.'),
    policy.RuleDefault(
        name='deny_everybody',
        check_str='!',
        description='Nobody. An operator grants a rule that refers to this '
                    'one by overriding the rule.'),
]


def list_rules():
    return rules
