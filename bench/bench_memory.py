"""Peak memory of the app at its first shown window vs a bare 3-page QWizard.

Run by hand:  .venv/bin/python bench/bench_memory.py [--runs 5] [--setups 1000] [--json FILE]

The same drivers and sides as bench_startup.py (fresh offscreen processes, alternating order,
one discarded warm-up each; the app with 1,000 saved setups in a temp --data-dir). Reported per side
(median of the runs, MiB):
  peak RSS   ru_maxrss of the child, from os.wait4 (the whole life: start, window, quit)
  VmHWM      /proc/self/status VmHWM read in the process the moment the window is shown
Target: app (entry) peak RSS <= 1.2x baseline with 1,000 setups. No assertions: a table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import make_data_dir, median, run_hooked, verdict
from bench_startup import sides

TARGET = 1.2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--setups", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lsw-bench-memory-") as tmp:
        cmds = sides(make_data_dir(Path(tmp), args.setups))
        for cmd in cmds.values():
            run_hooked(cmd)
        samples: dict[str, dict[str, list[float]]] = {
            name: {"maxrss_kb": [], "VmHWM_kb": []} for name in cmds
        }
        names = list(cmds)
        for i in range(args.runs):
            for name in names if i % 2 == 0 else names[::-1]:
                record = run_hooked(cmds[name])
                for key in samples[name]:
                    samples[name][key].append(record[key])
    summary: dict = {"runs": args.runs, "target": TARGET, "sides": {}, "ratios": {}}
    for name, s in samples.items():
        summary["sides"][name] = {key: median(v) for key, v in s.items()}
    base = summary["sides"]["baseline"]
    print(f"peak memory at the first shown window, median of {args.runs} runs (MiB)")
    print(f"{'side':<16}{'peak RSS (wait4)':>18}{'ratio':>8}{'VmHWM at window':>18}{'ratio':>8}")
    for name, s in summary["sides"].items():
        r1, r2 = s["maxrss_kb"] / base["maxrss_kb"], s["VmHWM_kb"] / base["VmHWM_kb"]
        summary["ratios"][name] = {"maxrss_kb": r1, "VmHWM_kb": r2}
        print(
            f"{name:<16}{s['maxrss_kb'] / 1024:>18.1f}{r1:>7.2f}x"
            f"{s['VmHWM_kb'] / 1024:>18.1f}{r2:>7.2f}x"
        )
    r = summary["ratios"]["app (entry)"]["maxrss_kb"]
    print(f"target: app (entry) peak RSS <= {TARGET}x baseline: {r:.2f}x {verdict(r, TARGET)}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
