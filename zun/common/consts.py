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
# Task states that Zun lacks: zun-compute changes the CPU or memory of a
# container, or commits it to an image.
CONTAINER_UPDATING = 'container_updating'
CONTAINER_COMMITTING = 'container_committing'
SG_ADDING = 'sg_adding'
SG_REMOVING = 'sg_removing'
NETWORK_ATTACHING = 'network_attaching'
NETWORK_DETACHING = 'network_detaching'

TASK_STATES = (
    IMAGE_PULLING, CONTAINER_CREATING, CONTAINER_STARTING,
    CONTAINER_STOPPING, CONTAINER_REBOOTING, CONTAINER_PAUSING,
    CONTAINER_UNPAUSING, CONTAINER_KILLING, CONTAINER_DELETING,
    CONTAINER_REBUILDING, CONTAINER_UPDATING, CONTAINER_COMMITTING,
    SG_ADDING, SG_REMOVING, NETWORK_ATTACHING, NETWORK_DETACHING,
)

# Actions that the API records in the container's action history.
ACTION_CREATE = 'create'
ACTION_DELETE = 'delete'
ACTION_START = 'start'
ACTION_STOP = 'stop'
ACTION_NETWORK_ATTACH = 'network_attach'
ACTION_NETWORK_DETACH = 'network_detach'
ACTION_PAUSE = 'pause'
ACTION_UNPAUSE = 'unpause'
ACTION_REBOOT = 'reboot'
ACTION_KILL = 'kill'
ACTION_REBUILD = 'rebuild'
ACTION_COMMIT = 'commit'
ACTION_UPDATE = 'update'

# Statuses from which each action may start. An action that the API serves
# must have an entry; a unit test checks that.
ALLOWED_STATUSES = {
    'start': (CREATED, STOPPED, ERROR),
    'stop': (RUNNING,),
    'pause': (RUNNING,),
    'unpause': (PAUSED,),
    'kill': (RUNNING,),
    'reboot': (CREATED, RUNNING, STOPPED, ERROR),
    'rebuild': (CREATED, RUNNING, STOPPED, ERROR),
    'commit': (RUNNING, STOPPED, PAUSED),
    # PATCH /v1/containers/{id}; resize_container changes cpu and memory
    # in the same way.
    'update': (CREATED, RUNNING, STOPPED, PAUSED),
    'resize_container': (CREATED, RUNNING, STOPPED, PAUSED),
    # Zun checks no status for rename; the claim still waits for a running
    # task to finish.
    'rename': CONTAINER_STATUSES,
    'delete': (CREATED, ERROR, STOPPED, DELETED, DEAD),
    'delete_stop': (RUNNING, CREATED, ERROR, STOPPED, DELETED, DEAD),
    'delete_force': (CREATED, CREATING, ERROR, RUNNING, STOPPED, UNKNOWN,
                     DELETED, DEAD, RESTARTING, REBUILDING, DELETING, PAUSED),
    'logs': (CREATED, ERROR, PAUSED, RUNNING, STOPPED, UNKNOWN),
    'top': (RUNNING,),
    'stats': (RUNNING,),
    'execute': (RUNNING,),
    # The archive actions only copy files, so they claim nothing: several
    # may run on one container at once.
    'get_archive': (CREATED, RUNNING, PAUSED, STOPPED),
    'put_archive': (CREATED, RUNNING, PAUSED, STOPPED),
    'network_attach': (CREATED, RUNNING, PAUSED, STOPPED),
    'network_detach': (CREATED, RUNNING, PAUSED, STOPPED),
    'add_security_group': (CREATED, RUNNING, PAUSED, STOPPED),
    'remove_security_group': (CREATED, RUNNING, PAUSED, STOPPED),
    # Listing the networks reads only the database, as in Zun.
    'network_list': CONTAINER_STATUSES,
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

# Actions that claim nothing: the API checks the status and runs them
# alongside each other and alongside a running task. Every other action
# has a task state in ACTION_TASK_STATES.
UNCLAIMED_ACTIONS = frozenset(INSPECTION_ACTIONS) | {
    'get_archive', 'put_archive', 'network_list'}

# Task state that the API sets when it claims a container for an action.
ACTION_TASK_STATES = {
    'start': CONTAINER_STARTING,
    'stop': CONTAINER_STOPPING,
    'pause': CONTAINER_PAUSING,
    'unpause': CONTAINER_UNPAUSING,
    'kill': CONTAINER_KILLING,
    'reboot': CONTAINER_REBOOTING,
    'rebuild': CONTAINER_REBUILDING,
    'commit': CONTAINER_COMMITTING,
    'update': CONTAINER_UPDATING,
    'resize_container': CONTAINER_UPDATING,
    # A rename only writes the database, so it holds no task.
    'rename': None,
    'delete': CONTAINER_DELETING,
    'delete_stop': CONTAINER_DELETING,
    'delete_force': CONTAINER_DELETING,
    'network_attach': NETWORK_ATTACHING,
    'network_detach': NETWORK_DETACHING,
    'add_security_group': SG_ADDING,
    'remove_security_group': SG_REMOVING,
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
