"""Start-up driver for the app: the process under test in bench_startup / bench_memory.

    .venv/bin/python bench/driver_app.py entry  --data-dir DIR   # wizard.cli.main, as the user starts it
    .venv/bin/python bench/driver_app.py run_gui --data-dir DIR  # only what wizard.app.run_gui does
    .venv/bin/python bench/driver_app.py entry_nocheck --data-dir DIR  # what-if experiment

``entry`` runs the real entry point (argument parser with every subcommand registered, then
run_gui). ``run_gui`` skips the parser and builds the window as run_gui does (QApplication, names,
SetupStore, MainWindow(None, store).show(), exec).
``entry_nocheck`` is an experiment: ``entry`` with the ``check`` subcommand left out of
wizard.cli.COMMANDS, i.e. roughly what start-up would cost if wizard/commands/check.py imported
wizard.checks (dnspython, cryptography, ssl) inside its handler instead of at module level.
Either way
bench/quit_after_show.py quits right after the window is shown and writes LSW_BENCH_OUT.
"""

import time

T_TOP = time.clock_gettime(time.CLOCK_MONOTONIC)

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

import quit_after_show  # noqa: E402

quit_after_show.T0 = T_TOP


def run_gui_only(data_dir: str) -> int:
    from PySide6.QtWidgets import QApplication

    from wizard import APP_DISPLAY_NAME, APP_NAME, __version__, paths
    from wizard.pages.main_window import MainWindow
    from wizard.storage.store import SetupStore

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    store = SetupStore(Path(paths.data_dir(data_dir)))
    window = MainWindow(None, store)  # as run_gui: the playbook loads when first needed
    window.show()
    return int(app.exec())


def main() -> int:
    mode = sys.argv[1]
    data_dir = sys.argv[sys.argv.index("--data-dir") + 1]
    quit_after_show.install()
    if mode == "entry":
        from wizard.cli import main as cli_main

        return cli_main(["--data-dir", data_dir])
    if mode == "entry_nocheck":
        import wizard.cli

        wizard.cli.COMMANDS = tuple(c for c in wizard.cli.COMMANDS if c != "check")
        return wizard.cli.main(["--data-dir", data_dir])
    if mode == "run_gui":
        return run_gui_only(data_dir)
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main())
