"""Database options: oslo.db's [database] group with zun's defaults."""

from oslo_db import options as db_options

DEFAULT_CONNECTION = 'sqlite:////var/lib/zun/zun.sqlite'


def register_opts(conf):
    db_options.set_defaults(conf, connection=DEFAULT_CONNECTION)


def list_opts():
    return {'database': db_options.database_opts}
