"""zun-compute registers itself, heartbeats and reports its host."""

import time

import sqlalchemy as sa


def _query(deployment, sql, **params):
    engine = sa.create_engine(deployment.db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text(sql), params).mappings().all()
    finally:
        engine.dispose()


def _service(deployment):
    rows = _query(deployment, 'SELECT * FROM zun_service WHERE host = :host',
                  host=deployment.host)
    assert len(rows) == 1, rows
    return rows[0]


def test_service_row_heartbeats(deployment):
    first = _service(deployment)
    assert first['binary'] == 'zun-compute'
    assert first['disabled'] in (False, 0)
    assert first['availability_zone'] == 'nova'

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        later = _service(deployment)
        if later['report_count'] > first['report_count']:
            break
        time.sleep(0.5)
    assert later['report_count'] > first['report_count']
    assert later['last_seen_up'] > first['last_seen_up']


def test_compute_node_reports_host(deployment, docker_client):
    rows = _query(deployment,
                  'SELECT * FROM compute_node WHERE hostname = :host',
                  host=deployment.host)
    assert len(rows) == 1, rows
    node = rows[0]
    info = docker_client.info()
    assert node['cpus'] == info['NCPU']
    assert node['mem_total'] == info['MemTotal'] // (1024 * 1024)
    assert node['disk_total'] > 0
    assert node['architecture'] == info['Architecture']
    assert node['kernel_version'] == info['KernelVersion']
