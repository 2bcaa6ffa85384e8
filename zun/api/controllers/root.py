"""The root controller: the version document and routing to v1."""

import pecan

from zun.api import versions
from zun.api.controllers import base
from zun.api.controllers import v1


def version_document(base_url):
    """Return the description of API v1 that clients negotiate with."""
    return {
        'id': 'v1',
        'links': [{'href': '%s/v1/' % base_url, 'rel': 'self'}],
        'status': 'CURRENT',
        'min_version': str(versions.MIN_VERSION),
        'max_version': str(versions.MAX_VERSION),
    }


class RootController(base.Controller):

    v1 = v1.Controller()

    @pecan.expose('json')
    def get(self):
        document = version_document(base.base_url())
        return {
            'name': 'OpenStack Zun API',
            'description': 'Container service with the OpenStack Zun '
                           'API.',
            'versions': [document],
            'default_version': document,
        }

    @pecan.expose()
    def _lookup(self, primary_key, *remainder):
        # Paths without a version, such as a bookmark link, go to v1.
        return self.v1, (primary_key,) + remainder
