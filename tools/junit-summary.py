"""Print "N passed, N failed" from a JUnit XML report.

Errors and skipped tests count as failed. The exit status is 0 only when
nothing failed.
"""

import sys
import xml.etree.ElementTree as ElementTree  # noqa: S405  (our own report)


def main(path):
    root = ElementTree.parse(path).getroot()  # noqa: S314  (pytest wrote it)
    suites = [root] if root.tag == 'testsuite' else root.iter('testsuite')
    total = failed = 0
    for suite in suites:
        total += int(suite.get('tests', 0))
        failed += (int(suite.get('failures', 0)) + int(suite.get('errors', 0))
                   + int(suite.get('skipped', 0)))
    passed = total - failed
    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 and total > 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
