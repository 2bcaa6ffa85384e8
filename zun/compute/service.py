"""The zun-compute service: RPC server, heartbeat and periodic tasks."""

from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging as messaging

from zun.common import consts
from zun.common import context as zun_context
from zun.common import periodic
from zun.common import rpc
from zun.compute import manager as compute_manager
from zun.compute import periodic as compute_periodic
from zun.compute import recovery
from zun.db import api as dbapi
from zun.objects import zun_service

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


class ComputeService:
    """Serves the compute RPC API of one host and runs its periodic work."""

    def __init__(self, host=None, driver=None):
        self.host = host or CONF.host
        self.manager = compute_manager.Manager(driver=driver)
        self._server = None
        self._tasks = []

    def start(self):
        """Register the service, then serve RPC and start periodic work."""
        context = zun_context.get_admin_context()
        zun_service.ZunService.register(
            context, self.host, consts.COMPUTE_BINARY,
            CONF.default_availability_zone)
        # Tasks that a previous run left unfinished would block their
        # containers for good; settle them before new requests arrive.
        recovery.recover_interrupted(self.manager.driver, self.host)
        # The scheduler needs the resources before the first container
        # arrives, so the first report runs before the server starts.
        compute_periodic.report_resources(self.manager.driver, self.host)
        target = messaging.Target(topic=CONF.compute.topic,
                                  server=self.host)
        self._server = rpc.get_server(
            target, [self.manager],
            executor_workers=CONF.compute.rpc_workers)
        self._server.start()
        self._tasks = [
            periodic.PeriodicTask('heartbeat', self.heartbeat,
                                  CONF.report_interval),
            periodic.PeriodicTask(
                'sync_container_states', self.sync_container_states,
                CONF.compute.sync_container_state_interval,
                initial_delay=CONF.compute.sync_container_state_interval),
            periodic.PeriodicTask(
                'report_resources', self.report_resources,
                CONF.compute.update_resources_interval,
                initial_delay=CONF.compute.update_resources_interval),
        ]
        for task in self._tasks:
            task.start()
        LOG.info('zun-compute started on host %s, topic %s', self.host,
                 CONF.compute.topic)

    def stop(self):
        """Stop taking requests, let running ones finish, stop the tasks."""
        if self._server is not None:
            self._server.stop()
            self._server.wait()
            self._server = None
        for task in self._tasks:
            task.stop(timeout=5)
        self._tasks = []
        LOG.info('zun-compute stopped on host %s', self.host)

    def heartbeat(self):
        context = zun_context.get_admin_context()
        if not dbapi.service_heartbeat(context, self.host,
                                       consts.COMPUTE_BINARY):
            LOG.warning('Service record of %s on %s was missing; '
                        'registering it again', consts.COMPUTE_BINARY,
                        self.host)
            zun_service.ZunService.register(
                context, self.host, consts.COMPUTE_BINARY,
                CONF.default_availability_zone)

    def sync_container_states(self):
        changed = compute_periodic.sync_container_states(
            self.manager.driver, self.host, heal=self.manager.heal_container)
        LOG.debug('State sync changed %d containers on host %s', changed,
                  self.host)

    def report_resources(self):
        compute_periodic.report_resources(self.manager.driver, self.host)
