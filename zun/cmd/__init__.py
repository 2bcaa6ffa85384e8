"""Console entry points.

oslo.service (which oslo.messaging imports) would load its eventlet
back end by default; zun runs on plain threads, so the threading back end
is chosen before anything imports oslo.service.
"""

import warnings

# futurist imports eventlet when it is installed (oslo.service depends on
# it), which prints a deprecation banner; zun never uses eventlet.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')

from oslo_service import backend  # noqa: E402

backend.init_backend(backend.BackendType.THREADING)
