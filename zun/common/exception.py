"""Domain exceptions of zun.

The tree has a few families (Invalid, NotFound, Conflict, Forbidden, ...) and
no HTTP knowledge: ``zun.api.errors`` maps each family to a status code.
Each exception formats ``msg_fmt`` with its keyword arguments. The arguments
are kept in ``kwargs`` so that oslo.messaging can send the exception back to
the caller of an RPC request and rebuild it there.
"""

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class ZunException(Exception):
    """Base class of every zun exception."""

    msg_fmt = 'An unknown error occurred.'

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if message is None:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                LOG.exception('Exception message format failed for %s '
                              'with arguments %s', type(self).__name__,
                              kwargs)
                message = self.msg_fmt
        self.message = str(message)
        super().__init__(self.message)

    def __str__(self):
        return self.message

    def format_message(self):
        return self.message


# --- 400 family: the request is invalid.

class Invalid(ZunException):
    msg_fmt = 'Invalid request: %(detail)s'


class InvalidParameterValue(Invalid):
    msg_fmt = "Invalid value for '%(field)s': %(detail)s"


class InvalidParamInVersion(Invalid):
    msg_fmt = ("'%(field)s' is not supported at microversion %(version)s; "
               "it needs microversion %(min_version)s or later.")


class UnknownParameters(Invalid):
    msg_fmt = 'Unknown parameters: %(names)s.'


class MalformedRequestBody(Invalid):
    msg_fmt = 'Malformed request body: %(detail)s'


class InvalidUUID(Invalid):
    msg_fmt = "'%(value)s' is not a valid UUID."


class NoInteractiveFlag(Invalid):
    msg_fmt = ('Container %(container)s was not created with interactive '
               'set to true, so it has no console to attach to.')


class ArchiveLimitExceeded(Invalid):
    msg_fmt = ('The archive of %(path)s in container %(container)s is larger '
               'than the limit of %(limit)d bytes for archives; copy a '
               'smaller file or directory.')


class ContainerEngineInvalid(Invalid):
    """The engine rejected a request as invalid, such as a bad limit."""

    msg_fmt = 'The container engine rejected the request: %(detail)s'


class DiskQuotaNotSupported(Invalid):
    msg_fmt = ('Cannot limit the disk of container %(container)s to '
               '%(disk)s GiB: the storage driver %(driver)s of host '
               '%(host)s has no size limits. Create the container without '
               'disk, or on a host whose storage driver supports them.')


# --- 403 family: the caller may not do this.

class Forbidden(ZunException):
    msg_fmt = 'Forbidden.'


class PolicyNotAuthorized(Forbidden):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class WebsocketTokenRejected(Forbidden):
    msg_fmt = 'The websocket token is rejected: %(reason)s'


class WebsocketOriginRejected(Forbidden):
    msg_fmt = 'The websocket origin %(origin)s is rejected: %(reason)s'


# --- 404 family: something named in the request does not exist.

class NotFound(ZunException):
    msg_fmt = 'Resource not found.'


class ContainerNotFound(NotFound):
    msg_fmt = 'Container %(container)s could not be found.'


class ContainerActionNotFound(NotFound):
    msg_fmt = ('Action %(request_id)s of container %(container)s could '
               'not be found.')


class ContainerActionEventNotFound(NotFound):
    msg_fmt = 'Action event %(event_id)s could not be found.'


class ComputeNodeNotFound(NotFound):
    msg_fmt = 'Compute node %(host)s could not be found.'


class ServiceNotFound(NotFound):
    msg_fmt = 'Service %(binary)s on host %(host)s could not be found.'


class ImageNotFound(NotFound):
    msg_fmt = 'Image %(image)s could not be found: %(detail)s'


class MarkerNotFound(NotFound):
    msg_fmt = 'Marker %(marker)s could not be found.'


class ContainerPathNotFound(NotFound):
    msg_fmt = 'Path %(path)s could not be found in container %(container)s.'


class NetworkNotFound(NotFound):
    msg_fmt = 'Network %(network)s could not be found on host %(host)s.'


class ContainerPortNotFound(NotFound):
    msg_fmt = ('Container %(container)s has no port %(port)s; network_list '
               'shows its ports.')


class NetworkNotAttached(NotFound):
    msg_fmt = ('Container %(container)s is not attached to network '
               '%(network)s; network_list shows its networks.')


class ExecInstanceNotFound(NotFound):
    msg_fmt = 'Exec %(exec_id)s of container %(container)s could not be found.'


# --- 409 family: the request conflicts with the current state.

class Conflict(ZunException):
    msg_fmt = 'Conflict: %(detail)s'


class ContainerAlreadyExists(Conflict):
    msg_fmt = ("A container named '%(name)s' already exists in project "
               "%(project_id)s.")


class InvalidStateException(Conflict):
    msg_fmt = 'Cannot %(action)s container %(id)s in %(actual_state)s state.'


class ContainerBusy(Conflict):
    msg_fmt = ('Cannot %(action)s container %(id)s while it is %(task_state)s;'
               ' retry when the running operation has finished.')


class HostCapacityExceeded(Conflict):
    msg_fmt = ('Cannot raise the memory of container %(container)s to '
               '%(requested)d MiB: host %(host)s has only %(free)d MiB '
               'more free.')


class ServiceAlreadyExists(Conflict):
    msg_fmt = 'Service %(binary)s on host %(host)s already exists.'


class NetworkAlreadyAttached(Conflict):
    msg_fmt = ('Container %(container)s is already attached to network '
               '%(network)s.')


class ExecFinished(Conflict):
    msg_fmt = ('Exec %(exec_id)s of container %(container)s has finished; '
               'start a new interactive exec.')


class ExecNotStarted(Conflict):
    msg_fmt = ('Exec %(exec_id)s of container %(container)s has not started '
               'yet; open its proxy_url first.')


class ExecAlreadyStarted(Conflict):
    msg_fmt = ('Exec %(exec_id)s of container %(container)s has already '
               'started; each exec opens one session. Start a new '
               'interactive exec.')


class ContainerNotOnThisHost(Conflict):
    msg_fmt = ('Container %(container)s runs on host %(container_host)s, but '
               'this websocket proxy serves host %(proxy_host)s; use the URL '
               'that the API returned for the container.')


# --- 406 and 415: content negotiation.

class NotAcceptable(ZunException):
    msg_fmt = 'Not acceptable: %(detail)s'


class UnsupportedMediaType(ZunException):
    msg_fmt = ("Unsupported content type %(content_type)s: the request "
               "body must be JSON (Content-Type: application/json).")


class UnsupportedCharset(UnsupportedMediaType):
    msg_fmt = ("Unsupported charset %(charset)s: the request body must be "
               "JSON encoded as UTF-8 (Content-Type: application/json; "
               "charset=utf-8, or no charset).")


class RequestEntityTooLarge(ZunException):
    msg_fmt = 'The request body is larger than %(limit)d bytes.'


class ArchiveTooLarge(RequestEntityTooLarge):
    msg_fmt = ('The archive is %(size)d bytes, larger than the limit of '
               '%(limit)d bytes for archives.')


# --- Failures of the service or of the engine it drives.

class ServiceUnavailable(ZunException):
    msg_fmt = 'Service unavailable: %(detail)s'


class ContainerHostNotUp(ServiceUnavailable):
    msg_fmt = ('The compute service on host %(host)s of container '
               '%(container)s is down.')


class ComputeTimeout(ServiceUnavailable):
    msg_fmt = ('The compute service on host %(host)s did not answer the '
               '%(action)s request for container %(container)s in time. It '
               'may still finish it: check the status and the action '
               'history of the container.')


class NoValidHost(ZunException):
    msg_fmt = 'There are not enough hosts available: %(reason)s'


class DockerError(ZunException):
    msg_fmt = 'Docker engine error: %(error_msg)s'


class ContainerEngineConflict(Conflict):
    """The engine rejected an action because of the container's state."""

    msg_fmt = 'The container engine rejected the request: %(detail)s'


class ContainerNotOnEngine(Conflict):
    """The database has the container, but the engine does not."""

    msg_fmt = ('The container engine has no container for %(container)s; it '
               'was never created or was removed outside zun.')


class ExecTimeout(Conflict):
    """A command run by execute exceeded [docker] execute_timeout.

    Zun returns 409 for this case, so zun does too.
    """

    msg_fmt = ('The command in container %(container)s did not finish within '
               '%(timeout)s seconds. %(outcome)s Run long commands with an '
               'interactive exec.')

    KILLED = 'It was killed.'
    NOT_KILLED = 'Killing it failed, so it may still be running.'


class ComputeCallTimeout(ServiceUnavailable):
    msg_fmt = ('The compute service on host %(host)s did not answer the '
               '%(method)s request for container %(container)s within '
               '%(timeout)s seconds.')


class ImagePullFailed(ZunException):
    msg_fmt = 'Failed to pull image %(image)s: %(detail)s'
