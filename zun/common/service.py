"""Start-up shared by every zun process."""

import sys

from oslo_log import log as logging

from zun import conf  # noqa: F401  (registers the options)
from zun import objects
from zun.common import config
from zun.common import memory

CONF = conf.CONF
LOG = logging.getLogger(__name__)

_LOGGED_OPTIONS = False


def prepare_service(argv=None):
    """Parse the configuration, set up logging and register objects."""
    argv = sys.argv if argv is None else argv
    memory.limit_malloc_arenas()
    config.parse_args(argv)
    logging.setup(CONF, 'zun')
    objects.register_all()
    global _LOGGED_OPTIONS
    if not _LOGGED_OPTIONS:
        CONF.log_opt_values(LOG, logging.DEBUG)
        _LOGGED_OPTIONS = True
