"""oslo.messaging set-up: transport, serializer, clients and servers."""

from oslo_config import cfg
import oslo_messaging as messaging
import oslo_messaging.opts  # noqa: F401

from zun.common import context as zun_context
from zun.common import exception
from zun.objects import base as objects_base

CONF = cfg.CONF

# Modules whose exceptions oslo.messaging may rebuild on the calling side.
ALLOWED_EXMODS = [exception.__name__]

_TRANSPORT = None


def register_opts(conf):
    """Register oslo.messaging's [DEFAULT] options, transport_url among them.

    oslo.messaging registers them itself only when it builds a transport;
    zun reads them earlier.
    """
    messaging.set_transport_defaults(control_exchange='zun')
    for group, opts in messaging.opts.list_opts():
        if group is None:
            conf.register_opts(opts)


def init(conf):
    """Create the RPC transport from ``transport_url``."""
    global _TRANSPORT
    if _TRANSPORT is None:
        _TRANSPORT = messaging.get_rpc_transport(
            conf, allowed_remote_exmods=ALLOWED_EXMODS)
    return _TRANSPORT


def cleanup():
    """Close the transport, for a clean shutdown or between tests."""
    global _TRANSPORT
    if _TRANSPORT is not None:
        _TRANSPORT.cleanup()
    _TRANSPORT = None


def get_transport():
    if _TRANSPORT is None:
        raise RuntimeError('zun.common.rpc.init() has not been called')
    return _TRANSPORT


class RequestContextSerializer(messaging.Serializer):
    """Serialize the request context and the versioned objects of a call."""

    def __init__(self, base=None):
        self._base = base or objects_base.ZunObjectSerializer()

    def serialize_entity(self, context, entity):
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return zun_context.RequestContext.from_dict(context)


def get_client(target, version_cap=None):
    return messaging.get_rpc_client(
        get_transport(), target, version_cap=version_cap,
        serializer=RequestContextSerializer())


def get_server(target, endpoints, executor_workers=None):
    # The threading executor runs every request in a pool thread, so a long
    # create does not hold up the start or stop of another container.
    if executor_workers:
        CONF.set_override('executor_thread_pool_size', executor_workers)
    return messaging.get_rpc_server(
        get_transport(), target, endpoints, executor='threading',
        serializer=RequestContextSerializer(),
        access_policy=messaging.DefaultRPCAccessPolicy)
