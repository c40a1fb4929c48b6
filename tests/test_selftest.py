"""``iep-desktop --self-test``: every check passes on a working install, and nothing is left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from iep_desktop import __version__, selftest
from iep_desktop.store.store import Store

ROOT = Path(__file__).resolve().parents[1]


def leftovers() -> set[str]:
    return {name for name in os.listdir(tempfile.gettempdir()) if name.startswith(selftest.TEMP_PREFIX)}


def assert_passed(lines: list[str], names: tuple[str, ...] = selftest.CHECKS) -> None:
    checks = [line for line in lines if line.startswith(("ok ", "FAILED "))]
    assert checks == [f"ok {name}" for name in names], "\n".join(lines)
    assert lines[-1] == f"self-test passed: {len(names)} checks"


def test_self_test_passes_prints_versions_and_leaves_nothing() -> None:
    before = leftovers()
    lines: list[str] = []
    assert selftest.run_self_test({"Qt": "6.test", "PySide6": "6.binding"}, out=lines.append) == 0
    assert_passed(lines)
    text = "\n".join(lines)
    for expected in (f"IEP Desktop: {__version__}", "Python: 3.", "SQLCipher: 4.", "SQLite: 3.",
                     "fpdf2: 2.", "Qt: 6.test", "PySide6: 6.binding"):
        assert expected in text
    assert leftovers() == before


def test_a_failing_check_is_reported_and_still_cleans_up(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_create(*args: object, **kwargs: object) -> Store:
        raise OSError("disk on fire")

    monkeypatch.setattr(Store, "create", broken_create)
    before = leftovers()
    lines: list[str] = []
    assert selftest.run_self_test(out=lines.append) == 1
    assert "FAILED create encrypted store: OSError: disk on fire" in lines
    assert not any("write participant" in line for line in lines)  # skipped: nothing to write to
    assert "ok pdf with shipped font" in lines and "ok remove temporary files" in lines
    assert lines[-1] == "self-test FAILED: 1 of 4 checks"
    assert leftovers() == before


def test_extra_checks_run_first_and_count() -> None:
    lines: list[str] = []
    assert selftest.run_self_test(out=lines.append, extra_checks=[("front end", lambda: None)]) == 0
    assert_passed(lines, ("front end", *selftest.CHECKS))
    lines.clear()
    assert selftest.run_self_test(out=lines.append, extra_checks=[("front end", lambda: 1 / 0)]) == 1
    assert "FAILED front end: ZeroDivisionError: division by zero" in lines


def test_ui_entry_adds_qt_versions_and_loads_the_front_end_without_a_window() -> None:
    before = leftovers()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "ui.selftest_entry"], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert_passed(lines, ("qt front end loads", *selftest.CHECKS))
    for expected in ("  Qt: 6.", "  PySide6: 6.", "  Qt platform plugins: ", "offscreen"):
        assert expected in result.stdout
    assert leftovers() == before
