"""Run every benchmark in bench/ and print one summary table.

    .venv/bin/python bench/run_all.py [--skip-bundle] [--quick] [--out DIR]

Runs one after the other (never in parallel, the machine has 2 cores): bench_startup,
bench_memory, bench_bundle (a few minutes: two PyInstaller one-file builds), and, if present,
bench_save.py and bench_pdf.py. Each one's own output is shown as it runs; the JSON summaries
land in --out (default: a temp folder). Ratios are app / baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, PYTHON, ROOT, machine_info, verdict

Row = tuple[str, str, str, str, str, str]  # bench, measure, app, baseline, ratio (target), verdict


def run(script: str, args: list[str]) -> tuple[int, str, float]:
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [PYTHON, str(BENCH / script), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        print(line, end="", flush=True)
        lines.append(line)
    return proc.wait(), "".join(lines), time.perf_counter() - t0


def ms(s: float) -> str:
    return f"{s * 1000:.0f} ms"


def startup_rows(docs: dict) -> list[Row]:
    """One set of rows per count of saved setups (bench_startup.py --setups 0,200,1000)."""
    rows: list[Row] = []
    for count, doc in docs.items():
        rows += _startup_rows(doc, f"{count} setups")
    return rows


def _startup_rows(doc: dict, setups: str) -> list[Row]:
    rows: list[Row] = []
    base = doc["sides"]["baseline"]
    for name in ("app (entry)", "app (run_gui)", "what-if nocheck"):
        if name not in doc["sides"]:
            continue
        side, ratio = doc["sides"][name], doc["ratios"][name]
        for key, label in (("spawn_to_shown_s", "process->window"), ("in_process_s", "in-process")):
            r = ratio[key]["median"]
            rows.append(
                (
                    "startup",
                    f"{name} {label} median (p90), {setups}",
                    f"{ms(side[key]['median'])} ({ms(side[key]['p90'])})",
                    f"{ms(base[key]['median'])} ({ms(base[key]['p90'])})",
                    f"{r:.2f}x ({ratio[key]['p90']:.2f}x) / <= {doc['target']}x",
                    verdict(r, doc["target"]) if name == "app (entry)" else "(info)",
                )
            )
    return rows


def memory_rows(doc: dict) -> list[Row]:
    base = doc["sides"]["baseline"]
    rows: list[Row] = []
    for name in ("app (entry)", "app (run_gui)", "what-if nocheck"):
        if name not in doc["sides"]:
            continue
        for key, label in (("maxrss_kb", "peak RSS"), ("VmHWM_kb", "VmHWM at window")):
            r = doc["ratios"][name][key]
            rows.append(
                (
                    "memory",
                    f"{name} {label}",
                    f"{doc['sides'][name][key] / 1024:.1f} MiB",
                    f"{base[key] / 1024:.1f} MiB",
                    f"{r:.2f}x / <= {doc['target']}x",
                    verdict(r, doc["target"]) if name == "app (entry)" else "(info)",
                )
            )
    return rows


def bundle_rows(doc: dict) -> list[Row]:
    a, b, r, t = doc["sides"]["app"], doc["sides"]["baseline"], doc["ratios"], doc["targets"]
    mib = 1024 * 1024
    return [
        (
            "bundle",
            "one-file GUI exe size",
            f"{doc['size_bytes']['app'] / mib:.1f} MiB",
            f"{doc['size_bytes']['baseline'] / mib:.1f} MiB",
            f"{r['size']:.2f}x / <= {t['size']}x",
            verdict(r["size"], t["size"]),
        ),
        (
            "bundle",
            "one-file start -> window median",
            ms(a["spawn_to_shown_s"]["median"]),
            ms(b["spawn_to_shown_s"]["median"]),
            f"{r['spawn_to_shown_s']:.2f}x / <= {t['spawn_to_shown_s']}x",
            verdict(r["spawn_to_shown_s"], t["spawn_to_shown_s"]),
        ),
        (
            "bundle",
            "one-file --self-test wall median",
            ms(a["self_test_s"]["median"]),
            ms(b["self_test_s"]["median"]),
            f"{r['self_test_s']:.2f}x",
            "(info)",
        ),
    ]


def _find(pattern: str, text: str) -> str:
    m = re.search(pattern, text, re.MULTILINE)
    return m.group(1) if m else "?"


def save_rows(text: str) -> list[Row]:
    med = _find(r"^SetupStore\.save \(.*?\)\s+(\d+\.\d+)", text)
    base = _find(r"^baseline: json\.dump, no fsync\s+(\d+\.\d+)", text)
    ratio = _find(r"^ratio save / baseline\s+([\d.]+)", text)
    target = _find(r"^target (median save < [\d.]+ ms): ", text)
    ok = _find(r"^target median save < [\d.]+ ms: (\S+)", text)
    listings = re.findall(r"^entries\(\) with (\d+) setups\s+([\d.]+)", text, re.MULTILINE)
    n, listing = max(listings, key=lambda m: int(m[0])) if listings else ("?", "?")
    return [
        ("save", "SetupStore.save median", f"{med} ms", f"{base} ms", f"{ratio}x / {target}", ok),
        ("save", f"entries() listing {n} setups", f"{listing} ms", "", "", "(info)"),
    ]


def pdf_rows(text: str) -> list[Row]:
    med = _find(r"^checklist PDF \(median of \d+\):\s+([\d.]+)", text)
    base = _find(r"^baseline plain print_ \(\d+ chars\):\s+([\d.]+)", text)
    ratio = _find(r"^ratio PDF / baseline:\s+([\d.]+)", text)
    target = _find(r"^target (< \d+ ms): ", text)
    ok = _find(r"^target < \d+ ms: (.+)$", text)
    return [("pdf", "checklist PDF median", f"{med} ms", f"{base} ms", f"{ratio}x / {target}", ok)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-bundle", action="store_true", help="skip the PyInstaller builds")
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke run)")
    parser.add_argument("--out", type=Path, help="keep the JSON summaries here")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="lsw-bench-all-"))
    out.mkdir(parents=True, exist_ok=True)
    quick = args.quick
    load = os.getloadavg()[0]
    print(
        f"load average at start: {load:.2f}"
        + ("  (other work is running: figures will be noisy)" if load > 0.7 else ""),
        flush=True,
    )
    rows: list[Row] = []
    failures: list[str] = []
    durations: dict[str, float] = {}

    jobs = [
        ("bench_startup.py", ["--runs", "3" if quick else "10"], startup_rows),
        ("bench_memory.py", ["--runs", "2" if quick else "5"], memory_rows),
    ]
    if not args.skip_bundle:
        jobs.append(("bench_bundle.py", ["--runs", "2" if quick else "5"], bundle_rows))
    for script, extra, to_rows in jobs:
        js = out / (Path(script).stem + ".json")
        code, _text, secs = run(script, [*extra, "--json", str(js)])
        durations[script] = secs
        if code or not js.exists():
            failures.append(f"{script} exited {code}")
            continue
        rows += to_rows(json.loads(js.read_text(encoding="utf-8")))
    js = out / "import_costs.json"
    code, _text, secs = run("import_costs.py", ["--runs", "1" if quick else "3", "--json", str(js)])
    durations["import_costs.py"] = secs
    if code:
        failures.append(f"import_costs.py exited {code}")
    others = [
        ("bench_save.py", ["--saves", "100", "--setups", "50"] if quick else [], save_rows),
        ("bench_pdf.py", ["--runs", "3"] if quick else [], pdf_rows),
    ]
    for script, extra, to_rows in others:
        if not (BENCH / script).exists():
            continue
        code, text, secs = run(script, extra)
        durations[script] = secs
        (out / (Path(script).stem + ".txt")).write_text(text, encoding="utf-8")
        if code:
            failures.append(f"{script} exited {code}")
            continue
        rows += to_rows(text)

    info = machine_info()
    info["load_start"] = f"{load:.2f}"
    info["load_end"] = f"{os.getloadavg()[0]:.2f}"
    print("\n" + "=" * 100)
    print("SUMMARY  " + "  ".join(f"{k}={v}" for k, v in info.items()))
    head = ("bench", "measure", "app", "baseline", "ratio / target", "verdict")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(6)]
    for r in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    if js.exists():
        doc = json.loads(js.read_text(encoding="utf-8"))
        entry = doc["modes"]["entry"]
        top = sorted((r for r in entry["rows"] if r["depth"] == 0), key=lambda r: -r["cum_ms"])[:6]
        print(
            "top start-up imports (entry, -X importtime cumulative): "
            + ", ".join(f"{r['module']} {r['cum_ms']:.0f} ms" for r in top)
        )
        print(
            "optional modules loaded at the window: entry: "
            + (", ".join(entry["loaded"]) or "none")
            + "; run_gui: "
            + (", ".join(doc["modes"]["run_gui"]["loaded"]) or "none")
        )
        print(
            "marginal import cost if loaded eagerly: "
            + ", ".join(f"{m} {v:.0f} ms" for m, v in doc["marginal_ms"].items())
        )
    print("durations: " + ", ".join(f"{k} {v:.0f} s" for k, v in durations.items()))
    print(f"JSON/text outputs: {out}")
    for f in failures:
        print(f"FAILED: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
