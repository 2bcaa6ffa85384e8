"""Tests of the request context."""

from zun.common import context as zun_context
from zun.tests import base


class TestRequestContext(base.TestCase):

    def test_admin_from_roles(self):
        context = self.make_context(roles=['admin'])
        self.assertTrue(context.is_admin)

    def test_member_not_admin(self):
        self.assertFalse(self.make_context(roles=['member']).is_admin)

    def test_no_roles_not_admin(self):
        self.assertFalse(self.make_context(roles=[]).is_admin)

    def test_explicit_is_admin_kept(self):
        context = self.make_context(roles=['member'], is_admin=True)
        self.assertTrue(context.is_admin)

    def test_explicit_not_admin_kept(self):
        context = self.make_context(roles=['admin'], is_admin=False)
        self.assertFalse(context.is_admin)

    def test_all_projects_default(self):
        self.assertFalse(self.make_context().all_projects)

    def test_to_dict_has_all_projects(self):
        context = self.make_context(all_projects=True)
        self.assertTrue(context.to_dict()['all_projects'])

    def test_from_dict_keeps_all_projects(self):
        context = self.make_context(all_projects=True)
        copy = zun_context.RequestContext.from_dict(context.to_dict())
        self.assertTrue(copy.all_projects)

    def test_from_dict_keeps_identity(self):
        context = self.make_context(roles=['admin', 'member'])
        copy = zun_context.RequestContext.from_dict(context.to_dict())
        self.assertEqual(context.user_id, copy.user_id)
        self.assertEqual(context.project_id, copy.project_id)
        self.assertEqual(context.request_id, copy.request_id)
        self.assertEqual(['admin', 'member'], copy.roles)
        self.assertTrue(copy.is_admin)

    def test_from_dict_without_all_projects(self):
        values = self.make_context().to_dict()
        del values['all_projects']
        copy = zun_context.RequestContext.from_dict(values)
        self.assertFalse(copy.all_projects)

    def test_from_dict_override_wins(self):
        values = self.make_context(all_projects=True).to_dict()
        copy = zun_context.RequestContext.from_dict(values,
                                                    all_projects=False)
        self.assertFalse(copy.all_projects)

    def test_elevated_is_admin(self):
        elevated = self.context.elevated()
        self.assertTrue(elevated.is_admin)
        self.assertIn('admin', elevated.roles)

    def test_elevated_keeps_original(self):
        self.context.elevated()
        self.assertFalse(self.context.is_admin)
        self.assertNotIn('admin', self.context.roles)

    def test_admin_context(self):
        context = zun_context.get_admin_context()
        self.assertTrue(context.is_admin)
        self.assertTrue(context.all_projects)
        self.assertIsNone(context.project_id)

    def test_admin_context_one_project(self):
        context = zun_context.get_admin_context(all_projects=False)
        self.assertFalse(context.all_projects)
