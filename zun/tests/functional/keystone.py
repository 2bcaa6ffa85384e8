"""The real Keystone of the functional tests: personas, tokens, catalog.

tools/services-up.sh creates the accounts below. Each persona is a user
with a project-scoped token; Keystone adds the implied roles to the token
(admin implies member, member implies reader).
"""

import dataclasses
import re

import requests

from zun.tests.functional import services

KEYSTONE_URL = services.KEYSTONE_URL
SERVICE_TYPE = 'container'
SETUP_HINT = ('run tools/services-up.sh keystone, which creates the '
              'accounts of the tests')

# Fernet tokens are URL-safe base64 text of a version byte 0x80 and a
# timestamp, so every one starts with "gAAAAA".
FERNET_TOKEN_PATTERN = re.compile(r'gAAAAA[A-Za-z0-9_=-]{20,}')


@dataclasses.dataclass(frozen=True)
class Persona:
    """A Keystone user and the project that its token is scoped to."""

    name: str
    username: str
    password: str
    project: str


PERSONAS = {persona.name: persona for persona in (
    Persona('admin', 'admin', 'adminpass', 'admin'),
    Persona('member', 'demo', 'demopass', 'demo'),
    Persona('reader', 'demo_reader', 'demo_readerpass', 'demo'),
    Persona('other_member', 'alt_demo', 'alt_demopass', 'alt_demo'),
    Persona('other_reader', 'alt_reader', 'alt_readerpass', 'alt_demo'),
)}

# Every password of the test accounts, the zun service user's included.
PASSWORDS = tuple(sorted({persona.password
                          for persona in PERSONAS.values()}
                         | {'zunpass'}))


@dataclasses.dataclass(frozen=True)
class Token:
    """A token with the identity that Keystone put into it."""

    persona: str
    token: str
    user_id: str
    project_id: str
    roles: tuple

    @property
    def headers(self):
        return {'X-Auth-Token': self.token}


def _password_body(username, password, scope):
    return {'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'name': username, 'domain': {'id': 'default'},
            'password': password}}},
        'scope': scope,
    }}


def _issue(body, username):
    services.check_keystone()
    response = requests.post(KEYSTONE_URL + '/auth/tokens', json=body,
                             timeout=30)
    if response.status_code == 401:
        raise AssertionError('Keystone rejected the password of %s; %s'
                             % (username, SETUP_HINT))
    response.raise_for_status()
    return response


def issue_token(persona_name):
    """Return a project-scoped Token of one of the PERSONAS."""
    persona = PERSONAS[persona_name]
    scope = {'project': {'name': persona.project,
                         'domain': {'id': 'default'}}}
    response = _issue(_password_body(persona.username, persona.password,
                                     scope), persona.username)
    data = response.json()['token']
    return Token(persona=persona_name,
                 token=response.headers['X-Subject-Token'],
                 user_id=data['user']['id'],
                 project_id=data['project']['id'],
                 roles=tuple(sorted(role['name'] for role in data['roles'])))


def issue_system_token():
    """Return a system-scoped token of the cloud administrator."""
    persona = PERSONAS['admin']
    response = _issue(_password_body(persona.username, persona.password,
                                     {'system': {'all': True}}),
                      persona.username)
    return response.headers['X-Subject-Token']


class CatalogRegion:
    """An endpoint of type ``container`` in a region of its own.

    The shared Keystone's catalog points RegionOne at port 9517, while
    each test deployment listens on a random port. A client that names
    this region (OS_REGION_NAME) finds the test's endpoint through the
    catalog, and clients of RegionOne keep finding 9517. ``delete``
    removes the endpoints and the region again.
    """

    def __init__(self, url):
        self.url = url
        self.name = services.unique_name('zun-func')
        self._endpoints = []
        self._admin = issue_token('admin')

    def _request(self, method, path, missing_ok=False, **kwargs):
        response = requests.request(method, KEYSTONE_URL + path,
                                    headers=self._admin.headers,
                                    timeout=30, **kwargs)
        if not (missing_ok and response.status_code == 404):
            response.raise_for_status()
        return response

    def _service_id(self):
        services_ = self._request(
            'GET', '/services', params={'type': SERVICE_TYPE}).json()
        found = services_['services']
        if not found:
            raise AssertionError('Keystone has no service of type %s; %s'
                                 % (SERVICE_TYPE, SETUP_HINT))
        return found[0]['id']

    def create(self):
        self._request('POST', '/regions', json={'region': {
            'id': self.name,
            'description': 'Endpoint of one zun functional test module'}})
        service_id = self._service_id()
        for interface in ('public', 'internal'):
            endpoint = self._request('POST', '/endpoints', json={
                'endpoint': {'service_id': service_id, 'url': self.url,
                             'interface': interface,
                             'region_id': self.name}}).json()
            self._endpoints.append(endpoint['endpoint']['id'])
        return self

    def delete(self):
        """Remove what ``create`` added, also after it failed halfway."""
        for endpoint_id in self._endpoints:
            self._request('DELETE', '/endpoints/%s' % endpoint_id,
                          missing_ok=True)
        self._endpoints = []
        self._request('DELETE', '/regions/%s' % self.name, missing_ok=True)
