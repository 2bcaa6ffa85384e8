"""pytest set-up shared by the unit and functional tests.

Importing zun selects oslo.service's threading back end and silences the
eventlet deprecation banner, before any test module imports oslo.service.
"""

import zun  # noqa: F401
