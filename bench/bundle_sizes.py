"""Where a one-folder bundle's bytes go, by package, and the difference between two bundles.

Run by hand:  .venv/bin/python bench/bundle_sizes.py APP_DIST_DIR [BASELINE_DIST_DIR] [--top 25]

Each DIST_DIR is a one-folder PyInstaller output (the folder holding the executable and
``_internal``). Files are grouped as: a Qt library (``PySide6/Qt/lib/libQt6Xyz``), a Qt plugin
folder (``PySide6/Qt/plugins/<kind>``), Qt translations, the other PySide6/shiboken files, a
top-level package folder (``cryptography``, ``dns``...), the Python archive (``base_library.zip``
and the executables' PYZ), or a shared library of the system (``lib*.so*``, listed under its
name). Sizes are on-disk bytes, uncompressed; the one-file build compresses them (zlib), so its
figures are smaller but in the same proportions for libraries.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path


def group_of(rel: Path) -> str:
    parts = rel.parts
    if parts[0] == "_internal":
        parts = parts[1:]
    if not parts:
        return "?"
    if parts[0] == "PySide6" and len(parts) > 2 and parts[1] == "Qt":
        if parts[2] == "lib":
            return "Qt lib " + parts[-1].split(".so")[0].removeprefix("lib")
        if parts[2] == "plugins" and len(parts) > 3:
            return f"Qt plugins/{parts[3]}"
        if parts[2] == "translations":
            return "Qt translations"
        return "Qt other"
    if parts[0] in ("PySide6", "shiboken6"):
        if len(parts) == 2 and ".so" in parts[1]:
            return f"{parts[0]} {parts[1].split('.')[0]}"
        return parts[0]
    if len(parts) == 1:
        name = parts[0]
        if ".so" in name or name.endswith((".dll", ".dylib")):
            return "lib " + name.split(".so")[0]
        return name
    if parts[0] == "lib-dynload":
        return "python lib-dynload"
    return parts[0]


def sizes(dist: Path) -> Counter[str]:
    out: Counter[str] = Counter()
    for root, _dirs, files in os.walk(dist):
        for name in files:
            path = Path(root) / name
            if path.is_symlink():
                continue
            out[group_of(path.relative_to(dist))] += path.stat().st_size
    return out


def mib(n: float) -> str:
    return f"{n / 2**20:7.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path)
    parser.add_argument("baseline", type=Path, nargs="?")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    app = sizes(args.app)
    base = sizes(args.baseline) if args.baseline else Counter()
    total_a, total_b = sum(app.values()), sum(base.values())
    print(f"app {mib(total_a)} MiB" + (f", baseline {mib(total_b)} MiB" if base else ""))
    if base:
        print(f"ratio {total_a / total_b:.3f}, difference {mib(total_a - total_b)} MiB")
        diff = {k: app.get(k, 0) - base.get(k, 0) for k in set(app) | set(base)}
        print(f"\n{'group':<44}{'app MiB':>9}{'base MiB':>10}{'diff MiB':>10}")
        for key in sorted(diff, key=lambda k: -abs(diff[k]))[: args.top]:
            print(
                f"{key:<44}{mib(app.get(key, 0)):>9}{mib(base.get(key, 0)):>10}{mib(diff[key]):>10}"
            )
    else:
        for key, n in app.most_common(args.top):
            print(f"{key:<44}{mib(n)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
