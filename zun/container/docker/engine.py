"""Naming of zun containers on the engine, and translation of its errors."""

import functools

from docker import errors as docker_errors
from oslo_config import cfg
import requests

from zun.common import consts
from zun.common import exception

CONF = cfg.CONF


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
            if exc.status_code == 409:
                raise exception.ContainerEngineConflict(
                    detail=explanation(exc))
            raise exception.DockerError(error_msg=explanation(exc))
        except docker_errors.DockerException as exc:
            raise exception.DockerError(error_msg=str(exc))
        except requests.exceptions.RequestException as exc:
            raise exception.DockerError(
                error_msg='cannot reach the Docker engine at %s: %s'
                % (CONF.docker.api_url, exc))
    return wrapper
