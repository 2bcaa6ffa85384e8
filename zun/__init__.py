"""zun: a container service with the OpenStack Zun API.

oslo.service, which oslo.messaging imports, loads its eventlet back end
unless told otherwise. zun runs on plain threads, so importing the package
selects oslo.service's threading back end before anything else can import
oslo.service.
"""

import warnings

# futurist imports eventlet when it is installed (oslo.service depends on
# it), which prints a deprecation banner; zun never uses eventlet.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')


def _select_threading_backend():
    from oslo_service import backend

    try:
        backend.init_backend(backend.BackendType.THREADING)
    except backend.exceptions.BackendAlreadySelected:
        # Selected earlier in this process; init_backend allows one choice.
        pass


_select_threading_backend()
