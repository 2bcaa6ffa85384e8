"""Policy rules defined in code, one module per resource."""

import itertools

from zun.common.policies import base
from zun.common.policies import container


def list_rules():
    """Return every rule for oslo.policy and its sample generators."""
    return list(itertools.chain(base.list_rules(), container.list_rules()))
