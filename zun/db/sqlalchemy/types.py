"""Column types of the zun database."""

import json

from oslo_serialization import jsonutils
import sqlalchemy as sa


class JSONEncoded(sa.types.TypeDecorator):
    """A JSON value stored as text; NULL stays None, unlike oslo.db's types.

    Text and not the back end's JSON type, so SQLite, MariaDB and
    PostgreSQL store and compare it the same way.
    """

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return jsonutils.dumps(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        # The standard parser: the text is always what process_bind_param
        # wrote, and oslo's wrapper only adds a decode step that text
        # columns do not need, at a cost on every row of a list.
        return json.loads(value)
