"""pytest set-up shared by the unit and functional tests."""

import warnings

# futurist imports eventlet when it is installed, which prints a
# deprecation banner; zun never uses eventlet.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')

import zun.cmd  # noqa: E402,F401  (selects oslo.service's threading back end)
