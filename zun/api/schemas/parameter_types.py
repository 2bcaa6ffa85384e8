"""Reusable JSON Schema pieces of request bodies and query strings.

``zun.api.validation`` requires every ``pattern`` to match the whole value.
A ``description`` next to a pattern replaces the regular expression in
error messages, after the words "must be".
"""

from zun.common import consts

NAME_PATTERN = r'^[a-zA-Z0-9][a-zA-Z0-9_.-]+$'
# One or more RFC 1123 labels separated by dots.
HOSTNAME_PATTERN = (r'^(?=.{1,63}$)[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?'
                    r'(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$')

# Limits of environment variables and labels.
MAX_MAP_ENTRIES = 512
MAX_KEY_LENGTH = 255
MAX_VALUE_LENGTH = 65535

container_name = {
    'type': 'string',
    'minLength': 2,
    'maxLength': 255,
    'pattern': NAME_PATTERN,
    'description': 'a letter or digit followed by letters, digits, '
                   "'_', '.' or '-'",
}

image = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': r'^[^\s\u0000-\u001f\u007f]+$',
    'description': 'an image name without spaces or control characters',
}

boolean = {'type': 'boolean'}

number_or_string = {'type': ['number', 'string']}

string_list = {
    'type': 'array',
    'items': {'type': 'string', 'maxLength': 65535},
    'maxItems': 4096,
}

command_list = dict(string_list)

# The runtime column stores at most 32 characters.
runtime = {'type': 'string', 'minLength': 1, 'maxLength': 32}

absolute_path = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': '^/.*$',
    'description': "an absolute path, starting with '/'",
}

workdir = absolute_path

hostname = {
    'type': 'string',
    'maxLength': 63,
    'pattern': HOSTNAME_PATTERN,
    'description': 'a host name of letters, digits and inner hyphens, '
                   'in labels separated by dots',
}


def string_map(key_rule):
    """Return the schema of an object with string keys and string values."""
    return {
        'type': 'object',
        'maxProperties': MAX_MAP_ENTRIES,
        'propertyNames': {
            'type': 'string',
            'minLength': 1,
            'maxLength': MAX_KEY_LENGTH,
            'pattern': key_rule,
            'description': "a string without '=' or NUL characters",
        },
        'additionalProperties': {
            'type': 'string',
            'maxLength': MAX_VALUE_LENGTH,
            'pattern': '^[^\u0000]*$',
            'description': 'a string without NUL characters',
        },
    }


# Keys without "=" or NUL, which the engine cannot store.
environment = string_map('^[^=\u0000]+$')
labels = string_map('^[^=\u0000]+$')

restart_policy = {
    'type': 'object',
    'properties': {
        'Name': {'type': 'string', 'enum': list(consts.RESTART_POLICY_NAMES)},
        'MaximumRetryCount': {'type': ['integer', 'string', 'null']},
    },
    'required': ['Name'],
    'additionalProperties': False,
}

image_driver = {'type': 'string', 'enum': ['docker']}

image_pull_policy = {'type': 'string',
                     'enum': list(consts.IMAGE_PULL_POLICIES)}

security_groups = {
    'type': 'array',
    'items': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    'maxItems': 100,
}

nets = {
    'type': 'array',
    'maxItems': 32,
    'items': {
        'type': 'object',
        'properties': {
            'network': {'type': 'string', 'maxLength': 255},
            'port': {'type': 'string', 'maxLength': 255},
            # An empty address means none; python-zunclient sends one for
            # "v4-fixed-ip=" without a value.
            'v4-fixed-ip': {'type': 'string', 'anyOf': [
                {'maxLength': 0}, {'format': 'ipv4'}],
                'description': 'an IPv4 address or an empty string'},
            'v6-fixed-ip': {'type': 'string', 'anyOf': [
                {'maxLength': 0}, {'format': 'ipv6'}],
                'description': 'an IPv6 address or an empty string'},
            'preserve_on_delete': {'type': 'boolean'},
        },
        'additionalProperties': False,
    },
}


def mounts(with_type):
    """Return the schema of ``mounts``; ``type`` exists from 1.23."""
    properties = {
        'source': {'type': 'string', 'maxLength': 4 * 1024 * 1024},
        'destination': dict(absolute_path, maxLength=4096),
        'size': {'type': ['integer', 'string']},
    }
    if with_type:
        properties['type'] = {'type': 'string', 'enum': ['volume', 'bind']}
    return {
        'type': 'array',
        'maxItems': 32,
        'items': {
            'type': 'object',
            'properties': properties,
            'required': ['destination'],
            'additionalProperties': False,
        },
    }


# Largest count or number of seconds that the engine takes: a 32-bit
# signed integer. The engine stores times in int64 nanoseconds, and much
# larger numbers failed there only after the API had accepted them.
MAX_ENGINE_INT = 2 ** 31 - 1

healthcheck = {
    'type': 'object',
    'properties': {
        'cmd': {'type': 'string', 'minLength': 1, 'maxLength': 4096},
        'interval': {'type': 'integer', 'minimum': 0,
                     'maximum': MAX_ENGINE_INT},
        'retries': {'type': 'integer', 'minimum': 0,
                    'maximum': MAX_ENGINE_INT},
        'timeout': {'type': 'integer', 'minimum': 0,
                    'maximum': MAX_ENGINE_INT},
    },
    'required': ['cmd'],
    'additionalProperties': False,
}

exposed_ports = {
    'type': 'object',
    'maxProperties': 100,
    'additionalProperties': {'type': 'object', 'maxProperties': 0},
}

hints = {
    'type': 'object',
    'maxProperties': 64,
    'additionalProperties': {'type': 'string', 'maxLength': 255},
}

cpu_policy = {'type': 'string', 'enum': ['shared', 'dedicated']}

availability_zone = {'type': 'string', 'minLength': 1, 'maxLength': 255}

host = {'type': 'string', 'minLength': 1, 'maxLength': 255}

registry = {'type': 'string', 'minLength': 1, 'maxLength': 255}
