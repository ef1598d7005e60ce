"""Start-up driver for the baseline: runs bench/baseline_wizard.py unchanged, quits once shown."""

import time

T_TOP = time.clock_gettime(time.CLOCK_MONOTONIC)

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import quit_after_show  # noqa: E402

quit_after_show.T0 = T_TOP

if __name__ == "__main__":
    quit_after_show.install()
    import baseline_wizard

    sys.exit(baseline_wizard.main([]))
