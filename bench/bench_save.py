"""How long one save and the start-up listing take. Run by hand:

    .venv/bin/python bench/bench_save.py [--saves 500] [--setups 200] [--dir DIR]

Save: median and p99 of ``SetupStore.save`` for a full on-prem setup (every field filled, many
steps done, check results), each save a real change (so every save writes, fsyncs, rotates the
.bak and fsyncs the folder), against a baseline measured in the same run: ``json.dump`` into a
plain file without fsync. Listing: ``SetupStore.entries()`` with 200 saved setups against none.
The target is a median save under 5 ms. ``--dir`` measures on another disk (e.g. a USB stick);
the default is a temp folder. Not a test: no assertions, just a table.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wizard.storage.document import Setup
from wizard.storage.store import SetupStore

TARGET_MEDIAN_MS = 5.0


class Clock:
    def __init__(self) -> None:
        self.now = _dt.datetime(2014, 3, 3, 9, 0, tzinfo=_dt.UTC)

    def __call__(self) -> _dt.datetime:
        self.now += _dt.timedelta(seconds=1)
        return self.now


def full_setup(clock: Clock, n: int = 0) -> Setup:
    setup = Setup.new(f"Contoso Holdings – Zürich {n}", clock=clock)
    setup.values.update(
        {
            "deployment": "onprem",
            "server_version": "2013-cu5",
            "provisioning_route": "request",
            "hybrid": True,
            "already_pic_provisioned": False,
            "sip_domains": [f"contoso{i}.com" for i in range(8)],
            "access_edge_fqdn": "sip.contoso.com",
            "edge_public_ip": "203.0.113.10",
            "dns_ttl": 3600,
            "agreement_type": "vl",
            "admin_email": "lync-admin@contoso.com",
            "pic_submitted_on": "2014-03-01",
            "activation_confirmed_on": "2014-03-04",
            "partner_discovery": True,
            "policy_scope": "user",
            "site_name": "Zurich-HQ",
            "policy_name": "SkypeFederation",
            "policy_users": [f"sip:user{i}@contoso.com" for i in range(40)],
            "allow_av": True,
            "allow_federation": True,
            "verification_level": "AlwaysVerifiable",
            "skype_directory_search": True,
            "test_account": "lync.test@outlook.com",
            "test_sip_uri": "sip:test@contoso.com",
        }
    )
    steps = [f"step-{i:02d}" for i in range(30)]
    for step in steps:
        setup.mark(step, "done", clock)
        setup.visit(step)
    setup.checks = [
        {
            "id": f"check-{i}",
            "status": "pass" if i % 3 else "warn",
            "at": clock().isoformat(timespec="seconds"),
            "detail": f"_sipfederationtls._tcp.contoso{i}.com SRV 0 0 5061 sip.contoso.com",
        }
        for i in range(12)
    ]
    return setup


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_save(folder: Path, saves: int) -> tuple[list[float], list[float], int]:
    clock = Clock()
    store = SetupStore(folder / "store", clock=clock, secret_fields=("agreement_number",))
    setup = full_setup(clock)
    store.save(setup)
    size = store.path_of(setup.id).stat().st_size
    timings: list[float] = []
    for i in range(saves):
        setup.values["dns_ttl"] = 3600 + i  # a real change each time
        setup.touch(clock)
        t0 = time.perf_counter()
        store.save(setup)
        timings.append((time.perf_counter() - t0) * 1000)
    baseline: list[float] = []
    plain = folder / "baseline.json"
    for i in range(saves):
        setup.values["dns_ttl"] = 3600 + i
        setup.touch(clock)
        t0 = time.perf_counter()
        with open(plain, "w", encoding="utf-8") as fh:
            json.dump(setup.to_dict(), fh)
        baseline.append((time.perf_counter() - t0) * 1000)
    return timings, baseline, size


def bench_listing(folder: Path, count: int, rounds: int = 5) -> tuple[float, float]:
    clock = Clock()
    empty = SetupStore(folder / "empty", clock=clock, secret_fields=())
    full = SetupStore(folder / "full", clock=clock, secret_fields=())
    for n in range(count):
        full.save(full_setup(clock, n))

    def best(store: SetupStore) -> float:
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            store.entries()
            times.append((time.perf_counter() - t0) * 1000)
        return min(times)

    return best(empty), best(full)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=500)
    parser.add_argument("--setups", type=int, default=200)
    parser.add_argument("--dir", type=Path, help="measure in this folder (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        timings, baseline, size = bench_save(folder, args.saves)
        empty_ms, full_ms = bench_listing(folder, args.setups)
    med, p99 = statistics.median(timings), percentile(timings, 99)
    bmed, bp99 = statistics.median(baseline), percentile(baseline, 99)
    print(f"folder: {args.dir or tempfile.gettempdir()}   setup file: {size} bytes")
    print(f"{'measure':<44}{'median ms':>11}{'p99 ms':>10}")
    print(f"{'SetupStore.save (fsync, .bak, folder fsync)':<44}{med:>11.3f}{p99:>10.3f}")
    print(f"{'baseline: json.dump, no fsync':<44}{bmed:>11.3f}{bp99:>10.3f}")
    print(f"{'ratio save / baseline':<44}{med / bmed:>11.1f}{p99 / bp99:>10.1f}")
    print(f"{'entries() with 0 setups':<44}{empty_ms:>11.3f}")
    print(f"{f'entries() with {args.setups} setups':<44}{full_ms:>11.3f}")
    ratio = full_ms / empty_ms if empty_ms else float("inf")
    print(f"{'ratio listing full / empty':<44}{ratio:>11.0f}")
    print(f"{'entries() per setup':<44}{full_ms / args.setups:>11.3f}")
    verdict = "met" if med < TARGET_MEDIAN_MS else "MISSED"
    print(f"target median save < {TARGET_MEDIAN_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
