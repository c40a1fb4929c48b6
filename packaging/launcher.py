"""The frozen app's entry point: ``iep-desktop --self-test`` runs the self-test, ``--pdf-worker``
is a batch-printing worker process (started by the app itself), anything else starts the app.

PyInstaller builds this file (packaging/iep-desktop.spec). From a checkout it also runs as
``python packaging/launcher.py [--self-test]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

if not getattr(sys, "frozen", False):  # from a checkout: make ``ui`` and ``iep_desktop`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _console_for_windowed_build() -> None:
    """A windowed Windows build has no stdout; borrow the console of the shell that started it."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        sys.stderr = sys.stdout


def main() -> int:
    if sys.argv[1:] == ["--pdf-worker"]:  # a batch-printing worker (iep_desktop/pdf/workers.py): no Qt
        from iep_desktop.pdf.workers import main as pdf_worker

        return pdf_worker()
    if "--self-test" in sys.argv[1:]:
        _console_for_windowed_build()
        from ui.selftest_entry import main as self_test

        return self_test()
    from ui.app import main as app_main

    return app_main()


if __name__ == "__main__":
    sys.exit(main())
