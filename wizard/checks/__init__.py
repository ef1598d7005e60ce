"""Live verification: the DNS records and the Access Edge certificate, checked for real.

Qt-free: the command line calls ``run_checks`` directly, the verification page runs it on a worker
thread. ``plan`` lists the checks before they run; results are ``CheckResult`` (plain data that
is saved in the setup with ``to_dict`` and read back with ``from_dict``).
"""

from wizard.checks.dnsrecords import Nameserver, parse_nameserver
from wizard.checks.result import (
    FAIL,
    PASS,
    STATUS_WORDS,
    WARNING,
    CheckResult,
    PlannedCheck,
)
from wizard.checks.runner import DEFAULT_TIMEOUT, DEPLOYMENTS, plan, run_checks

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEPLOYMENTS",
    "FAIL",
    "PASS",
    "STATUS_WORDS",
    "WARNING",
    "CheckResult",
    "Nameserver",
    "PlannedCheck",
    "parse_nameserver",
    "plan",
    "run_checks",
]
