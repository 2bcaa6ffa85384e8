"""zun runs on plain threads: importing its services must not patch them.

The check runs in a fresh interpreter, because this test process has
already imported many modules and a patch made at import time would
happen only once.
"""

import functools
import json
import subprocess
import sys

from zun.tests import base

_PROBE = '''
import json
import select
import socket
import sys
import threading
import time
import zun.cmd
import zun.api.app
import zun.compute.service
print(json.dumps({
    'eventlet': sys.modules.get('eventlet') is not None,
    'socket': socket.socket.__module__,
    'thread': threading.Thread.start.__module__,
    'time': type(time.sleep).__name__,
    'select': select.select.__module__,
}))
'''


@functools.lru_cache(maxsize=1)
def _probe():
    """Return the modules' state in a fresh interpreter after the imports."""
    result = subprocess.run(
        [sys.executable, '-c', _PROBE], capture_output=True, text=True,
        timeout=120, check=False)
    if result.returncode != 0:
        raise AssertionError('The import probe failed:\n%s' % result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


class TestNoMonkeyPatching(base.TestCase):

    def test_imports_leave_socket_and_thread(self):
        found = _probe()
        self.assertEqual('socket', found['socket'])
        self.assertEqual('threading', found['thread'])

    def test_imports_leave_time_and_select(self):
        found = _probe()
        self.assertEqual('builtin_function_or_method', found['time'])
        self.assertEqual('select', found['select'])

    def test_eventlet_not_loaded(self):
        self.assertFalse(_probe()['eventlet'])

    def test_threading_backend_selected(self):
        from oslo_service import backend
        self.assertEqual(backend.BackendType.THREADING,
                         backend.get_backend_type())
