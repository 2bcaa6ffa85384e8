"""Naming of zun containers on the engine, and translation of its errors."""

import functools
import re

from docker import errors as docker_errors
from oslo_config import cfg
import requests

from zun.common import consts
from zun.common import exception

CONF = cfg.CONF

# Messages of engine errors that reject an action because of the
# container's state. Docker 20.10 returns some of them with status 500,
# such as an unpause of a container that is not paused.
_STATE_CONFLICTS = re.compile(
    r'is not running|is not paused|is already paused|is paused|'
    r'is restarting|is dead|marked for removal|removal of container .* is '
    r'already in progress', re.IGNORECASE)


def engine_name(container):
    """Return the engine-side name of a zun container."""
    return consts.NAME_PREFIX + container.uuid


def target(container):
    """Return the engine ID of a container, or its name before it has one."""
    return container.container_id or engine_name(container)


def explanation(exc):
    return (getattr(exc, 'explanation', None) or str(exc)).strip()


def translate_errors(func):
    """Turn docker SDK and HTTP errors into zun's domain exceptions.

    The SDK raises requests' own exceptions, not DockerException, when the
    engine cannot be reached or a request times out.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except docker_errors.APIError as exc:
            detail = explanation(exc)
            if exc.status_code == 409 or _STATE_CONFLICTS.search(detail):
                raise exception.ContainerEngineConflict(detail=detail)
            if exc.status_code == 400:
                raise exception.ContainerEngineInvalid(detail=detail)
            raise exception.DockerError(error_msg=detail)
        except docker_errors.DockerException as exc:
            raise exception.DockerError(error_msg=str(exc))
        except requests.exceptions.RequestException as exc:
            raise exception.DockerError(
                error_msg='cannot reach the Docker engine at %s: %s'
                % (CONF.docker.api_url, exc))
    return wrapper
