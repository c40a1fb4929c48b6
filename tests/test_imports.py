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


# -- layers (issue 11) ------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at the top or inside a function, with its line."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def imports_of(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    hits = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for line, module in imported_modules(path):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                hits.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return sorted(set(hits))


def test_the_ui_reaches_the_store_crypto_and_sync_only_through_services() -> None:
    """ui/ calls the app session and the services; the adapters under them are not its business."""
    assert imports_of("ui", ("iep_desktop.store", "iep_desktop.crypto", "iep_desktop.sync")) == []


def test_the_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def later():\n    from iep_desktop.store import keys\n    import iep_desktop.sync.container\n")
    assert [m for _, m in imported_modules(sample)] == [
        "iep_desktop.store", "iep_desktop.store.keys", "iep_desktop.sync.container"]


def test_crypto_imports_nothing_from_sync() -> None:
    assert imports_of("iep_desktop/crypto", ("iep_desktop.sync",)) == []


def test_board_profiles_need_nothing_from_the_domain_package() -> None:
    """One direction only: the rules (domain/) read board profiles; profiles/ is written in the
    shared enums (iep_desktop/enums.py) and imports nothing from domain/."""
    assert imports_of("iep_desktop/profiles", ("iep_desktop.domain",)) == []
    assert imports_of("iep_desktop/domain", ("iep_desktop.profiles.loader", "iep_desktop.store")) == []
