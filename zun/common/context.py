"""Request context: who is calling, with which roles, in which request."""

from oslo_context import context

from zun.common import policy


class RequestContext(context.RequestContext):
    """Security context of one request, carried through RPC to zun-compute.

    ``all_projects`` widens lookups and lists to every project; the API sets
    it only after the matching ``*_all_projects`` policy rule passed.
    """

    def __init__(self, all_projects=False, **kwargs):
        super().__init__(**kwargs)
        self.all_projects = all_projects
        if self.is_admin is None or 'is_admin' not in kwargs:
            self.is_admin = policy.check_is_admin(self)

    def to_dict(self):
        values = super().to_dict()
        values['all_projects'] = self.all_projects
        return values

    @classmethod
    def from_dict(cls, values, **kwargs):
        kwargs.setdefault('all_projects', values.get('all_projects', False))
        return super().from_dict(values, **kwargs)

    def can(self, rule, target=None, fatal=True):
        """Check a policy rule against this context.

        :param rule: name of the rule, such as ``container:create``.
        :param target: the object of the request as a dict; defaults to the
            caller's own project and user.
        :param fatal: raise PolicyNotAuthorized on failure when true,
            return False otherwise.
        """
        if target is None:
            target = {'project_id': self.project_id,
                      'user_id': self.user_id}
        return policy.authorize(self, rule, target, do_raise=fatal)

    def elevated(self):
        """Return a copy of this context with the admin flag set."""
        copy = self.__class__.from_dict(self.to_dict())
        copy.is_admin = True
        # from_dict shares the list of roles; a new list keeps the
        # original context as it was.
        copy.roles = list(copy.roles)
        if 'admin' not in copy.roles:
            copy.roles.append('admin')
        return copy


def get_admin_context(all_projects=True):
    """Return a context for work that zun does on its own behalf."""
    return RequestContext(user_id=None, project_id=None, is_admin=True,
                          roles=['admin'], all_projects=all_projects,
                          overwrite=False)
