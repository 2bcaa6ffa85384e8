"""Base classes of the unit tests."""

import os

import fixtures
from oslo_config import cfg
from oslo_config import fixture as config_fixture
from oslo_policy import policy as oslo_policy
import testtools

from zun import conf  # noqa: F401  (registers the options)
from zun import objects
from zun.common import config
from zun.common import context as zun_context
from zun.common import policy
from zun.db import api as dbapi
from zun.db.sqlalchemy import models

CONF = cfg.CONF

config.set_lib_defaults()
objects.register_all()


class TestCase(testtools.TestCase):
    """Base of the unit tests: clean configuration and policy per test."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.Timeout(60, gentle=True))
        self.conf = self.useFixture(config_fixture.Config(CONF))
        # Parse an empty command line, so that file lookups (policy, paste)
        # work without reading any configuration file of the machine.
        CONF([], project='zun', default_config_files=[])
        self.conf.config(host='fake-host')
        policy.reset()
        self.addCleanup(policy.reset)
        self.context = self.make_context()
        self.admin_context = self.make_context(
            user_id='admin-user', project_id='admin-project',
            roles=['admin'])

    @staticmethod
    def make_context(user_id='fake-user', project_id='fake-project',
                     roles=('member',), **kwargs):
        """Return a request context of a user with ``roles``."""
        return zun_context.RequestContext(
            user_id=user_id, project_id=project_id, roles=list(roles),
            request_id='req-test-%s' % user_id, **kwargs)

    def set_policy(self, rules):
        """Override policy rules for this test, e.g. {'rule': '!'}."""
        enforcer = policy.get_enforcer()
        enforcer.set_rules(oslo_policy.Rules.from_dict(rules),
                           overwrite=False, use_conf=False)


class DbTestCase(TestCase):
    """A test with an empty database in a temporary SQLite file."""

    def setUp(self):
        super().setUp()
        directory = self.useFixture(fixtures.TempDir()).path
        dbapi.dispose_engine()
        self.addCleanup(dbapi.dispose_engine)
        self.conf.config(
            connection='sqlite:///%s' % os.path.join(directory, 'zun.db'),
            group='database')
        models.Base.metadata.create_all(dbapi.get_engine())
