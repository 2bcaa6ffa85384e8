"""GET /v1/containers: filters, paging, sorting and project scope."""

from urllib import parse

from oslo_utils import uuidutils

from zun.tests.unit.api import base

PATH = '/v1/containers'


class ListTestCase(base.APITestCase):

    def list(self, query='', status=200, **kwargs):
        path = PATH + ('?' + query if query else '')
        return self.get(path, status=status, **kwargs)

    def uuids(self, query='', **kwargs):
        body = self.list(query, **kwargs).json
        return [container['uuid'] for container in body['containers']]

    def list_error(self, query, status=400, **kwargs):
        return self.error_of(self.list(query, status=status, **kwargs))


class TestListFilters(ListTestCase):

    def setUp(self):
        super().setUp()
        self.web = self.create_db_container(
            name='web', image='nginx', status='Running', memory=1024,
            host='compute-1', auto_remove=True)
        self.db = self.create_db_container(
            name='db', image='postgres', status='Stopped', memory=512,
            host='compute-2', task_state='container_starting',
            user_id='other-user')
        self.other = self.create_db_container(
            name='web', image='nginx', project_id='other-project',
            user_id='other-user')

    def test_member_sees_own_project(self):
        self.assertEqual([self.web['uuid'], self.db['uuid']], self.uuids())

    def test_filter_name(self):
        self.assertEqual([self.web['uuid']], self.uuids('name=web'))

    def test_filter_image(self):
        self.assertEqual([self.db['uuid']], self.uuids('image=postgres'))

    def test_filter_status(self):
        self.assertEqual([self.web['uuid']], self.uuids('status=Running'))

    def test_filter_unknown_status(self):
        error = self.list_error('status=running')
        self.assertIn("'status'", error['detail'])

    def test_filter_task_state(self):
        self.assertEqual([self.db['uuid']],
                         self.uuids('task_state=container_starting'))

    def test_filter_unknown_task_state(self):
        self.list_error('task_state=sleeping')

    def test_filter_user_id(self):
        self.assertEqual([self.db['uuid']], self.uuids('user_id=other-user'))

    def test_filter_project_id(self):
        self.assertEqual([self.web['uuid'], self.db['uuid']],
                         self.uuids('project_id=fake-project'))

    def test_filter_other_project_empty(self):
        self.assertEqual([], self.uuids('project_id=other-project'))

    def test_filter_memory_mib(self):
        self.assertEqual([self.web['uuid']], self.uuids('memory=1024'))

    def test_filter_memory_units(self):
        self.assertEqual([self.web['uuid']], self.uuids('memory=1g'))
        self.assertEqual([self.db['uuid']], self.uuids('memory=512m'))

    def test_filter_memory_invalid(self):
        error = self.list_error('memory=lots')
        self.assertIn("'memory'", error['detail'])

    def test_filter_auto_remove(self):
        self.assertEqual([self.web['uuid']], self.uuids('auto_remove=true'))
        self.assertEqual([self.db['uuid']], self.uuids('auto_remove=False'))

    def test_filter_auto_remove_invalid(self):
        self.list_error('auto_remove=perhaps')

    def test_filter_host_admin(self):
        uuids = self.uuids('host=compute-2&all_projects=1', **base.ADMIN)
        self.assertEqual([self.db['uuid']], uuids)

    def test_filter_host_member_403(self):
        error = self.list_error('host=compute-2', status=403)
        self.assertIn('container:get_one:host', error['detail'])

    def test_filters_combine(self):
        self.assertEqual([], self.uuids('name=web&image=postgres'))

    def test_unknown_parameter_400(self):
        error = self.list_error('colour=blue')
        self.assertEqual('container.unknown-parameters', error['code'])
        self.assertIn('colour', error['detail'])

    def test_all_projects_member_403(self):
        error = self.list_error('all_projects=true', status=403)
        self.assertIn('container:get_all_all_projects', error['detail'])

    def test_all_projects_admin(self):
        uuids = self.uuids('all_projects=1', **base.ADMIN)
        self.assertEqual([self.web['uuid'], self.db['uuid'],
                          self.other['uuid']], uuids)

    def test_all_projects_invalid(self):
        self.list_error('all_projects=everything', **base.ADMIN)

    def test_admin_defaults_to_own_project(self):
        self.assertEqual([], self.uuids(**base.ADMIN))

    def test_list_policy_denied(self):
        self.set_policy({'container:get_all': '!'})
        self.list(status=403)


class TestListView(ListTestCase):

    def test_memory_is_string(self):
        self.create_db_container(memory=256)
        container = self.list().json['containers'][0]
        self.assertEqual('256', container['memory'])

    def test_member_view_hides_host(self):
        self.create_db_container()
        container = self.list().json['containers'][0]
        for field in ('host', 'runtime', 'privileged', 'image_pull_policy'):
            self.assertNotIn(field, container)

    def test_admin_view_shows_host(self):
        self.create_db_container(project_id='admin-project')
        container = self.list(**base.ADMIN).json['containers'][0]
        self.assertEqual('fake-host', container['host'])

    def test_empty_list_no_next(self):
        body = self.list().json
        self.assertEqual({'containers': []}, body)


class TestListPaging(ListTestCase):

    def setUp(self):
        super().setUp()
        self.created = [self.create_db_container()['uuid']
                        for _ in range(5)]

    def next_query(self, body):
        """Return the path and query of the ``next`` link."""
        url = parse.urlsplit(body['next'])
        self.assertEqual('/v1/containers', url.path)
        return url.query

    def test_limit_pages(self):
        self.assertEqual(self.created[:2], self.uuids('limit=2'))

    def test_invalid_limits_400(self):
        for limit in ('0', '-1', 'x', '1.5', ''):
            error = self.list_error('limit=%s' % limit)
            self.assertIn("'limit'", error['detail'], limit)

    def test_limit_capped_by_max_limit(self):
        self.conf.config(max_limit=3, group='api')
        body = self.list('limit=10').json
        self.assertEqual(self.created[:3],
                         [c['uuid'] for c in body['containers']])
        query = parse.parse_qs(self.next_query(body))
        self.assertEqual(['3'], query['limit'])

    def test_default_limit_is_max_limit(self):
        self.conf.config(max_limit=2, group='api')
        self.assertEqual(self.created[:2], self.uuids())

    def test_next_when_page_full(self):
        body = self.list('limit=5').json
        query = parse.parse_qs(self.next_query(body))
        self.assertEqual([self.created[-1]], query['marker'])

    def test_no_next_when_page_short(self):
        self.assertNotIn('next', self.list('limit=6').json)

    def test_full_last_page_then_empty(self):
        body = self.list('limit=5').json
        rest = self.list(self.next_query(body)).json
        self.assertEqual({'containers': []}, rest)

    def test_next_keeps_filters(self):
        body = self.list('limit=2&image=busybox&sort_dir=desc').json
        query = parse.parse_qs(self.next_query(body))
        self.assertEqual(['busybox'], query['image'])
        self.assertEqual(['desc'], query['sort_dir'])

    def test_following_next_returns_rest(self):
        seen = []
        query = 'limit=2'
        while True:
            body = self.list(query).json
            seen.extend(c['uuid'] for c in body['containers'])
            if 'next' not in body:
                break
            query = self.next_query(body)
        self.assertEqual(self.created, seen)

    def test_marker_starts_after(self):
        self.assertEqual(self.created[3:],
                         self.uuids('marker=%s' % self.created[2]))

    def test_unknown_marker_404(self):
        error = self.list_error('marker=%s' % uuidutils.generate_uuid(),
                                status=404)
        self.assertEqual('container.marker-not-found', error['code'])

    def test_other_project_marker_404(self):
        other = self.create_db_container(project_id='other-project')
        self.list_error('marker=%s' % other['uuid'], status=404)

    def test_non_uuid_marker_400(self):
        error = self.list_error('marker=not-a-uuid')
        self.assertIn("'marker'", error['detail'])

    def test_sort_dir_desc(self):
        self.assertEqual(self.created[::-1], self.uuids('sort_dir=desc'))

    def test_invalid_sort_dir_400(self):
        error = self.list_error('sort_dir=down')
        self.assertIn("'sort_dir'", error['detail'])

    def test_invalid_sort_key_400(self):
        for key in ('colour', 'environment', 'id%3Bdrop', ''):
            error = self.list_error('sort_key=%s' % key)
            self.assertIn("'sort_key'", error['detail'], key)


class TestPagingWithNulls(ListTestCase):
    """Paging by a sort key whose values include NULLs."""

    def setUp(self):
        super().setUp()
        hosts = [None, 'b', None, 'a', 'b', None, 'a', 'c']
        self.rows = [self.create_db_container(host=host) for host in hosts]

    def expected_order(self, reverse):
        # NULLs first in ascending order and last in descending order;
        # ties keep the insertion order of ascending and reverse it in
        # descending order.
        indexed = list(enumerate(self.rows))

        def key(item):
            index, row = item
            return (row['host'] is not None, row['host'] or '', index)
        ordered = sorted(indexed, key=key, reverse=reverse)
        return [row['uuid'] for _, row in ordered]

    def walk(self, query):
        seen = []
        while True:
            body = self.list(query).json
            seen.extend(c['uuid'] for c in body['containers'])
            if 'next' not in body:
                return seen
            query = parse.urlsplit(body['next']).query

    def test_ascending_pages(self):
        for limit in (1, 2, 3):
            seen = self.walk('sort_key=host&limit=%d' % limit)
            self.assertEqual(self.expected_order(False), seen, limit)

    def test_descending_pages(self):
        for limit in (1, 2, 3):
            seen = self.walk('sort_key=host&sort_dir=desc&limit=%d' % limit)
            self.assertEqual(self.expected_order(True), seen, limit)

    def test_no_duplicates(self):
        for direction in ('asc', 'desc'):
            seen = self.walk('sort_key=host&sort_dir=%s&limit=2'
                             % direction)
            self.assertEqual(len(self.rows), len(set(seen)), direction)

    def test_task_state_key(self):
        self.create_db_container(task_state='container_stopping')
        seen = self.walk('sort_key=task_state&limit=2')
        self.assertEqual(len(self.rows) + 1, len(set(seen)))
        self.assertEqual(len(self.rows) + 1, len(seen))
