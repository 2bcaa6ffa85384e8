"""Tests of container lists: filters, scope, sorting and pages."""

import datetime

from oslo_utils import uuidutils

from zun.common import consts
from zun.common import exception
from zun.db import api as dbapi
from zun.tests import base
from zun.tests.unit.db import utils

T0 = datetime.datetime(2024, 5, 1, 12, 0, 0)

# Rows with repeated values and NULLs in every nullable sort column, so that
# each sort key has ties that only the id breaks.
ROWS = [
    dict(name='b', image='busybox', status=consts.RUNNING, task_state=None,
         host='h1', cpu=1.0, memory=512, project_id='p1', user_id='u1',
         created_at=T0, updated_at=None),
    dict(name='a', image=None, status=consts.STOPPED,
         task_state=consts.CONTAINER_STARTING, host=None, cpu=None,
         memory=None, project_id='p2', user_id=None,
         created_at=T0, updated_at=T0),
    dict(name='c', image='alpine', status=None, task_state=None, host='h2',
         cpu=0.5, memory=256, project_id=None, user_id='u2',
         created_at=T0 + datetime.timedelta(seconds=1), updated_at=None),
    dict(name='a', image='busybox', status=consts.RUNNING,
         task_state=consts.CONTAINER_STOPPING, host='h1', cpu=1.0,
         memory=512, project_id='p1', user_id='u1',
         created_at=T0 - datetime.timedelta(seconds=1),
         updated_at=T0 + datetime.timedelta(microseconds=1)),
    dict(name='d', image=None, status=consts.ERROR, task_state=None,
         host=None, cpu=None, memory=128, project_id='p2', user_id='u1',
         created_at=T0, updated_at=T0),
    dict(name='e', image='alpine', status=None, task_state=None, host='h2',
         cpu=2.0, memory=None, project_id=None, user_id=None,
         created_at=T0 + datetime.timedelta(seconds=1), updated_at=None),
    dict(name='c', image='nginx', status=consts.CREATED,
         task_state=consts.CONTAINER_STARTING, host='h3', cpu=0.5,
         memory=256, project_id='p3', user_id='u2',
         created_at=T0 - datetime.timedelta(days=1), updated_at=T0),
    dict(name='f', image='busybox', status=consts.RUNNING, task_state=None,
         host='h1', cpu=1.0, memory=512, project_id='p1', user_id='u3',
         created_at=T0, updated_at=None),
]


def _expected_order(rows, sort_key, sort_dir):
    """Sort like the API promises: NULLs first ascending, ties by id."""
    ordered = sorted(rows, key=lambda row: (getattr(row, sort_key)
                                            is not None,
                                            getattr(row, sort_key)
                                            if getattr(row, sort_key)
                                            is not None else 0,
                                            row.id))
    if sort_dir == 'desc':
        ordered.reverse()
    return [row.uuid for row in ordered]


class TestContainerListPages(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.admin_context.all_projects = True
        self.rows = [utils.create_container(self.admin_context, **values)
                     for values in ROWS]

    def _walk(self, sort_key, sort_dir, limit):
        seen = []
        marker = None
        for _ in range(len(self.rows) + 2):
            page = dbapi.container_list(self.admin_context, limit=limit,
                                        marker=marker, sort_key=sort_key,
                                        sort_dir=sort_dir)
            seen.extend(row.uuid for row in page)
            if len(page) < limit:
                return seen
            marker = page[-1].uuid
        raise AssertionError('paging with %s %s did not end'
                             % (sort_key, sort_dir))

    def test_full_list_order(self):
        for sort_key in dbapi.CONTAINER_SORT_KEYS:
            for sort_dir in ('asc', 'desc'):
                listed = [row.uuid for row in dbapi.container_list(
                    self.admin_context, sort_key=sort_key,
                    sort_dir=sort_dir)]
                expected = _expected_order(self.rows, sort_key, sort_dir)
                self.assertEqual(expected, listed,
                                 '%s %s' % (sort_key, sort_dir))

    def test_pages_match_full_list(self):
        for sort_key in dbapi.CONTAINER_SORT_KEYS:
            for sort_dir in ('asc', 'desc'):
                expected = _expected_order(self.rows, sort_key, sort_dir)
                for limit in (1, 2, 3, len(self.rows)):
                    walked = self._walk(sort_key, sort_dir, limit)
                    self.assertEqual(expected, walked, '%s %s limit %d'
                                     % (sort_key, sort_dir, limit))

    def test_sort_columns_have_nulls(self):
        nullable = set(dbapi.CONTAINER_SORT_KEYS) - {
            'id', 'uuid', 'name', 'created_at'}
        for sort_key in nullable:
            values = [getattr(row, sort_key) for row in self.rows]
            self.assertIn(None, values, sort_key)

    def test_sort_columns_have_ties(self):
        for sort_key in set(dbapi.CONTAINER_SORT_KEYS) - {'id', 'uuid'}:
            values = [getattr(row, sort_key) for row in self.rows
                      if getattr(row, sort_key) is not None]
            self.assertLess(len(set(values)), len(values), sort_key)


class TestContainerList(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.mine = [utils.create_container(self.context, name='c%d' % i)
                     for i in range(3)]
        self.other_context = self.make_context(project_id='other-project')
        self.theirs = utils.create_container(self.other_context,
                                             project_id='other-project',
                                             name='c0')

    def test_list_own_project(self):
        listed = dbapi.container_list(self.context)
        self.assertEqual([row.uuid for row in self.mine],
                         [row.uuid for row in listed])

    def test_admin_lists_own_project(self):
        self.assertEqual([], dbapi.container_list(self.admin_context))

    def test_list_all_projects(self):
        self.context.all_projects = True
        listed = dbapi.container_list(self.context)
        self.assertEqual(4, len(listed))

    def test_filter_exact_match(self):
        dbapi.container_update(self.context, self.mine[1].uuid,
                               {'status': consts.RUNNING})
        listed = dbapi.container_list(self.context,
                                      filters={'status': consts.RUNNING})
        self.assertEqual([self.mine[1].uuid], [row.uuid for row in listed])

    def test_filter_by_name_in_scope(self):
        listed = dbapi.container_list(self.other_context,
                                      filters={'name': 'c0'})
        self.assertEqual([self.theirs.uuid], [row.uuid for row in listed])

    def test_several_filters(self):
        listed = dbapi.container_list(
            self.context, filters={'name': 'c2', 'image': 'busybox:latest'})
        self.assertEqual([self.mine[2].uuid], [row.uuid for row in listed])

    def test_filter_by_boolean(self):
        dbapi.container_update(self.context, self.mine[0].uuid,
                               {'auto_remove': True})
        listed = dbapi.container_list(self.context,
                                      filters={'auto_remove': True})
        self.assertEqual([self.mine[0].uuid], [row.uuid for row in listed])

    def test_limit(self):
        listed = dbapi.container_list(self.context, limit=2)
        self.assertEqual([row.uuid for row in self.mine[:2]],
                         [row.uuid for row in listed])

    def test_marker(self):
        listed = dbapi.container_list(self.context,
                                      marker=self.mine[0].uuid)
        self.assertEqual([row.uuid for row in self.mine[1:]],
                         [row.uuid for row in listed])

    def test_marker_missing(self):
        missing = uuidutils.generate_uuid()
        error = self.assertRaises(exception.MarkerNotFound,
                                  dbapi.container_list, self.context,
                                  marker=missing)
        self.assertIn(missing, str(error))

    def test_marker_of_other_project(self):
        self.assertRaises(exception.MarkerNotFound, dbapi.container_list,
                          self.context, marker=self.theirs.uuid)

    def test_invalid_sort_key(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  dbapi.container_list, self.context,
                                  sort_key='environment')
        self.assertIn('sort_key', str(error))

    def test_invalid_sort_dir(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  dbapi.container_list, self.context,
                                  sort_dir='up')
        self.assertIn('sort_dir', str(error))

    def test_invalid_filter(self):
        error = self.assertRaises(exception.InvalidParameterValue,
                                  dbapi.container_list, self.context,
                                  filters={'environment': 'x'})
        self.assertIn('environment', str(error))
