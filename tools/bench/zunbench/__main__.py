import sys

from zunbench import cli

sys.exit(cli.main())
