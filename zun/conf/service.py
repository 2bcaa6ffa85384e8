"""Options shared by every zun service, in the [DEFAULT] group."""

import socket

from oslo_config import cfg

service_opts = [
    cfg.StrOpt(
        'host',
        default=socket.gethostname(),
        sample_default='<current_hostname>',
        help="""
Name of this host.

zun-compute registers under this name, receives RPC requests addressed to it
and records it as the ``host`` of its containers. Two compute services must
not share a name.
"""),
    cfg.IntOpt(
        'service_down_time',
        default=60,
        min=1,
        help="""
Time, in seconds, after which a service that has not reported is down.

The scheduler places no containers on a compute host that is down. Keep it
well above ``report_interval``.
"""),
    cfg.IntOpt(
        'report_interval',
        default=10,
        min=1,
        help='Interval, in seconds, between two heartbeats of a service.'),
    cfg.StrOpt(
        'default_availability_zone',
        default='nova',
        help="""
Availability zone of a compute host.

A container created with ``availability_zone`` only lands on hosts of that
zone.
"""),
    cfg.StrOpt(
        'state_path',
        default='/var/lib/zun',
        help='Directory where zun keeps its state, such as a SQLite '
             'database.'),
]


def register_opts(conf):
    conf.register_opts(service_opts)


def list_opts():
    return {'DEFAULT': service_opts}
