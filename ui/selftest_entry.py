"""``iep-desktop --self-test`` (and ``python -m ui.selftest_entry``): the core self-test plus Qt's versions.

Loads PySide6 to report the Qt it runs on and the platform plugins shipped with it, and imports
the whole front end, but opens no window and makes no QApplication, so it runs on a machine
without a display.
"""

from __future__ import annotations

import sys
from pathlib import Path

from iep_desktop.selftest import run_self_test

UI_CHECK = "qt front end loads"


def qt_versions() -> dict[str, str]:
    import PySide6
    from PySide6.QtCore import QLibraryInfo, qVersion

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = sorted(p.name.split(".")[0].removeprefix("libq").removeprefix("q")
                   for p in plugins.glob("*") if p.is_file()) if plugins.is_dir() else []
    return {"Qt": qVersion(), "PySide6": PySide6.__version__,
            "Qt platform plugins": ", ".join(names) or f"none found in {plugins}"}


def load_ui() -> None:
    """Import the whole front end (no window): proves a frozen build carries every module it needs."""
    import ui.app  # the main window and its Qt modules
    # Loaded on first use, not with the main window (issue 17: start-up), so named here: a frozen
    # build that lost one fails this check instead of the coach's first unlock or plan.
    import ui.batch_print
    import ui.case_notes
    import ui.caseload
    import ui.sync_screen
    import ui.wizard.wizard  # noqa: F401


def main() -> int:
    for stream in (sys.stdout, sys.stderr):  # a Windows console may not take every letter of a reason
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        found = qt_versions()
    except Exception as exc:  # noqa: BLE001 - still run the core checks, and fail
        print(f"FAILED qt: {type(exc).__name__}: {exc}")
        return run_self_test({"Qt": "not loaded"}) or 1
    return run_self_test(found, extra_checks=[(UI_CHECK, load_ui)])


if __name__ == "__main__":
    sys.exit(main())
