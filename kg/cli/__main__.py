"""``python -m kg.cli``: the kg command (kept for scripts written before ``python -m kg``)."""

import sys

from kg.cli import main

sys.exit(main())
