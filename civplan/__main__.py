"""`python -m civplan`: the editors' command line (civplan.cli)."""

import sys

from civplan.cli.main import main

sys.exit(main())
