"""zun: a container service with the OpenStack Zun API.

oslo.service, which oslo.messaging imports, loads its eventlet back end
unless told otherwise. zun runs on plain threads, so importing the package
selects oslo.service's threading back end before anything else can import
oslo.service.
"""

import sys
import warnings

# futurist and oslo.messaging import eventlet whenever it is installed, and
# oslo.service depends on it, so it always is. zun never uses eventlet, and
# the import alone cost each process 16 MiB of resident memory and 0.1 s,
# with dnspython and cryptography that it pulls in. Marking the module as
# missing makes their optional imports fail as they do without eventlet. A
# process that imported eventlet before zun keeps it.
sys.modules.setdefault('eventlet', None)
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')


def _select_threading_backend():
    from oslo_service import backend

    try:
        backend.init_backend(backend.BackendType.THREADING)
    except backend.exceptions.BackendAlreadySelected:
        # Selected earlier in this process; init_backend allows one choice.
        pass


_select_threading_backend()
