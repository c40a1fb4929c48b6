"""The shell's parts on their own: the task runner, settings, the entry point and the excepthook."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from iep_desktop.errors import WrongPassphrase
from tests.ui.shell_helpers import settings  # noqa: F401 - fixture
from ui import app as app_module
from ui.app import UNEXPECTED, ExceptHook, parse_args, store_path_for
from ui.settings import Settings
from ui.tasks import TaskContext, TaskRunner

# -- TaskRunner ---------------------------------------------------------------------------------


def test_work_runs_off_the_gui_thread_and_reports_on_it(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ran_on: list[threading.Thread] = []
    results: list[tuple[object, threading.Thread]] = []
    progress: list[tuple[object, threading.Thread]] = []

    def work(ctx: TaskContext) -> int:
        ran_on.append(threading.current_thread())
        ctx.progress("half way")
        return 42

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy, timeout=5_000):
        runner.run(work, lambda r: results.append((r, threading.current_thread())),
                   on_progress=lambda p: progress.append((p, threading.current_thread())))
    main = threading.main_thread()
    assert ran_on and ran_on[0] is not main
    assert results == [(42, main)]
    assert progress == [("half way", main)]
    assert not runner.busy


def test_errors_come_back_to_the_error_callback(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def work(ctx: TaskContext) -> None:
        raise WrongPassphrase("Wrong passphrase. Check the spelling and try again.")

    runner.run(work, lambda r: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert isinstance(errors[0], WrongPassphrase)


def test_a_cancelled_task_reports_nothing(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started, release = threading.Event(), threading.Event()
    seen: list[object] = []
    saw_cancel: list[bool] = []

    def work(ctx: TaskContext) -> str:
        started.set()
        release.wait(5)
        saw_cancel.append(ctx.cancelled)
        ctx.check()
        return "late"

    task = runner.run(work, seen.append, seen.append)
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    assert saw_cancel == [True] and seen == []


# -- Settings -----------------------------------------------------------------------------------


def test_settings_are_typed_with_defaults_and_isolated(settings: Settings, tmp_path: Path) -> None:
    assert settings.autolock_ms == 15 * 60 * 1000 and settings.autolock_minutes == 15
    assert settings.last_db_path == "" and settings.window_geometry == QByteArray()
    settings.autolock_ms = 5 * 60 * 1000
    settings.last_db_path = str(tmp_path / "coach.iep")
    settings.sync()
    again = Settings()
    assert again.autolock_ms == 300_000 and isinstance(again.autolock_ms, int)
    assert again.last_db_path == str(tmp_path / "coach.iep")
    assert Path(again.qsettings.fileName()).read_text().count("autolock_ms") == 1
    # A hand-edited file with nonsense falls back to the default.
    again.qsettings.setValue("security/autolock_ms", "soon")
    assert Settings().autolock_ms == 15 * 60 * 1000
    assert QSettings.defaultFormat() == QSettings.Format.IniFormat


# -- The entry point ----------------------------------------------------------------------------


def test_store_path_from_the_command_line(settings: Settings, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    args, qt_args = parse_args([])
    assert store_path_for(args, settings) == app_module.default_store_path()
    assert app_module.default_store_path().is_relative_to(tmp_path / "data")
    assert app_module.default_store_path().name == "coach.iep"

    settings.last_db_path = str(tmp_path / "elsewhere.iep")
    assert store_path_for(args, settings) == tmp_path / "elsewhere.iep"

    args, _ = parse_args(["--db", str(tmp_path / "given.iep"), "-style", "fusion"])
    assert store_path_for(args, settings) == tmp_path / "given.iep"
    args, qt_args = parse_args(["--demo", "-platform", "offscreen"])
    assert args.demo and qt_args == ["-platform", "offscreen"]
    assert store_path_for(args, settings) == tmp_path / "data" / "iep-desktop" / "demo" / "demo.iep"


def test_console_entry_point_is_ui_app_main() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert 'iep-desktop = "ui.app:main"' in pyproject.read_text()
    assert callable(app_module.main)


def test_excepthook_shows_plain_words_and_logs_no_participant_data(
        qtbot: QtBot, capsys: pytest.CaptureFixture[str]) -> None:
    hook = ExceptHook()
    try:
        raise ValueError("Nguyễn, Ana, born 03/18/1963")
    except ValueError as exc:
        hook(type(exc), exc, exc.__traceback__)
    err = capsys.readouterr().err
    assert "ValueError" in err and "test_shell_parts.py" in err
    assert "Nguy" not in err and "1963" not in err
    assert hook.box is not None and hook.box.isVisible() and hook.box.text() == UNEXPECTED
    first = hook.box

    try:
        raise RuntimeError("a second one while the first message is up")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert hook.box is first  # no dialog storm
    first.close()

    error = WrongPassphrase("Wrong passphrase. Check the spelling and try again.")
    hook(type(error), error, None)
    assert hook.box is not first and hook.box.text() == error.message
    hook.box.close()
    assert QApplication.instance() is not None
