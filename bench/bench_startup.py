"""Start-up to the first shown window: the app (0, 200, 1,000 saved setups) vs a bare 3-page QWizard.

Run by hand:  .venv/bin/python bench/bench_startup.py [--runs 10] [--setups 0,200,1000]
              [--all-sides] [--json FILE]

With several --setups counts (comma-separated) each count is a separate round with its own
baseline runs, and a last table prints the ratio per count and the ratio at the largest count
against the ratio at 0 (target: at most 10 % above). Without --all-sides only the baseline and
app (entry) run.

Each run is a fresh process (offscreen Qt), sides alternate order run by run, after one
discarded warm-up run of each (so .pyc files and the page cache are warm for every side):

  baseline      bench/driver_baseline.py -> bench/baseline_wizard.py (QWizard, 3 pages)
  app (entry)   bench/driver_app.py entry   -> wizard.cli.main(["--data-dir", D]): the parser
                with every subcommand registered, then run_gui; what the user starts
  app (run_gui) bench/driver_app.py run_gui -> only what wizard.app.run_gui does: QApplication,
                SetupStore(D), MainWindow(playbook.load(), store).show()
  what-if nocheck  experiment: `entry` without the `check` subcommand registered, an estimate
                of the entry point if wizard/commands/check.py imported wizard.checks lazily

bench/quit_after_show.py makes exec() queue a zero-delay timer; when it fires (the show/expose
events processed, the window exposed) the time is taken and the app quits. Reported:
  process->window  spawn of the process (the parent's clock) until that timer: includes the
                   interpreter start and site imports
  in-process       the driver's first line until that timer
  wall             spawn until the process has exited
Target: app (entry) process->window median <= 1.25x baseline with 0 setups, and at 1,000 setups at
most 10 % above the ratio at 0. No assertions: a table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, PYTHON, make_data_dir, median, p90, run_hooked, verdict

TARGET = 1.25
#: The ratio at the largest count may be at most this much above the ratio at 0 setups.
FLAT = 1.10
METRICS = (
    ("spawn_to_shown_s", "process->window"),
    ("in_process_s", "in-process"),
    ("wall_s", "wall (to exit)"),
)


def sides(data_dir: Path, all_sides: bool = False) -> dict[str, list[str]]:
    out = {
        "baseline": [PYTHON, str(BENCH / "driver_baseline.py")],
        "app (entry)": [PYTHON, str(BENCH / "driver_app.py"), "entry", "--data-dir", str(data_dir)],
        "app (run_gui)": [
            PYTHON,
            str(BENCH / "driver_app.py"),
            "run_gui",
            "--data-dir",
            str(data_dir),
        ],
        "what-if nocheck": [
            PYTHON,
            str(BENCH / "driver_app.py"),
            "entry_nocheck",
            "--data-dir",
            str(data_dir),
        ],
    }
    if not all_sides:
        out = {k: v for k, v in out.items() if k in ("baseline", "app (entry)")}
    return out


def collect(runs: int, setups: int, all_sides: bool = False) -> dict[str, list[dict]]:
    with tempfile.TemporaryDirectory(prefix="lsw-bench-startup-") as tmp:
        data = make_data_dir(Path(tmp), setups)
        cmds = sides(data, all_sides)
        for cmd in cmds.values():  # warm-up, discarded
            run_hooked(cmd)
        results: dict[str, list[dict]] = {name: [] for name in cmds}
        names = list(cmds)
        for i in range(runs):
            for name in names if i % 2 == 0 else names[::-1]:
                record = run_hooked(cmds[name])
                if not all(record["exposed"]) or not record["windows"]:
                    raise RuntimeError(f"{name}: no exposed window: {record}")
                results[name].append(record)
    return results


def summarise(results: dict[str, list[dict]]) -> dict:
    out: dict = {"sides": {}, "ratios": {}}
    for name, records in results.items():
        out["sides"][name] = {
            key: {
                "median": median([r[key] for r in records]),
                "p90": p90([r[key] for r in records]),
            }
            for key, _ in METRICS
        }
    base = out["sides"]["baseline"]
    for name in results:
        if name == "baseline":
            continue
        out["ratios"][name] = {
            key: {
                stat: out["sides"][name][key][stat] / base[key][stat] for stat in ("median", "p90")
            }
            for key, _ in METRICS
        }
    return out


def print_table(summary: dict, runs: int) -> None:
    print(f"start-up to first shown window, {runs} runs per side (ms; median / p90)")
    header = f"{'side':<17}" + "".join(f"{label:>24}" for _, label in METRICS)
    print(header)
    width = 17
    for name, stats in summary["sides"].items():
        cells = "".join(
            f"{stats[key]['median'] * 1000:>15.0f} / {stats[key]['p90'] * 1000:<6.0f}"
            for key, _ in METRICS
        )
        print(f"{name:<{width}}{cells}")
    for name, ratios in summary["ratios"].items():
        cells = "".join(
            f"{ratios[key]['median']:>14.2f}x / {ratios[key]['p90']:.2f}x " for key, _ in METRICS
        )
        print(f"{name + ' x':<{width}}{cells}")
    r = summary["ratios"]["app (entry)"]["spawn_to_shown_s"]["median"]
    print(
        f"target: app (entry) process->window median <= {TARGET}x baseline: "
        f"{r:.2f}x {verdict(r, TARGET)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--setups", default="0,200,1000", help="counts, comma-separated")
    parser.add_argument("--all-sides", action="store_true", help="also run_gui and nocheck")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args()
    counts = [int(c) for c in str(args.setups).split(",")]
    summaries: dict[int, dict] = {}
    for count in counts:
        results = collect(args.runs, count, args.all_sides)
        summary = summarise(results)
        summary["runs"] = args.runs
        summary["target"] = TARGET
        summary["setups"] = count
        print(f"\n== {count} saved setups ==")
        print_table(summary, args.runs)
        summaries[count] = summary
    ratio = {
        c: s["ratios"]["app (entry)"]["spawn_to_shown_s"]["median"] for c, s in summaries.items()
    }
    print("\nsetups  app (entry) / baseline, process->window median")
    for count, r in ratio.items():
        print(f"{count:>6}  {r:.2f}x  (target <= {TARGET}x at 0: {verdict(r, TARGET)})")
    if 0 in ratio and len(ratio) > 1:
        top = max(ratio)
        growth = ratio[top] / ratio[0]
        print(
            f"ratio at {top} / ratio at 0 = {growth:.3f} (target <= {FLAT}): {verdict(growth, FLAT)}"
        )
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
