"""One-file bundle: size and cold start of the app's GUI executable vs a bare 3-page QWizard.

Run by hand (takes a few minutes; two PyInstaller builds):

    .venv/bin/python bench/bench_bundle.py [--runs 5] [--keep DIR] [--json FILE] [--onedir]

With --onedir both are built as one-folder bundles and the size is the whole folder's (then
``bench/bundle_sizes.py KEEP/app/dist/lync-skype-wizard KEEP/base/dist/baseline-wizard`` says
where the difference goes, by package).

Builds, into a temp folder (or --keep DIR):
  app       LSW_ONEFILE=1 pyinstaller bench/bundle_app.spec, i.e. build.spec unchanged plus one
            runtime hook; the spec makes two one-file exes, the GUI one (lync-skype-wizard) is
            measured. (The hook adds about 2 KB to the archive; it does nothing unless
            LSW_BENCH_OUT is set.)
  baseline  pyinstaller --onefile --windowed --noupx bench/baseline_wizard.py with the same
            `excluded` list as build.spec (read from it) and the same runtime hook.

Then, each executable in fresh processes (offscreen Qt), sides alternating, after one discarded
warm-up each. Every launch of a one-file exe unpacks itself to a new /tmp/_MEI* folder, so each
run is a "cold" start of the bundle (the OS page cache is warm):
  window     start to first shown window: app `lync-skype-wizard --data-dir D` (50 saved setups),
             baseline `baseline-wizard`; the runtime hook quits once the window is shown.
             Reported: process->window (spawn to the shown window) and wall (spawn to exit,
             including the bootloader deleting /tmp/_MEI*).
  self-test  wall time of `--self-test --self-test-out F` (app: window, one step, checklist PDF;
             baseline: window, one step, a small QTextDocument PDF), marker checked in F.
Targets: size <= 1.15x baseline, window start (process->window median) <= 1.3x baseline.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    BENCH,
    ROOT,
    make_data_dir,
    median,
    p90,
    run_hooked,
    run_timed,
    verdict,
)

TARGET_SIZE = 1.15
TARGET_START = 1.3
APP_EXE = "lync-skype-wizard"
BASE_EXE = "baseline-wizard"
PYINSTALLER = str(Path(sys.executable).with_name("pyinstaller"))


def spec_excludes() -> list[str]:
    """The `excluded = [...]` list of build.spec, so the baseline excludes the same modules."""
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "excluded":
            return list(ast.literal_eval(node.value))
    raise RuntimeError("build.spec has no `excluded = [...]` list")


def write_hook(folder: Path) -> Path:
    hook = folder / "rthook_bench_quit_after_show.py"
    source = (BENCH / "quit_after_show.py").read_text(encoding="utf-8")
    hook.write_text(
        source + "\n\nif os.environ.get('LSW_BENCH_OUT'):\n    install()\n", encoding="utf-8"
    )
    return hook


def _run_build(cmd: list[str], env: dict[str, str], log: Path) -> float:
    t0 = time.perf_counter()
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    if proc.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"build failed ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    return time.perf_counter() - t0


def build_app(folder: Path, hook: Path, onefile: bool = True) -> tuple[Path, float]:
    env = dict(os.environ, LSW_ONEFILE="1" if onefile else "0", LSW_BENCH_RTHOOK=str(hook))
    seconds = _run_build(
        [
            PYINSTALLER,
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(folder / "app" / "dist"),
            "--workpath",
            str(folder / "app" / "build"),
            str(BENCH / "bundle_app.spec"),
        ],
        env,
        folder / "app-build.log",
    )
    dist = folder / "app" / "dist"
    return (dist / APP_EXE if onefile else dist / APP_EXE / APP_EXE), seconds


def build_baseline(folder: Path, hook: Path, onefile: bool = True) -> tuple[Path, float]:
    cmd = [
        PYINSTALLER,
        "--noconfirm",
        "--log-level",
        "WARN",
        "--onefile" if onefile else "--onedir",
        "--windowed",
        "--noupx",
        "--name",
        BASE_EXE,
        "--runtime-hook",
        str(hook),
        "--distpath",
        str(folder / "base" / "dist"),
        "--workpath",
        str(folder / "base" / "build"),
        "--specpath",
        str(folder / "base"),
    ]
    for mod in spec_excludes():
        cmd += ["--exclude-module", mod]
    cmd.append(str(BENCH / "baseline_wizard.py"))
    seconds = _run_build(cmd, dict(os.environ), folder / "base-build.log")
    dist = folder / "base" / "dist"
    return (dist / BASE_EXE if onefile else dist / BASE_EXE / BASE_EXE), seconds


def bundle_size(exe: Path, onefile: bool) -> int:
    """The one-file executable's size, or the whole one-folder bundle's (files, not links)."""
    if onefile:
        return exe.stat().st_size
    return sum(
        p.stat().st_size for p in exe.parent.rglob("*") if p.is_file() and not p.is_symlink()
    )


def self_test(exe: Path, marker: str) -> float:
    with tempfile.TemporaryDirectory(prefix="lsw-bench-st-") as tmp:
        out = Path(tmp) / "verdict.txt"
        result = run_timed([str(exe), "--self-test", "--self-test-out", str(out)])
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        if result["returncode"] != 0 or marker not in text:
            raise RuntimeError(f"{exe.name} --self-test failed: {text}\n{result['stderr'][-2000:]}")
    return result["wall_s"]


def measure(app: Path, base: Path, data: Path, runs: int) -> dict:
    window_cmds = {"baseline": [str(base)], "app": [str(app), "--data-dir", str(data)]}
    markers = {"baseline": "BASELINE WIZARD SELF-TEST OK", "app": "LYNC-SKYPE-WIZARD SELF-TEST OK"}
    exes = {"baseline": base, "app": app}
    for name in window_cmds:  # warm-up, discarded
        run_hooked(window_cmds[name])
        self_test(exes[name], markers[name])
    samples: dict[str, dict[str, list[float]]] = {
        name: {"spawn_to_shown_s": [], "wall_s": [], "self_test_s": [], "maxrss_kb": []}
        for name in window_cmds
    }
    names = list(window_cmds)
    for i in range(runs):
        for name in names if i % 2 == 0 else names[::-1]:
            record = run_hooked(window_cmds[name])
            if not record["windows"] or not all(record["exposed"]):
                raise RuntimeError(f"{name}: no exposed window: {record}")
            for key in ("spawn_to_shown_s", "wall_s", "maxrss_kb"):
                samples[name][key].append(record[key])
        for name in names if i % 2 else names[::-1]:
            samples[name]["self_test_s"].append(self_test(exes[name], markers[name]))
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--setups", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: temp, removed)")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    parser.add_argument(
        "--onedir", action="store_true", help="one-folder builds (size = the whole folder)"
    )
    args = parser.parse_args()
    onefile = not args.onedir
    kind = "one-file" if onefile else "one-folder"

    folder = args.keep or Path(tempfile.mkdtemp(prefix="lsw-bench-bundle-"))
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        hook = write_hook(folder)
        print(f"building in {folder} (two {kind} builds, a few minutes)...", flush=True)
        base, base_build = build_baseline(folder, hook, onefile)
        app, app_build = build_app(folder, hook, onefile)
        data = make_data_dir(folder, args.setups)
        samples = measure(app, base, data, args.runs)
        sizes = {"app": bundle_size(app, onefile), "baseline": bundle_size(base, onefile)}
        cli = app.with_name(APP_EXE + "-cli")
        summary = {
            "runs": args.runs,
            "kind": kind,
            "build_s": {"app": app_build, "baseline": base_build},
            "size_bytes": sizes,
            "cli_exe_size_bytes": cli.stat().st_size if cli.exists() else None,
            "hook_bytes": hook.stat().st_size,
            "sides": {
                name: {key: {"median": median(v), "p90": p90(v)} for key, v in s.items()}
                for name, s in samples.items()
            },
        }
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    a, b = summary["sides"]["app"], summary["sides"]["baseline"]
    ratios = {"size": sizes["app"] / sizes["baseline"]}
    for key in ("spawn_to_shown_s", "wall_s", "self_test_s", "maxrss_kb"):
        ratios[key] = a[key]["median"] / b[key]["median"]
    summary["ratios"] = ratios
    summary["targets"] = {"size": TARGET_SIZE, "spawn_to_shown_s": TARGET_START}

    mib = 1024 * 1024
    print(f"{kind} bundles, {args.runs} runs per side (times: median / p90 ms)")
    print(f"{'':<26}{'app (GUI exe)':>22}{'baseline':>22}{'ratio':>9}")
    print(
        f"{'size MiB':<26}{sizes['app'] / mib:>22.1f}{sizes['baseline'] / mib:>22.1f}"
        f"{ratios['size']:>8.2f}x"
    )
    labels = (
        ("spawn_to_shown_s", "start -> window"),
        ("wall_s", "start -> exit"),
        ("self_test_s", "--self-test wall"),
    )
    for key, label in labels:
        cells = "".join(
            f"{s[key]['median'] * 1000:>14.0f} / {s[key]['p90'] * 1000:<5.0f}" for s in (a, b)
        )
        print(f"{label:<26}{cells}{ratios[key]:>8.2f}x")
    print(
        f"{'peak RSS MiB (window)':<26}{a['maxrss_kb']['median'] / 1024:>22.1f}"
        f"{b['maxrss_kb']['median'] / 1024:>22.1f}{ratios['maxrss_kb']:>8.2f}x"
    )
    if summary["cli_exe_size_bytes"] and onefile:
        print(
            f"(the -cli exe from the same build: {summary['cli_exe_size_bytes'] / mib:.1f} MiB; "
            f"build time app {app_build:.0f} s, baseline {base_build:.0f} s)"
        )
    print(
        f"target size <= {TARGET_SIZE}x: {ratios['size']:.2f}x "
        f"{verdict(ratios['size'], TARGET_SIZE)}"
    )
    r = ratios["spawn_to_shown_s"]
    print(f"target start -> window <= {TARGET_START}x: {r:.2f}x {verdict(r, TARGET_START)}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
