"""The benchmark tool runs end to end on a small size.

This checks only that tools/bench still works and reports every figure;
the figures of a quick run mean nothing, and no test asserts on them.
"""

import json
import os
import subprocess
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                   '..'))
BENCH_DIR = os.path.join(TOP, 'tools', 'bench')


def test_quick_run_reports_every_figure(tmp_path, docker_client):
    environment = dict(os.environ, PYTHONPATH=BENCH_DIR)
    page = tmp_path / 'page.md'
    page.write_text('# Results\n<!-- zunbench results begin -->\n'
                    '<!-- zunbench results end -->\nend\n')
    result = subprocess.run(
        [sys.executable, '-m', 'zunbench', '--quick', '--output',
         str(tmp_path), '--docs', str(page)],
        cwd=TOP, env=environment, capture_output=True, text=True,
        timeout=900)
    assert result.returncode == 0, result.stderr[-5000:]

    results = json.loads((tmp_path / 'results.json').read_text())
    assert set(results['setups']) == {'all-in-one', 'split'}
    for name, figures in results['setups'].items():
        assert figures['create']['api_ms']['count'] == 2, name
        assert figures['create']['ratio_median'] > 0, name
        sizes = [entry['containers_in_database']
                 for entry in figures['list_show']]
        assert sizes == [100], name
        assert figures['list_show'][0]['containers_returned'] == 100, name
        assert figures['list_show'][0]['show']['concurrent_ms'][
            'errors'] == 0, name
        assert figures['sync']['containers'] == 5, name
        assert figures['sync']['engine_requests_per_pass'] == [1], name
        assert figures['memory_after_load_mib'], name

    text = page.read_text()
    assert 'ratio API / engine, median' in text
    assert text.endswith('<!-- zunbench results end -->\nend\n')
