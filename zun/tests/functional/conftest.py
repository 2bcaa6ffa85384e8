"""Fixtures of the functional tests: deployments on the real engine."""

import pytest

from zun.tests.functional import deployment as deployments
from zun.tests.functional import keystone
from zun.tests.functional import services

DEPLOYMENTS = {
    'all-in-one': deployments.AllInOne,
    'split': deployments.Split,
}
KEYSTONE_DEPLOYMENTS = {
    'keystone': deployments.KeystoneAllInOne,
    'keystone-split': deployments.KeystoneSplit,
}


@pytest.fixture(scope='session')
def docker_client():
    return services.docker_client()


@pytest.fixture(scope='session')
def test_image(docker_client):
    return services.ensure_test_image(docker_client)


def _start(kind, request):
    # A test module may set CONFIG_OVERRIDES = {group: {option: value}}.
    overrides = getattr(request.module, 'CONFIG_OVERRIDES', None)
    deployment = dict(DEPLOYMENTS, **KEYSTONE_DEPLOYMENTS)[kind](overrides)
    request.addfinalizer(deployment.cleanup)
    try:
        deployment.start()
    except Exception:
        print(deployment.logs())
        raise
    return deployment


@pytest.fixture(scope='module', params=sorted(DEPLOYMENTS))
def deployment(request, docker_client):
    """Each test module runs once per kind of deployment."""
    return _start(request.param, request)


@pytest.fixture(scope='module')
def all_in_one(request, docker_client):
    return _start('all-in-one', request)


@pytest.fixture(scope='module')
def keystone_all_in_one(request, docker_client):
    return _start('keystone', request)


@pytest.fixture(scope='module', params=sorted(KEYSTONE_DEPLOYMENTS))
def keystone_deployment(request, docker_client):
    """Each test module runs once per kind of deployment with Keystone."""
    return _start(request.param, request)


@pytest.fixture(scope='session')
def tokens():
    """Project-scoped tokens of every persona, by persona name."""
    return {name: keystone.issue_token(name) for name in keystone.PERSONAS}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # Fixtures read the result of the test's call phase from the item.
    setattr(item, 'report_' + report.when, report)
    return report


@pytest.fixture()
def created(request, deployment, docker_client):
    """Collect the containers a test creates and remove them afterwards.

    When the test fails, the tail of the service logs goes to the test's
    output, so that a failure in CI shows what the services did.
    """
    uuids = []
    yield uuids
    report = getattr(request.node, 'report_call', None)
    if report is not None and report.failed:
        print(deployment.logs())
    for uuid in uuids:
        deployment.client.delete('/v1/containers/%s?force=true' % uuid)
        try:
            docker_client.remove_container('zun-%s' % uuid, force=True)
        except Exception:  # noqa: S110  (already gone is the usual case)
            pass
