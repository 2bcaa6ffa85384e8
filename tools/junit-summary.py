"""Print "N passed, N failed" from a JUnit XML report.

Errors and skipped tests count as failed. The exit status is 0 when
nothing failed, 1 when something failed and 2 when the report is missing
or unreadable (then nothing is printed).
"""

import sys
import xml.etree.ElementTree as ElementTree  # noqa: S405  (our own report)


def main(path):
    try:
        root = ElementTree.parse(path).getroot()  # noqa: S314  (ours)
    except (OSError, ElementTree.ParseError) as error:
        print('cannot read %s: %s' % (path, error), file=sys.stderr)
        return 2
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
