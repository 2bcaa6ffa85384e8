"""POST /v1/containers/{id}/commit: a new image from a container.

Zun uploads the image to Glance and returns the Glance image's UUID. This
service commits to the engine of the container's host instead, where the
image is ready for new containers on that host as ``repository:tag``, and
returns the engine's image ID (``sha256:...``) in ``uuid``.
"""

import pecan

from zun.api import parsers
from zun.api.controllers import base
from zun.api.controllers.v1 import actions
from zun.api.schemas import containers as schema


def _parse_commit(params):
    return dict(params,
                repository=parsers.parse_repository(
                    params.get('repository')),
                tag=parsers.parse_tag(params.get('tag')))


class CommitActions:
    """Mixin of ContainersController with the commit action."""

    CUSTOM_ACTIONS = {
        'commit': ['POST'],
    }

    @pecan.expose('json')
    def commit(self, container_ident=None, **kwargs):
        result = {}

        def send(context, container, params):
            # The call returns once the image exists; the container is
            # paused meanwhile when it runs.
            result['uuid'] = base.compute_api().container_commit(
                context, container, params['repository'], params['tag'])

        actions.run(container_ident, 'commit', 'container:commit',
                    schema.COMMIT_QUERY, send, parse=_parse_commit)
        return result
