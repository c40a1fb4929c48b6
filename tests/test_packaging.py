"""The PyInstaller build's inputs, checked fast; the build itself runs in .ci/run (packaging/build.sh).

The spec is executed with PyInstaller's build steps replaced by recorders, so these tests see exactly
what the spec hands to PyInstaller (entry script, data files, hidden imports, excludes, names)
without building anything and without PyInstaller installed.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
import types
from pathlib import Path
from typing import Any

import pytest

import iep_desktop

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "iep-desktop.spec"
BUILD_SH = ROOT / "packaging" / "build.sh"
LAUNCHER = ROOT / "packaging" / "launcher.py"
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
MIGRATIONS = ROOT / "iep_desktop" / "store" / "migrations"
HUB_MIGRATIONS = ROOT / "iep_desktop" / "central" / "migrations"


class Recorder:
    """Stands in for Analysis, PYZ, EXE, COLLECT and BUNDLE: keeps what the spec passed."""

    made: dict[str, Recorder] = {}

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.binaries: list[tuple[str, str, str]] = []
        self.datas, self.pure, self.scripts = kwargs.get("datas", []), [], []
        Recorder.made[kind] = self


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Recorder]:
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package: []  # type: ignore[attr-defined]
    hooks.collect_dynamic_libs = lambda package: []  # type: ignore[attr-defined]
    fakes = {"PyInstaller": types.ModuleType("PyInstaller"),
             "PyInstaller.utils": types.ModuleType("PyInstaller.utils"), "PyInstaller.utils.hooks": hooks}
    saved = {name: sys.modules.get(name) for name in fakes}
    saved_path = list(sys.path)
    sys.modules.update(fakes)
    Recorder.made = {}
    names = {kind: (lambda *a, _kind=kind, **k: Recorder(_kind, *a, **k))
             for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    try:
        exec(compile(SPEC.read_text("utf-8"), str(SPEC), "exec"),  # noqa: S102 - our own build file
             {"__name__": "__main__", "SPECPATH": str(SPEC.parent), **names})
    finally:
        sys.path[:] = saved_path
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    return dict(Recorder.made)


def bundled(spec: dict[str, Recorder]) -> set[tuple[str, str]]:
    """(file relative to the checkout, folder in the bundle) for every data file."""
    return {(_shown(Path(src).resolve()), Path(dest).as_posix()) for src, dest in spec["Analysis"].kwargs["datas"]}


def _shown(path: Path) -> str:
    """A checkout file relative to the checkout; one from an installed package (PySide6's Qt
    translations) as PKG/<package>/<path inside it>."""
    # An installed package first: CI's .venv lies inside the checkout.
    if "site-packages" in path.parts:
        inside = path.parts[len(path.parts) - path.parts[::-1].index("site-packages"):]
        return "PKG/" + Path(*inside).as_posix()
    if path.is_relative_to(ROOT):
        return path.relative_to(ROOT).as_posix()
    for folder in map(Path, sys.path):
        if folder.is_dir() and path.is_relative_to(folder.resolve()):
            return "PKG/" + path.relative_to(folder.resolve()).as_posix()
    return path.as_posix()


def test_the_frozen_entry_is_the_launcher_and_the_app_is_one_folder(spec: dict[str, Recorder]) -> None:
    assert [Path(script) for script in spec["Analysis"].args[0]] == [LAUNCHER]
    assert spec["EXE"].kwargs["name"] == "iep-desktop"
    assert spec["EXE"].kwargs["exclude_binaries"] is True  # one folder, not one file
    assert spec["COLLECT"].kwargs["name"] == "iep-desktop"
    assert spec["EXE"].kwargs["console"] is False


def test_resources_are_bundled_where_resources_py_looks(spec: dict[str, Recorder]) -> None:
    shipped = {(path.relative_to(ROOT).as_posix(), Path("resources", path.relative_to(ROOT / "resources").parent).as_posix())
               for path in (ROOT / "resources").rglob("*") if path.is_file()}
    assert shipped <= bundled(spec)
    assert ("resources/fonts/DejaVuSans.ttf", "resources/fonts") in shipped
    assert any(src.startswith("resources/profiles/") for src, _ in shipped)


def test_the_translations_are_bundled_and_found_in_a_checkout_a_wheel_and_a_frozen_build(
    spec: dict[str, Recorder],
) -> None:
    """Issue 18: the compiled .qm and the core catalogue ship in all three, where the app looks."""
    from iep_desktop.resources import resource_path

    catalogues = ["resources/translations/iep_desktop_es.qm", "resources/translations/core_es.json"]
    for name in catalogues:
        assert (ROOT / name).is_file() and (name, "resources/translations") in bundled(spec)  # frozen
        tracked = subprocess.run(["git", "ls-files", "--error-unmatch", name], cwd=ROOT, capture_output=True)
        assert tracked.returncode == 0, f"{name} is not committed, so no checkout or wheel has it"
    assert resource_path("translations", "iep_desktop_es.qm") == ROOT / catalogues[0]  # checkout
    # the wheel: resources/ goes in whole as iep_desktop/_resources, the first place resources.py looks
    with (ROOT / "pyproject.toml").open("rb") as handle:
        wheel = tomllib.load(handle)["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"] == {"resources": "iep_desktop/_resources"}
    assert not wheel.get("exclude") and '"_resources"' in (ROOT / "iep_desktop" / "resources.py").read_text("utf-8")
    # Qt's own dialogs: PySide6's qtbase_es.qm, bundled where ui.i18n looks when frozen
    assert ("PKG/PySide6/Qt/translations/qtbase_es.qm", "qt_translations") in bundled(spec)
    assert '"qt_translations"' in (ROOT / "ui" / "i18n.py").read_text("utf-8")


def test_migrations_are_bundled_as_source_and_their_imports_are_hidden_imports(spec: dict[str, Recorder]) -> None:
    on_disk = {(path.relative_to(ROOT).as_posix(), path.parent.relative_to(ROOT).as_posix())
               for path in MIGRATIONS.rglob("*")
               if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}
    assert ("iep_desktop/store/migrations/env.py", "iep_desktop/store/migrations") in on_disk
    assert any(src.startswith("iep_desktop/store/migrations/versions/") for src, _ in on_disk)
    assert on_disk <= bundled(spec)
    hidden = spec["Analysis"].kwargs["hiddenimports"]
    for module in ("alembic.context", "alembic.op", "iep_desktop.store.tables", "sqlcipher3", "ui.selftest_entry"):
        assert module in hidden


def test_the_hub_migrations_are_bundled_as_source_too(spec: dict[str, Recorder]) -> None:
    on_disk = {(path.relative_to(ROOT).as_posix(), path.parent.relative_to(ROOT).as_posix())
               for path in HUB_MIGRATIONS.rglob("*")
               if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}
    assert ("iep_desktop/central/migrations/env.py", "iep_desktop/central/migrations") in on_disk
    assert any(src.startswith("iep_desktop/central/migrations/versions/hub0001") for src, _ in on_disk)
    assert on_disk <= bundled(spec)
    hidden = spec["Analysis"].kwargs["hiddenimports"]
    for module in ("iep_desktop.central.schema", "iep_desktop.central.tables"):
        assert module in hidden


def test_nothing_from_tests_or_caches_is_bundled(spec: dict[str, Recorder]) -> None:
    for src, dest in bundled(spec):
        assert not src.startswith("tests/") and not dest.startswith("tests")
        assert "__pycache__" not in src and not src.endswith(".pyc")
    excludes = spec["Analysis"].kwargs["excludes"]
    for module in ("tests", "pytest", "tkinter"):
        assert module in excludes


def test_the_spec_reads_the_version_from_the_package() -> None:
    text = SPEC.read_text("utf-8")
    assert "from iep_desktop import __version__" in text
    assert iep_desktop.__version__.count(".") == 2


def test_build_script_is_strict_and_executable() -> None:
    text = BUILD_SH.read_text("utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert "packaging/iep-desktop.spec" in text
    if os.name != "nt":
        assert os.access(BUILD_SH, os.X_OK)
    assert subprocess.run(["bash", "-n", str(BUILD_SH)], capture_output=True).returncode == 0


def load_launcher() -> types.ModuleType:
    loaded = importlib.util.spec_from_file_location("iep_launcher_under_test", LAUNCHER)
    assert loaded is not None and loaded.loader is not None
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("argv", "expected"), [(["--self-test"], "self-test"), ([], "app"), (["--demo"], "app")])
def test_launcher_dispatches(monkeypatch: pytest.MonkeyPatch, argv: list[str], expected: str) -> None:
    entry, app = types.ModuleType("ui.selftest_entry"), types.ModuleType("ui.app")
    entry.main = lambda: "self-test"  # type: ignore[attr-defined]
    app.main = lambda: "app"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ui.selftest_entry", entry)
    monkeypatch.setitem(sys.modules, "ui.app", app)
    monkeypatch.setattr(sys, "argv", ["iep-desktop", *argv])
    assert load_launcher().main() == expected


def test_ci_workflow_builds_and_self_tests_on_three_systems() -> None:
    text = WORKFLOW.read_text("utf-8")
    for needed in ("windows-latest", "macos-latest", "ubuntu-latest", "packaging/iep-desktop.spec",
                   "--self-test", "QT_QPA_PLATFORM: offscreen", "actions/upload-artifact"):
        assert needed in text


def test_build_output_is_not_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text("utf-8").split()
    assert "build/" in ignored and "dist/" in ignored
