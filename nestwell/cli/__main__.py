import sys

from nestwell.cli import main

sys.exit(main())
