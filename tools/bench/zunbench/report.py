"""Markdown tables of the results, and the docs page they go into."""

BEGIN = '<!-- zunbench results begin -->'
END = '<!-- zunbench results end -->'


def _mark(value, limit, higher_is_better=False):
    met = value >= limit if higher_is_better else value <= limit
    return '%s (%s)' % (_number(value), 'met' if met else 'missed')


def _number(value):
    if not isinstance(value, float):
        return '%s' % value
    if value >= 100:
        return '%.0f' % value
    if value >= 10:
        return '%.1f' % value
    return '%.2f' % value


def _has_api_workers(figures):
    """Return True when a set-up runs zun-api worker processes."""
    return 'zun-api' in figures['memory_idle_mib']


def _spread(summary):
    return '%s / %s' % (_number(summary['median']), _number(summary['p95']))


def _table(header, rows):
    lines = ['| ' + ' | '.join(header) + ' |',
             '|' + '|'.join('---' for _ in header) + '|']
    lines.extend('| ' + ' | '.join(row) + ' |' for row in rows)
    return '\n'.join(lines)


def _create_rows(setups, names):
    rows = [
        ['create with run=true until Running, API, median / p95 ms', ''],
        ['create and start, docker SDK, median / p95 ms', ''],
        ['ratio API / engine, median', 'at most 1.10'],
        ['ratio API / engine, p95', ''],
    ]
    for name in names:
        create = setups[name]['create']
        rows[0].append(_spread(create['api_ms']))
        rows[1].append(_spread(create['engine_ms']))
        rows[2].append(_mark(create['ratio_median'], 1.10))
        rows[3].append(_number(create['ratio_p95']))
    return rows


def _list_show_rows(setups, names):
    rows = []
    first = setups[names[0]]['list_show']
    for index, entry in enumerate(first):
        size = entry['containers_in_database']
        returned = entry['containers_returned']
        label = 'GET list, %d rows in the database (%d returned)' % (
            size, returned)
        single = [label + ', 1 client, median / p95 ms',
               'median at most 150' if returned >= 1000 else '']
        many = [label + ', 8 clients, median / p95 ms', '']
        rate = [label + ', 8 clients, requests/s', '']
        show_one = ['GET show, %d rows, 1 client, median / p95 ms' % size,
                    'median at most 3']
        show_rate = ['GET show, %d rows, 8 clients, requests/s' % size,
                     'at least 600 with 2 API workers']
        for name in names:
            figures = setups[name]['list_show'][index]
            list_one = figures['list']['one_client_ms']
            single.append(_mark(list_one['median'], 150) + ' / '
                       + _number(list_one['p95'])
                       if returned >= 1000 else _spread(list_one))
            many.append(_spread(figures['list']['concurrent_ms']))
            rate.append(_number(
                figures['list']['concurrent_ms']['requests_per_second']))
            show = figures['show']
            show_one.append(_mark(show['one_client_ms']['median'], 3)
                            + ' / ' + _number(show['one_client_ms']['p95']))
            rate_value = show['concurrent_ms']['requests_per_second']
            show_rate.append(
                _mark(rate_value, 600, higher_is_better=True)
                if _has_api_workers(setups[name]) else _number(rate_value))
        rows.extend([single, many, rate, show_one, show_rate])
    return rows


def _sync_rows(setups, names):
    rows = [
        ['state sync: real containers on the host', ''],
        ['state sync: one pass, median / p95 ms', ''],
        ['state sync: engine requests per pass', 'exactly 1'],
        ['state sync: ms per container', ''],
        ['state sync: estimate for 1,000 containers, ms',
         'at most 1000'],
    ]
    for name in names:
        sync = setups[name]['sync']
        rows[0].append(str(sync['containers']))
        rows[1].append(_spread(sync['pass_ms']))
        calls = sync['engine_requests_per_pass']
        rows[2].append('%s (%s)' % (', '.join(map(str, calls)),
                                    'met' if calls == [1] else 'missed'))
        rows[3].append(_number(sync['ms_per_container']))
        rows[4].append(_mark(sync['estimated_ms_for_1000'], 1000))
    return rows


def _memory_cell(figures, binary, limit_main, limit_child):
    tree = figures.get(binary)
    if tree is None:
        return '-'
    text = _mark(tree['main'], limit_main) if limit_main else _number(
        tree['main'])
    if tree['children']:
        workers = ', '.join(_mark(child, limit_child) if limit_child
                            else _number(child)
                            for child in tree['children'])
        text += '; workers: ' + workers
    return text


def _memory_rows(setups, names):
    rows = []
    for key, label in (('memory_idle_mib', 'idle'),
                       ('memory_after_load_mib', 'after the load')):
        for binary, limit_main, limit_child, target in (
                ('zun-api', None, 100, 'at most 100 per worker'),
                ('zun-compute', 120, None, 'at most 120'),
                ('zun-all', None, None, '')):
            if key == 'memory_idle_mib':
                limit_main = limit_child = None
                target = ''
            row = ['resident MiB of %s, %s' % (binary, label), target]
            for name in names:
                row.append(_memory_cell(setups[name][key], binary,
                                        limit_main, limit_child))
            rows.append(row)
    return rows


def _machine_lines(results):
    machine = results['machine']
    return [
        '- Measured on %s at commit `%s`%s.' % (
            machine['date'], machine['commit'],
            ' with --quick (small sizes; the figures mean little)'
            if results['quick'] else ''),
        '- Machine: %s, %s cores, %s GiB, %s, kernel %s.' % (
            machine['cpu'], machine['cores'], machine['memory_gib'],
            machine['os'], machine['kernel']),
        '- Versions: Python %s, Docker Engine %s, docker SDK %s, %s, '
        'RabbitMQ %s.' % (machine['python'], machine['docker_engine'],
                          machine['docker_sdk'], machine['mariadb'],
                          machine['rabbitmq']),
        '- Runs: %(create_runs)d creates per path; %(requests_list)d list '
        'and %(requests_show)d show requests from 1 client; '
        '%(clients)d clients for %(seconds)d s; %(sync_passes)d sync '
        'passes.' % results['sizes'],
    ]


def render(results):
    """Return the Markdown of the results: machine facts and one table."""
    setups = results['setups']
    names = sorted(setups)
    rows = (_create_rows(setups, names) + _list_show_rows(setups, names)
            + _sync_rows(setups, names) + _memory_rows(setups, names))
    # A process that no measured set-up runs, such as zun-all in a run of
    # the split set-up alone, leaves a row without figures.
    rows = [row for row in rows if any(cell != '-' for cell in row[2:])]
    return '\n'.join(_machine_lines(results) + [
        '', _table(['Figure', 'Target'] + names, rows)])


def update_page(path, table):
    """Replace the results section of ``path`` with ``table``."""
    update_section(path, table)


COMPARE_BEGIN = '<!-- zunbench comparison begin -->'
COMPARE_END = '<!-- zunbench comparison end -->'


def _list_show(index, kind, clients, key):
    def read(figures):
        return figures['list_show'][index][kind][clients][key]
    return read


_COMPARED = (
    ('create until Running, API / engine, median', 'at most 1.10',
     lambda figures: figures['create']['ratio_median']),
    ('create until Running, API, median ms', '',
     lambda figures: figures['create']['api_ms']['median']),
    ('GET show, 1 client, median ms (largest table)', 'at most 3',
     _list_show(-1, 'show', 'one_client_ms', 'median')),
    ('GET show, 8 clients, requests/s (largest table)',
     'at least 600 with 2 API workers',
     _list_show(-1, 'show', 'concurrent_ms', 'requests_per_second')),
    ('GET list, 1 client, median ms (largest table)', 'at most 150',
     _list_show(-1, 'list', 'one_client_ms', 'median')),
    ('GET list, 8 clients, requests/s (largest table)', '',
     _list_show(-1, 'list', 'concurrent_ms', 'requests_per_second')),
    ('state sync, estimate for 1,000 containers, ms', 'at most 1000',
     lambda figures: figures['sync']['estimated_ms_for_1000']),
)


def _memory_summary(tree_by_binary):
    parts = []
    for binary in ('zun-all', 'zun-compute', 'zun-api'):
        tree = tree_by_binary.get(binary)
        if tree is None:
            continue
        if tree['children']:
            parts.append('%s workers %s' % (binary, ', '.join(
                _number(child) for child in tree['children'])))
        else:
            parts.append('%s %s' % (binary, _number(tree['main'])))
    return '; '.join(parts)


def render_comparison(before, after):
    """Return a Markdown table of two runs' main figures side by side."""
    names = sorted(set(before['setups']) & set(after['setups']))
    header = ['Figure', 'Target']
    for name in names:
        header += ['%s at %s' % (name, before['machine']['commit']),
                   '%s at %s' % (name, after['machine']['commit'])]
    rows = []
    for label, target, read in _COMPARED:
        row = [label, target]
        for name in names:
            row += [_number(read(before['setups'][name])),
                    _number(read(after['setups'][name]))]
        rows.append(row)
    for key, label in (('memory_idle_mib', 'idle'),
                       ('memory_after_load_mib', 'after the load')):
        row = ['resident MiB, %s' % label,
               'at most 100 per API worker, 120 for zun-compute'
               if key == 'memory_after_load_mib' else '']
        for name in names:
            row += [_memory_summary(before['setups'][name][key]),
                    _memory_summary(after['setups'][name][key])]
        rows.append(row)
    return _table(header, rows)


def update_section(path, text, begin=BEGIN, end=END):
    """Replace the text between the ``begin`` and ``end`` lines of path."""
    with open(path) as page:
        content = page.read()
    if begin not in content or end not in content:
        raise RuntimeError('%s lacks the lines %s and %s'
                           % (path, begin, end))
    head, rest = content.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, 'w') as page:
        page.write(head + begin + '\n' + text + '\n' + end + tail)
