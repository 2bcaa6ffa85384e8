"""Configuration options of the zun services, one module per group."""

from oslo_config import cfg

from zun.conf import api
from zun.conf import compute
from zun.conf import container
from zun.conf import database
from zun.conf import docker
from zun.conf import network
from zun.conf import scheduler
from zun.conf import service
from zun.conf import websocket_proxy

CONF = cfg.CONF

api.register_opts(CONF)
compute.register_opts(CONF)
container.register_opts(CONF)
database.register_opts(CONF)
docker.register_opts(CONF)
network.register_opts(CONF)
scheduler.register_opts(CONF)
service.register_opts(CONF)
websocket_proxy.register_opts(CONF)
