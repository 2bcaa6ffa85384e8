"""Request parsing and JSON Schema validation with clear 400 messages."""

import re

import jsonschema
from jsonschema import validators
from oslo_serialization import jsonutils
from oslo_utils import strutils

from zun.common import exception

JSON_CONTENT_TYPES = ('application/json',)


def _full_match_pattern(validator, pattern, instance, schema):
    # JSON Schema's "pattern" searches, and Python's "$" also matches
    # before a trailing newline, so "ab\n" would pass "^[a-z]+$". The
    # patterns of zun's schemas describe the whole value, so this keyword
    # requires a full match.
    if not validator.is_type(instance, 'string'):
        return
    if re.fullmatch(pattern, instance) is None:
        yield jsonschema.ValidationError(
            '%r does not match %r' % (instance, pattern))


_Validator = validators.extend(
    validators.validator_for({'$schema': 'https://json-schema.org/draft/'
                                         '2020-12/schema'}),
    {'pattern': _full_match_pattern})


def _field_path(path, prefix):
    parts = [prefix] if prefix else []
    for part in path:
        if isinstance(part, int):
            parts.append('[%d]' % part)
        else:
            parts.append(('.' if parts else '') + str(part))
    return ''.join(parts) or '(body)'


# Messages of the schema keywords whose value fits into a sentence.
_RULE_MESSAGES = {
    'pattern': 'must match the regular expression %s',
    'minLength': 'must be at least %s characters long',
    'maxLength': 'must be at most %s characters long',
    'minimum': 'must be at least %s',
    'maximum': 'must be at most %s',
    'minItems': 'must have at least %s items',
    'maxItems': 'must have at most %s items',
    'maxProperties': 'must have at most %s entries',
}


def _describe(error):
    """Return the rule that ``error`` broke, in words."""
    rule = error.validator
    value = error.validator_value
    description = error.schema.get('description') if isinstance(
        error.schema, dict) else None
    if rule in ('pattern', 'anyOf') and description:
        return 'must be %s' % description
    if rule == 'minLength' and value == 1:
        return 'must not be empty'

    if rule == 'type':
        kinds = value if isinstance(value, list) else [value]
        return 'must be of type %s' % ' or '.join(kinds)
    if rule == 'enum':
        return 'must be one of %s' % ', '.join(repr(v) for v in value)
    if rule in _RULE_MESSAGES:
        return _RULE_MESSAGES[rule] % (value,)
    return error.message


def _unexpected_keys(error):
    allowed = sorted(error.schema.get('properties', {}))
    unexpected = sorted(set(error.instance) - set(allowed))
    return 'has unknown keys %s, while the allowed keys are %s' % (
        ', '.join(unexpected), ', '.join(allowed))


def _invalid(error, field):
    """Return the InvalidParameterValue that describes a schema error."""
    path = list(error.absolute_path)
    schema_path = list(error.absolute_schema_path)
    if len(schema_path) >= 2 and schema_path[-2] == 'propertyNames':
        # The error is about a key, which the instance path leaves out.
        detail = 'key %r %s' % (error.instance, _describe(error))
    elif error.validator == 'required':
        missing = [name for name in error.validator_value
                   if name not in error.instance]
        path.append(missing[0])
        detail = 'is required'
    elif (error.validator == 'additionalProperties'
          and error.validator_value is False):
        detail = _unexpected_keys(error)
    else:
        detail = _describe(error)
    return exception.InvalidParameterValue(
        field=_field_path(path, field), detail=detail)


def validate(schema, value, field):
    """Validate ``value`` against ``schema``.

    Patterns must match the whole string, not only a part of it.
    :param field: the name of the value in the request, used in messages.
    :raises InvalidParameterValue: naming the field (or the nested part of
        it) and the rule that failed.
    """
    validator = _Validator(schema, format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(value))
    if error is not None:
        raise _invalid(error, field)


def read_json_body(request, required=True, check_text=True):
    """Return the JSON object in the request body.

    :param check_text: reject NUL characters and unpaired surrogates, as
        check_strings does. A caller that accepts binary data as text
        passes False and checks the other values itself.
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
    except RecursionError:
        # The parser recurses once per nesting level.
        raise exception.MalformedRequestBody(
            detail='the JSON document is nested too deeply')
    if not isinstance(body, dict):
        raise exception.MalformedRequestBody(
            detail='the body must be a JSON object, not %s'
            % json_type_name(body))
    if check_text:
        check_strings(body)
    return body


_JSON_TYPE_NAMES = (
    (bool, 'a boolean'), (int, 'a number'), (float, 'a number'),
    (str, 'a string'), (list, 'an array'), (dict, 'an object'),
)


def json_type_name(value):
    """Return the JSON name of a parsed value's type, such as 'an array'."""
    if value is None:
        return 'null'
    for python_type, name in _JSON_TYPE_NAMES:
        if isinstance(value, python_type):
            return name
    return type(value).__name__


def _check_text(text, path, label):
    if '\x00' in text:
        raise exception.InvalidParameterValue(
            field=_field_path(path, None),
            detail='%s contains a NUL character' % label)
    try:
        text.encode('utf-8')
    except UnicodeEncodeError:
        raise exception.InvalidParameterValue(
            field=_field_path(path, None),
            detail='%s contains an unpaired UTF-16 surrogate' % label)


def check_strings(body):
    """Reject NUL characters and unpaired surrogates in a JSON document.

    Neither can be stored or passed on. PostgreSQL text and C strings end
    at NUL, and UTF-8 cannot encode a surrogate, which a JSON ``\\u``
    escape can still produce. The walk uses a stack, not recursion, because the
    document may be nested almost as deeply as the parser allows.
    :raises InvalidParameterValue: naming the value's place in the body.
    """
    stack = [((), body)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, path, 'key %r' % key)
                stack.append((path + (key,), item))
        elif isinstance(value, list):
            stack.extend((path + (index,), item)
                         for index, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, path, 'the value')


def query_params(request, allowed):
    """Return the query string as a dict, rejecting unknown names.

    :raises UnknownParameters: for names not in ``allowed``.
    :raises InvalidParameterValue: for a name given more than once, whose
        meaning would be ambiguous.
    """
    params = {}
    for name, value in request.GET.items():
        if name in params:
            raise exception.InvalidParameterValue(
                field=name, detail='is given more than once; give it once')
        params[name] = value
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise exception.UnknownParameters(names=', '.join(unknown))
    for name, value in params.items():
        if '\x00' in value:
            raise exception.InvalidParameterValue(
                field=name, detail='the value contains a NUL character')
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


_INTEGER_RE = re.compile(r'[+-]?[0-9]+')
# No integer parameter of the API needs more digits, and Python refuses
# to convert strings of more than 4300 digits.
_MAX_DIGITS = 30


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
    elif isinstance(value, str) and _INTEGER_RE.fullmatch(value.strip()):
        if len(value.strip()) > _MAX_DIGITS:
            raise exception.InvalidParameterValue(
                field=field, detail='the integer has more than %d digits'
                % _MAX_DIGITS)
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
