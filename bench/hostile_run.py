"""The hostile run: thousands of spoiled and made-up setup files through every command.

    .venv/bin/python bench/hostile_run.py [--mutated 2000] [--generated 1000] [--seed 10]
                                          [--no-pdf] [--show 3] [--json FILE]

Each file is saved as a setup in a fresh data folder and loaded; ``list`` runs on the folder, and
for every file that loads, ``checklist`` (Markdown, HTML, PDF, and Markdown with secrets),
``remind`` and ``export`` run too, in-process through ``wizard.cli.main`` with consoles that refuse
what they can't encode. A traceback is any exception that escapes a command (or the loader). The
generators are in tests/hostile_setups.py (the bounded fuzz test in the suite uses them too).
Prints the counts and the first tracebacks; exit code 1 if there was any.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutated", type=int, default=2000)
    parser.add_argument("--generated", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF checklist (faster)")
    parser.add_argument("--show", type=int, default=3, help="tracebacks to print in full")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()

    from tests.hostile_setups import exercise, generated, mutated, quiet_keyring

    quiet_keyring()
    rng = random.Random(args.seed)
    kinds = ["mutated"] * args.mutated + ["generated"] * args.generated
    counts: collections.Counter[str] = collections.Counter()
    tracebacks: list[str] = []
    started = time.monotonic()
    for n, kind in enumerate(kinds, 1):
        raw = mutated(rng) if kind == "mutated" else generated(rng)
        with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
            loaded, found = exercise(raw, Path(tmp), pdf=not args.no_pdf)
        counts[kind] += 1
        counts[f"{kind} loaded"] += loaded
        counts["tracebacks"] += len(found)
        tracebacks.extend(f"[{kind} #{n}, seed {args.seed}] {t}" for t in found)
        if n % 250 == 0:
            print(f"{n}/{len(kinds)} files, {counts['tracebacks']} tracebacks", flush=True)
    elapsed = time.monotonic() - started
    for text in tracebacks[: args.show]:
        print(text, file=sys.stderr)
    last_lines = collections.Counter(t.strip().splitlines()[-1] for t in tracebacks)
    for line, count in last_lines.most_common(10):
        print(f"{count:5d}  {line}", file=sys.stderr)
    figures = {
        "mutated": counts["mutated"],
        "mutated_loaded": counts["mutated loaded"],
        "generated": counts["generated"],
        "generated_loaded": counts["generated loaded"],
        "pdf": not args.no_pdf,
        "seed": args.seed,
        "tracebacks": counts["tracebacks"],
        "seconds": round(elapsed),
    }
    print(
        f"hostile run: {figures['mutated']} mutated ({figures['mutated_loaded']} loaded) + "
        f"{figures['generated']} generated ({figures['generated_loaded']} loaded) setup files "
        f"through load, list, checklist ({'PDF, ' if figures['pdf'] else ''}HTML, Markdown), "
        f"remind and export: {figures['tracebacks']} tracebacks ({figures['seconds']} s)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 1 if tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
