"""Live verification: the DNS records and the Access Edge certificate, checked for real.

Qt-free: the command line calls ``run_checks`` directly, the verification page runs it on a worker
thread. ``plan`` lists the checks before they run; results are ``CheckResult`` (plain data that
is saved in the setup with ``to_dict`` and read back with ``from_dict``): Pass, Warning, Fail, or
"Couldn't check" (``UNKNOWN``) when nothing could be concluded.
"""

from wizard.checks.dnsrecords import Nameserver, parse_nameserver
from wizard.checks.result import (
    FAIL,
    PASS,
    STATUS_WORDS,
    UNKNOWN,
    WARNING,
    CheckResult,
    PlannedCheck,
    local_time,
)
from wizard.checks.runner import DEFAULT_TIMEOUT, DEPLOYMENTS, plan, run_checks

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEPLOYMENTS",
    "FAIL",
    "PASS",
    "STATUS_WORDS",
    "UNKNOWN",
    "WARNING",
    "CheckResult",
    "Nameserver",
    "PlannedCheck",
    "local_time",
    "parse_nameserver",
    "plan",
    "run_checks",
]
