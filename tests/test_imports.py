"""The core never imports Qt (style.md, practice 1)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import iep_desktop

PROBE = """
import importlib, pkgutil, sys
import iep_desktop
names = [m.name for m in pkgutil.walk_packages(iep_desktop.__path__, 'iep_desktop.')]
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))
print(len(names))
print(','.join(qt))
"""


def test_every_core_module_imports_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    count, qt_modules = (result.stdout.splitlines() + [""])[:2]
    expected = len(list(pkgutil.walk_packages(iep_desktop.__path__, "iep_desktop.")))
    assert int(count) == expected > 20
    assert qt_modules == "", f"the core loaded Qt: {qt_modules}"
