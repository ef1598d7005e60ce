"""``python -m wizard``: the same as the ``lync-skype-wizard`` command."""

import sys

from wizard.cli import main

sys.exit(main())
