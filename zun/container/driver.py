"""The container driver interface that zun-compute drives.

A driver runs containers on one host. The manager calls only the methods
declared here; a driver for another engine implements all of them.
"""

import abc

from oslo_config import cfg
from oslo_log import log as logging
from stevedore import driver as stevedore_driver

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

NAMESPACE = 'zun.container.driver'


def load_container_driver(name=None):
    """Load the driver named by ``container_driver`` (or ``name``)."""
    name = name or CONF.container_driver
    LOG.info('Loading container driver %s', name)
    manager = stevedore_driver.DriverManager(NAMESPACE, name,
                                             invoke_on_load=True)
    return manager.driver


class EngineContainer:
    """The engine's view of one container, as a list call returns it.

    :ivar container_id: the engine's ID of the container.
    :ivar uuid: zun's UUID of the container.
    :ivar status: zun's status for the engine's state, such as ``Running``.
    :ivar status_detail: a human-readable summary, such as ``Up 5 minutes``.
    """

    __slots__ = ('container_id', 'uuid', 'status', 'status_detail')

    def __init__(self, container_id, uuid, status, status_detail):
        self.container_id = container_id
        self.uuid = uuid
        self.status = status
        self.status_detail = status_detail

    def __repr__(self):
        return ('EngineContainer(uuid=%r, status=%r, status_detail=%r)'
                % (self.uuid, self.status, self.status_detail))


class ConsoleStream(abc.ABC):
    """A two-way byte stream to the console of a running process.

    One thread may read while another writes; ``close`` may come from
    either and ends a blocked ``read``.

    :ivar accepts_input: the process has its standard input open, so
        ``write`` passes bytes on; otherwise ``write`` drops them.
    """

    accepts_input = False

    @abc.abstractmethod
    def read(self, timeout=None):
        """Return the next output bytes of the process.

        Standard output and error arrive interleaved, as the process
        wrote them.
        :param timeout: seconds to wait, or None to wait until output or
            the end arrives.
        :returns: bytes; ``b''`` at the end of the stream; None when the
            timeout passed without output.
        """

    @abc.abstractmethod
    def write(self, data):
        """Send ``data`` (bytes) to the standard input of the process.

        :raises OSError: when the stream is broken.
        """

    @abc.abstractmethod
    def close(self):
        """Close the stream; a second call does nothing."""

    @abc.abstractmethod
    def describe_end(self):
        """Return how the process ended, such as ``exited with code 0``."""


class ContainerDriver(abc.ABC):
    """Interface of a container driver.

    Every method that talks to the engine raises ``DockerError`` (or the
    equivalent of another engine) when the engine fails, and
    ``ContainerEngineConflict`` when the engine rejects the request because
    of the container's current state.
    """

    @abc.abstractmethod
    def pull_image(self, context, image, pull_policy):
        """Make ``image`` available on this host according to a policy.

        :param image: image reference, such as ``busybox`` or
            ``registry:5000/app:1.2``.
        :param pull_policy: ``always``, ``ifnotpresent``, ``never``, or None
            for the default (``always`` for the ``latest`` tag, else
            ``ifnotpresent``).
        :returns: the engine's ID of the image.
        :raises ImageNotFound: when the image is not on the host and the
            policy forbids pulling it.
        :raises ImagePullFailed: when the pull fails.
        """

    @abc.abstractmethod
    def create(self, context, container, image_id):
        """Create ``container`` on the engine without starting it.

        :param container: the Container object; the driver reads its
            settings and sets ``container_id``, ``status`` and
            ``status_detail``.
        :param image_id: the engine's ID of the image, as pull_image
            returned it. The Docker driver creates from the container's
            image reference instead, which names the same local image.
        :returns: the Container object.
        :raises DiskQuotaNotSupported: when the container has ``disk`` and
            the host cannot limit it.

        The volumes and injected files of the container's ``mounts`` are
        created first, or reused when they exist, as after a rebuild.
        """

    @abc.abstractmethod
    def start(self, context, container):
        """Start ``container`` and update its status fields.

        :returns: the Container object.
        """

    @abc.abstractmethod
    def stop(self, context, container, timeout):
        """Stop ``container``, killing it after ``timeout`` seconds.

        :returns: the Container object with its new status.
        """

    @abc.abstractmethod
    def delete(self, context, container, force):
        """Remove ``container`` from the engine.

        A container that the engine no longer knows counts as removed.

        :param force: remove a running container too.
        """

    @abc.abstractmethod
    def remove_mounts(self, context, container):
        """Remove the volumes and files that zun made for ``container``.

        The manager calls it after the final delete of the container, not
        after the delete inside a rebuild. Volumes that another container
        still uses, and those that zun did not create, stay.
        """

    @abc.abstractmethod
    def pause(self, context, container):
        """Pause every process of ``container``.

        :returns: the Container object with its new status.
        :raises ContainerEngineConflict: when the container is not running.
        """

    @abc.abstractmethod
    def unpause(self, context, container):
        """Resume the processes of a paused ``container``.

        :returns: the Container object with its new status.
        :raises ContainerEngineConflict: when the container is not paused.
        """

    @abc.abstractmethod
    def kill(self, context, container, signal=None):
        """Send a signal to the main process of ``container``.

        :param signal: a signal name such as ``SIGKILL`` or a number as a
            string; None sends the engine's default, SIGKILL.
        :returns: the Container object with its new status.
        :raises ContainerEngineConflict: when the container is not running.
        """

    @abc.abstractmethod
    def reboot(self, context, container, timeout):
        """Restart ``container``.

        A running container gets the stop signal and is killed after
        ``timeout`` seconds; then it starts again. A container that is not
        running is only started.

        :returns: the Container object with its new status.
        """

    @abc.abstractmethod
    def update(self, context, container, cpu=None, memory=None):
        """Change the CPU or memory limit of ``container`` in place.

        :param cpu: number of CPUs, or None to keep the limit.
        :param memory: memory limit in MiB, or None to keep the limit.
        :returns: the Container object.
        :raises ContainerEngineInvalid: when the engine rejects a limit,
            such as memory below what the container uses.
        """

    @abc.abstractmethod
    def commit(self, context, container, repository, tag):
        """Create an image on this host from the container's file system.

        The driver does not pause the container; the manager does that.
        :returns: the engine's ID of the new image.
        :raises ContainerEngineInvalid: for a repository or tag that the
            engine rejects.
        """

    @abc.abstractmethod
    def show(self, context, container):
        """Read the engine's state of ``container`` into its status fields.

        :returns: the Container object. When the engine has no such
            container, its status becomes ``Deleted`` if it has
            ``auto_remove``, else ``Error`` with a reason.
        """

    @abc.abstractmethod
    def list(self, context):
        """Return every zun container of the engine, in one engine call.

        :returns: a list of EngineContainer.
        """

    @abc.abstractmethod
    def logs(self, context, container, stdout, stderr, timestamps, tail,
             since):
        """Return the log text of ``container``.

        :param stdout: include the standard output stream.
        :param stderr: include the standard error stream.
        :param timestamps: start each line with the engine's RFC 3339
            timestamp.
        :param tail: return only the last ``tail`` whole lines (0 returns
            no lines), or None for every line.
        :param since: seconds since the Unix epoch (float); only lines
            logged at or after that time are returned. None or 0 for all.
        :returns: the text, decoded as UTF-8 with invalid bytes replaced.
        :raises ContainerNotOnEngine: when the engine has no such container.
        """

    @abc.abstractmethod
    def top(self, context, container, ps_args):
        """List the processes of a running container.

        :param ps_args: arguments for ``ps`` (already checked against an
            allow-list), or None for the engine's default.
        :returns: ``{'Titles': [...], 'Processes': [[...], ...]}``.
        :raises ContainerNotOnEngine: when the engine has no such container.
        :raises ContainerEngineConflict: when it is not running.
        """

    @abc.abstractmethod
    def stats(self, context, container):
        """Return the resource usage of a running container.

        :returns: a dict with Zun's keys: ``CONTAINER`` (the name),
            ``CPU %`` (percent of one CPU), ``MEM USAGE(MiB)`` (without the
            page cache), ``MEM LIMIT(MiB)``, ``MEM %``, ``BLOCK I/O(B)``
            and ``NET I/O(B)`` (both ``"<read>/<written>"`` in bytes).
        :raises ContainerNotOnEngine: when the engine has no such container.
        """

    @abc.abstractmethod
    def execute_run(self, context, container, command, timeout):
        """Run a command in a running container and wait until it ends.

        :param command: the program and its arguments, as a list.
        :param timeout: seconds after which the command is killed.
        :returns: ``{'output': str, 'exit_code': int}``; the output holds
            standard output and error, interleaved as the command wrote
            them.
        :raises ExecTimeout: when the command runs over ``timeout``.
        :raises ContainerNotOnEngine: when the engine has no such container.
        :raises ContainerEngineConflict: when the engine refuses the exec,
            for example because the container is paused or stopped.
        """

    @abc.abstractmethod
    def get_archive(self, context, container, path, max_size):
        """Return a file or directory of ``container`` as a tar archive.

        :param path: the path in the container's file system.
        :param max_size: the largest archive, in bytes, to return.
        :returns: (archive bytes, stat) where stat is the engine's
            ``{"name", "size", "mode", "mtime", "linkTarget"}`` of the path.
        :raises ContainerPathNotFound: when the path does not exist.
        :raises ArchiveLimitExceeded: when the archive is larger than
            ``max_size``.
        """

    @abc.abstractmethod
    def put_archive(self, context, container, path, data):
        """Extract a tar archive into a directory of ``container``.

        The engine keeps every member inside the container's file system:
        it resolves ``..`` and symbolic links within the container's root.

        :param path: the directory in the container to extract into.
        :param data: the tar archive, as bytes.
        :raises ContainerPathNotFound: when the directory does not exist.
        :raises InvalidParameterValue: when the path is not a directory, or
            the engine cannot extract the archive.
        """

    @abc.abstractmethod
    def check_attachable(self, context, container):
        """Check that a client can attach to the console of ``container``.

        :raises ContainerNotOnEngine: when the engine has no such container.
        :raises ContainerEngineConflict: when it is not running, or keeps
            no standard input open.
        """

    @abc.abstractmethod
    def resize(self, context, container, height, width):
        """Set the size of the TTY of a running container.

        :param height: rows, from 1 to 65535.
        :param width: columns, from 1 to 65535.
        :raises ContainerNotOnEngine: when the engine has no such container.
        :raises ContainerEngineConflict: when it is not running.
        """

    @abc.abstractmethod
    def execute_create(self, context, container, command, interactive):
        """Create an exec of ``command`` in a container without starting it.

        The websocket proxy starts it when a client opens the session.
        :param interactive: open standard input and allocate a TTY.
        :returns: the engine's ID of the exec.
        :raises ContainerNotOnEngine: when the engine has no such container.
        :raises ContainerEngineConflict: when the engine refuses the exec.
        """

    @abc.abstractmethod
    def execute_resize(self, context, container, exec_id, height, width):
        """Set the size of the TTY of a running exec.

        :raises ExecFinished: when the exec has ended, or the engine has no
            record of it.
        :raises ExecNotStarted: when no session has started it yet.
        """

    @abc.abstractmethod
    def open_attach_stream(self, context, container):
        """Attach to the console of a running container.

        :returns: a ConsoleStream of the container's main process.
        :raises ContainerNotOnEngine: when the engine has no such container.
        :raises ContainerEngineConflict: when it is not running.
        """

    @abc.abstractmethod
    def open_exec_stream(self, context, container, exec_id):
        """Start an exec that execute_create made and stream its console.

        :returns: a ConsoleStream of the exec's process.
        :raises ExecFinished: when the engine has no record of the exec.
        :raises ExecAlreadyStarted: when the exec has started before.
        """

    @abc.abstractmethod
    def execute_kill(self, context, container, exec_id):
        """Kill the process of an exec and its children if it still runs.

        :returns: True when the process is gone, False when it may still
            run.
        """

    @abc.abstractmethod
    def get_host_info(self):
        """Return the host's resources and identity.

        :returns: a dict with ``cpus``, ``mem_total`` (MiB),
            ``disk_total`` and ``disk_used`` (GiB), ``architecture``,
            ``os_type``, ``os``, ``kernel_version``, ``runtimes``,
            ``labels`` and ``disk_quota_supported`` (whether a container's
            ``disk`` can be limited).
        """
