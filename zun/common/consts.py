"""Container statuses, task states and the table of allowed actions.

This module is the single source of the state rules. The API claims a
container for an action only when its status is listed for that action in
``ALLOWED_STATUSES`` and no task is running on it.
"""

# Container statuses, as the API shows them.
CREATING = 'Creating'
CREATED = 'Created'
RUNNING = 'Running'
STOPPED = 'Stopped'
PAUSED = 'Paused'
RESTARTING = 'Restarting'
REBUILDING = 'Rebuilding'
DELETING = 'Deleting'
DELETED = 'Deleted'
DEAD = 'Dead'
ERROR = 'Error'
UNKNOWN = 'Unknown'

CONTAINER_STATUSES = (
    CREATING, CREATED, RUNNING, STOPPED, PAUSED, RESTARTING, REBUILDING,
    DELETING, DELETED, DEAD, ERROR, UNKNOWN,
)

# Task states: the operation that zun-compute is running on a container.
IMAGE_PULLING = 'image_pulling'
CONTAINER_CREATING = 'container_creating'
CONTAINER_STARTING = 'container_starting'
CONTAINER_STOPPING = 'container_stopping'
CONTAINER_REBOOTING = 'container_rebooting'
CONTAINER_PAUSING = 'container_pausing'
CONTAINER_UNPAUSING = 'container_unpausing'
CONTAINER_KILLING = 'container_killing'
CONTAINER_DELETING = 'container_deleting'
CONTAINER_REBUILDING = 'container_rebuilding'
SG_ADDING = 'sg_adding'
SG_REMOVING = 'sg_removing'
NETWORK_ATTACHING = 'network_attaching'
NETWORK_DETACHING = 'network_detaching'

TASK_STATES = (
    IMAGE_PULLING, CONTAINER_CREATING, CONTAINER_STARTING,
    CONTAINER_STOPPING, CONTAINER_REBOOTING, CONTAINER_PAUSING,
    CONTAINER_UNPAUSING, CONTAINER_KILLING, CONTAINER_DELETING,
    CONTAINER_REBUILDING, SG_ADDING, SG_REMOVING, NETWORK_ATTACHING,
    NETWORK_DETACHING,
)

# Actions that the API records in the container's action history.
ACTION_CREATE = 'create'
ACTION_DELETE = 'delete'
ACTION_START = 'start'
ACTION_STOP = 'stop'

# Statuses from which each action may start. An action that the API serves
# must have an entry; a unit test checks that.
ALLOWED_STATUSES = {
    'start': (CREATED, STOPPED, ERROR),
    'stop': (RUNNING,),
    'delete': (CREATED, ERROR, STOPPED, DELETED, DEAD),
    'delete_stop': (RUNNING, CREATED, ERROR, STOPPED, DELETED, DEAD),
    'delete_force': (CREATED, CREATING, ERROR, RUNNING, STOPPED, UNKNOWN,
                     DELETED, DEAD, RESTARTING, REBUILDING, DELETING, PAUSED),
    'logs': (CREATED, ERROR, PAUSED, RUNNING, STOPPED, UNKNOWN),
    'top': (RUNNING,),
    'stats': (RUNNING,),
    'execute': (RUNNING,),
    'attach': (RUNNING,),
    'resize': (RUNNING,),
    'execute_resize': (RUNNING,),
}

# Actions that only read a container, run a command in it or connect to its
# console. The API checks
# their status but does not claim the container, so they run alongside each
# other and alongside a running task; they have no task state and no entry
# in the action history. Each maps to the verb of its error messages.
INSPECTION_ACTIONS = {
    'logs': 'show the logs of',
    'top': 'list the processes of',
    'stats': 'show the resource usage of',
    'execute': 'execute a command in',
    'attach': 'attach to',
    'resize': 'resize the TTY of',
    'execute_resize': 'resize the TTY of a command in',
}

# Task state that the API sets when it claims a container for an action.
ACTION_TASK_STATES = {
    'start': CONTAINER_STARTING,
    'stop': CONTAINER_STOPPING,
    'delete': CONTAINER_DELETING,
    'delete_stop': CONTAINER_DELETING,
    'delete_force': CONTAINER_DELETING,
}

# Image pull policies.
PULL_ALWAYS = 'always'
PULL_IF_NOT_PRESENT = 'ifnotpresent'
PULL_NEVER = 'never'
IMAGE_PULL_POLICIES = (PULL_ALWAYS, PULL_IF_NOT_PRESENT, PULL_NEVER)

RESTART_POLICY_NAMES = ('no', 'always', 'on-failure', 'unless-stopped')

# Results of an action event.
EVENT_SUCCESS = 'Success'
EVENT_ERROR = 'Error'

# Prefix of the engine-side name of every container that zun manages.
NAME_PREFIX = 'zun-'

COMPUTE_BINARY = 'zun-compute'
