"""Policy enforcement with oslo.policy and the rules defined in code."""

import threading

from oslo_config import cfg
from oslo_log import log as logging
from oslo_policy import policy

from zun.common import exception
from zun.common import policies

LOG = logging.getLogger(__name__)

_ENFORCER = None
_LOCK = threading.Lock()


def get_enforcer():
    """Return the process-wide enforcer, loading the rules on first use."""
    global _ENFORCER
    with _LOCK:
        if _ENFORCER is None:
            _ENFORCER = policy.Enforcer(cfg.CONF)
            _ENFORCER.register_defaults(policies.list_rules())
            _ENFORCER.load_rules()
    return _ENFORCER


def reset():
    """Drop the enforcer so that the next check reloads every rule."""
    global _ENFORCER
    with _LOCK:
        if _ENFORCER is not None:
            _ENFORCER.clear()
        _ENFORCER = None


def _credentials(context):
    creds = context.to_policy_values()
    creds['is_admin'] = context.is_admin
    return creds


def authorize(context, rule, target, do_raise=True):
    """Check ``rule`` for ``context`` against ``target``.

    :raises PolicyNotAuthorized: when the rule fails and do_raise is true,
        also when the token's scope is not one of the rule's scope types.
    :returns: True when the rule passes, False when it fails and do_raise
        is false.
    """
    enforcer = get_enforcer()
    try:
        return enforcer.authorize(
            rule, target, _credentials(context), do_raise=do_raise,
            exc=exception.PolicyNotAuthorized, action=rule)
    except policy.PolicyNotRegistered:
        LOG.exception('Policy rule %s is not registered', rule)
        raise
    except policy.InvalidScope:
        # A system- or domain-scoped token on a project rule: a 403 like
        # any other denial, not a server error.
        LOG.debug('Policy %s denied for user %s: the rule needs a token '
                  'scoped to a project', rule, context.user_id)
        raise exception.PolicyNotAuthorized(action=rule)
    except exception.PolicyNotAuthorized:
        LOG.debug('Policy %s denied for user %s in project %s',
                  rule, context.user_id, context.project_id)
        raise


def check_is_admin(context):
    """Return whether the context passes the ``context_is_admin`` rule."""
    enforcer = get_enforcer()
    target = {'user_id': context.user_id, 'project_id': context.project_id}
    return enforcer.authorize('context_is_admin', target,
                              _credentials_without_admin(context))


def _credentials_without_admin(context):
    # The admin flag is being computed, so it must not feed into itself.
    creds = context.to_policy_values()
    creds['is_admin'] = False
    return creds
