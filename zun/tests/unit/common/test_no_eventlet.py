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
import zun.cmd
import zun.api.app
import zun.compute.service
from eventlet import patcher
print(json.dumps({name: patcher.is_monkey_patched(name)
                  for name in ('socket', 'thread', 'time', 'select')}))
'''


@functools.lru_cache(maxsize=1)
def _probe():
    """Return {module: patched} from a fresh interpreter, run once."""
    result = subprocess.run(
        [sys.executable, '-c', _PROBE], capture_output=True, text=True,
        timeout=120, check=False)
    if result.returncode != 0:
        raise AssertionError('The import probe failed:\n%s' % result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


class TestNoMonkeyPatching(base.TestCase):

    def test_imports_leave_socket_and_thread(self):
        patched = _probe()
        self.assertFalse(patched['socket'])
        self.assertFalse(patched['thread'])

    def test_imports_leave_time_and_select(self):
        patched = _probe()
        self.assertFalse(patched['time'])
        self.assertFalse(patched['select'])

    def test_threading_backend_selected(self):
        from oslo_service import backend
        self.assertEqual(backend.BackendType.THREADING,
                         backend.get_backend_type())
