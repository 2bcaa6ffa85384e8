"""Version 1 of the API."""

import pecan

from zun.api.controllers import base
from zun.api.controllers.v1 import containers


class Controller(base.Controller):

    containers = containers.ContainersController()

    @pecan.expose('json')
    def get(self):
        url = base.base_url()
        return {
            'id': 'v1',
            'media_types': [{
                'base': 'application/json',
                'type': 'application/vnd.openstack.zun.v1+json',
            }],
            'links': [{'href': '%s/v1/' % url, 'rel': 'self'}],
            'containers': [
                {'href': '%s/v1/containers/' % url, 'rel': 'self'},
                {'href': '%s/containers/' % url, 'rel': 'bookmark'},
            ],
        }
