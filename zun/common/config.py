"""Configuration loading and library defaults."""

from oslo_config import cfg
from oslo_db import options as db_options
from oslo_log import log as logging
from oslo_middleware import cors
from oslo_policy import opts as policy_opts

from zun import version
from zun.common import rpc
from zun.conf import database

CONF = cfg.CONF

# Headers that a browser client of the API sends and reads.
CORS_ALLOW_HEADERS = [
    'X-Auth-Token', 'X-Identity-Status', 'X-Roles', 'X-Service-Catalog',
    'X-User-Id', 'X-Tenant-Id', 'X-OpenStack-Request-ID',
    'OpenStack-API-Version',
]
CORS_EXPOSE_HEADERS = [
    'X-Auth-Token', 'X-Subject-Token', 'X-Service-Token',
    'X-OpenStack-Request-ID', 'OpenStack-API-Version',
    'OpenStack-API-Minimum-Version', 'OpenStack-API-Maximum-Version',
]


def set_lib_defaults():
    """Set zun's defaults of library options (CORS, policy file)."""
    cors.set_defaults(
        allow_headers=CORS_ALLOW_HEADERS,
        expose_headers=CORS_EXPOSE_HEADERS,
        allow_methods=['GET', 'PUT', 'POST', 'DELETE', 'PATCH'])
    policy_opts.set_defaults(CONF, policy_file='policy.yaml')
    # Set on the option itself, so that the sample configuration shows it.
    cfg.set_defaults(db_options.database_opts,
                     connection=database.DEFAULT_CONNECTION)
    rpc.register_opts(CONF)


def parse_args(argv, default_config_files=None):
    """Register logging options and parse the command line and files."""
    logging.register_options(CONF)
    set_lib_defaults()
    CONF(argv[1:], project='zun', version=version.version_string(),
         default_config_files=default_config_files)
