"""zun-db-manage: create and upgrade the database schema."""

import sys

from oslo_config import cfg
from oslo_log import log as logging

from zun.common import service
from zun.db import migration

CONF = cfg.CONF


def do_upgrade():
    migration.upgrade(CONF.command.revision)


def do_version():
    print(migration.version())


def do_stamp():
    migration.stamp(CONF.command.revision)


def do_revision():
    migration.revision(message=CONF.command.message,
                       autogenerate=CONF.command.autogenerate)


def add_command_parsers(subparsers):
    parser = subparsers.add_parser(
        'upgrade', help='Upgrade the schema to a revision (default: head).')
    parser.add_argument('revision', nargs='?', default='head')
    parser.set_defaults(func=do_upgrade)

    parser = subparsers.add_parser(
        'version', help='Print the current revision of the schema.')
    parser.set_defaults(func=do_version)

    parser = subparsers.add_parser(
        'stamp', help='Record a revision without running migrations.')
    parser.add_argument('revision')
    parser.set_defaults(func=do_stamp)

    parser = subparsers.add_parser(
        'revision', help='Write a new migration script.')
    parser.add_argument('-m', '--message', required=True)
    parser.add_argument('--autogenerate', action='store_true')
    parser.set_defaults(func=do_revision)


command_opt = cfg.SubCommandOpt('command', title='Commands',
                                help='Available commands',
                                handler=add_command_parsers)


def main():
    CONF.register_cli_opt(command_opt)
    # Logs go to stderr, so that stdout carries only the command's output.
    logging.register_options(CONF)
    CONF.set_default('use_stderr', True)
    service.prepare_service(sys.argv)
    CONF.command.func()
