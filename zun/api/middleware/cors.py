"""CORS middleware configured from zun's own [cors] options."""

from oslo_config import cfg
from oslo_middleware import cors


def filter_factory(global_config, **local_config):
    # oslo.middleware's own factory would load a second copy of the
    # configuration files; zun's processes already hold it in cfg.CONF.
    def _factory(application):
        return cors.CORS(application, cfg.CONF)
    return _factory
