"""Request parsing and JSON Schema validation with clear 400 messages."""

import re

import jsonschema
from jsonschema import validators
from oslo_serialization import jsonutils
from oslo_utils import strutils

from zun.common import exception

JSON_CONTENT_TYPES = ('application/json',)

_Validator = validators.validator_for({'$schema':
                                       'https://json-schema.org/draft/'
                                       '2020-12/schema'})


def _field_path(error, prefix):
    path = [prefix] if prefix else []
    for part in error.absolute_path:
        if isinstance(part, int):
            path.append('[%d]' % part)
        else:
            path.append(('.' if path else '') + str(part))
    return ''.join(path) or '(body)'


def _describe(error):
    """Return the rule that ``error`` broke, in words."""
    rule = error.validator
    value = error.validator_value
    if rule == 'type':
        kinds = value if isinstance(value, list) else [value]
        return 'must be of type %s' % ' or '.join(kinds)
    if rule == 'enum':
        return 'must be one of %s' % ', '.join(repr(v) for v in value)
    if rule == 'pattern':
        return 'must match the regular expression %s' % value
    if rule == 'minLength':
        return 'must be at least %d characters long' % value
    if rule == 'maxLength':
        return 'must be at most %d characters long' % value
    if rule == 'minimum':
        return 'must be at least %s' % value
    if rule == 'maximum':
        return 'must be at most %s' % value
    if rule == 'minItems':
        return 'must have at least %d items' % value
    if rule == 'maxItems':
        return 'must have at most %d items' % value
    if rule == 'maxProperties':
        return 'must have at most %d entries' % value
    if rule == 'required':
        return error.message
    if rule == 'additionalProperties':
        return error.message
    if rule == 'propertyNames':
        return error.message
    return error.message


def validate(schema, value, field):
    """Validate ``value`` against ``schema``.

    :param field: the name of the value in the request, used in messages.
    :raises InvalidParameterValue: naming the field (or the nested part of
        it) and the rule that failed.
    """
    validator = _Validator(schema, format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(value))
    if error is None:
        return
    if error.validator == 'propertyNames':
        # The error is about a key, which the path does not include.
        detail = 'key %r %s' % (error.instance,
                                _describe(error.context[0])
                                if error.context else 'is not allowed')
        raise exception.InvalidParameterValue(
            field=_field_path(error, field), detail=detail)
    raise exception.InvalidParameterValue(field=_field_path(error, field),
                                          detail=_describe(error))


def read_json_body(request, required=True):
    """Return the JSON object in the request body.

    :raises UnsupportedMediaType: when the body is not declared as JSON.
    :raises MalformedRequestBody: when it does not parse, or is not an
        object.
    """
    if not request.body:
        if required:
            raise exception.MalformedRequestBody(
                detail='the request needs a JSON object as its body')
        return {}
    if request.content_type not in JSON_CONTENT_TYPES:
        raise exception.UnsupportedMediaType(
            content_type=request.content_type or '(none)')
    try:
        body = jsonutils.loads(request.body.decode('utf-8'))
    except (ValueError, UnicodeDecodeError) as exc:
        raise exception.MalformedRequestBody(detail='invalid JSON: %s' % exc)
    if not isinstance(body, dict):
        raise exception.MalformedRequestBody(
            detail='the body must be a JSON object, not %s'
            % type(body).__name__)
    return body


def query_params(request, allowed):
    """Return the query string as a dict, rejecting unknown names.

    A name given more than once keeps its last value.
    :raises UnknownParameters: for names not in ``allowed``.
    """
    params = {}
    for name, value in request.GET.items():
        params[name] = value
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise exception.UnknownParameters(names=', '.join(unknown))
    return params


def parse_bool(value, field):
    """Parse a boolean query parameter or body value."""
    if isinstance(value, bool):
        return value
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.InvalidParameterValue(
            field=field, detail="'%s' is not a boolean; use true or false"
            % value)


_INTEGER_RE = re.compile(r'^[+-]?[0-9]+$')


def parse_int(value, field, minimum=None, maximum=None):
    """Parse an integer from a query string or JSON, then check its range.

    :raises InvalidParameterValue: for a value that is not a whole number
        (booleans included), or one outside [minimum, maximum].
    """
    number = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _INTEGER_RE.match(value.strip()):
        number = int(value.strip())
    if number is None:
        raise exception.InvalidParameterValue(
            field=field, detail="'%s' is not an integer" % (value,))
    if minimum is not None and number < minimum:
        raise exception.InvalidParameterValue(
            field=field, detail='must be at least %d, not %d'
            % (minimum, number))
    if maximum is not None and number > maximum:
        raise exception.InvalidParameterValue(
            field=field, detail='must be at most %d, not %d'
            % (maximum, number))
    return number
