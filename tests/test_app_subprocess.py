"""The real app, in its own process, through a full branch of every deployment type.

tests/gui_driver.py starts the app as the command line does and drives it from inside with real
key events (thousands of characters), the live checks against a DNS server on 127.0.0.1, and the
print preview, then quits through File ▸ Quit. A refcount bug in a Qt binding (issue 10, defect 1)
aborted exactly this: "Fatal Python error: none_dealloc" mid-use or "bool_dealloc" on quit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checks_fixtures import DOMAIN, good_o365_zone, good_onprem_zone
from tests.gui_helpers import ANSWERS_BY_FIELD
from wizard.content import playbook

DRIVER = Path(__file__).with_name("gui_driver.py")
DEPLOYMENTS = [c.value for c in playbook.load().field("deployment").choices]


def run_app(tmp_path: Path, deployment: str, nameserver: str) -> subprocess.CompletedProcess:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    return subprocess.run(
        [sys.executable, str(DRIVER), str(tmp_path / "data"), deployment, nameserver],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_the_real_app_types_checks_previews_and_quits_cleanly(tmp_path, fake_dns, deployment):
    fake_dns.zone.update(good_onprem_zone() if deployment == "onprem" else good_o365_zone())
    done = run_app(tmp_path, deployment, fake_dns.nameserver)
    assert "Fatal Python error" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-3000:]
    out = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert int(out["typed"]) >= 3000, done.stdout
    print(f"\n{deployment}: typed {out['typed']} keys over {out['steps']} steps, exit 0")
    # Microsoft Teams today (issue 9) has no DNS records to check and asks for no SIP domain.
    has_records = deployment != "teams-free"
    assert "preview" in out and ("checks" in out or not has_records), done.stdout
    # What was typed is what was saved.
    saved = next((tmp_path / "data" / "setups").glob("*.json")).read_text(encoding="utf-8")
    assert "Contoso Ltd" in saved and (DOMAIN in saved or not has_records)
    if not has_records:
        assert "anna@contoso.com" in saved  # the test user of the Teams (free) branch
    # The app kept a log in the portable data folder, without the agreement number.
    logged = (tmp_path / "data" / "logs" / "lync-skype-wizard.log").read_text(encoding="utf-8")
    assert "quit, exit code 0" in logged
    assert ANSWERS_BY_FIELD["agreement_number"] not in logged + saved
