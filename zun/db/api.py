"""Database interface of zun.

Callers use these names and never touch SQLAlchemy; the implementation
lives in ``zun.db.sqlalchemy.api``.
"""

from zun.db.sqlalchemy import api as _impl
from zun.db.sqlalchemy import websocket_api as _websocket_impl

CONTAINER_FILTERS = _impl.CONTAINER_FILTERS
CONTAINER_SORT_KEYS = _impl.CONTAINER_SORT_KEYS
action_event_finish = _impl.action_event_finish
action_event_start = _impl.action_event_start
action_events_get = _impl.action_events_get
action_finish = _impl.action_finish
action_get_by_request_id = _impl.action_get_by_request_id
action_start = _impl.action_start
actions_finish_unfinished = _impl.actions_finish_unfinished
actions_get = _impl.actions_get
compute_node_get = _impl.compute_node_get
compute_node_list = _impl.compute_node_list
compute_node_upsert = _impl.compute_node_upsert
container_claim = _impl.container_claim
container_create = _impl.container_create
container_destroy = _impl.container_destroy
container_get_by_name = _impl.container_get_by_name
container_get_by_uuid = _impl.container_get_by_uuid
container_list = _impl.container_list
container_list_by_host = _impl.container_list_by_host
container_memory_by_host = _impl.container_memory_by_host
container_update = _impl.container_update
container_update_if = _impl.container_update_if
dispose_engine = _impl.dispose_engine
exec_instance_create = _websocket_impl.exec_instance_create
exec_instance_get = _websocket_impl.exec_instance_get
get_engine = _impl.get_engine
service_create = _impl.service_create
service_get = _impl.service_get
service_heartbeat = _impl.service_heartbeat
service_list = _impl.service_list
service_update = _impl.service_update
websocket_token_create = _websocket_impl.websocket_token_create
websocket_token_get_by_hash = _websocket_impl.websocket_token_get_by_hash
websocket_token_use = _websocket_impl.websocket_token_use
websocket_tokens_purge = _websocket_impl.websocket_tokens_purge
