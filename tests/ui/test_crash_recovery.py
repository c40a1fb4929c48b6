"""Never lose typing: the real app in a child process is killed (SIGKILL) in the middle of the
wizard; the app started again on the same store reopens the plan where the coach was, with what
was typed, and says so (issue 4, item 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import Goal, Objective
from iep_desktop.services import plans
from iep_desktop.services import work_in_progress as wip
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf
from tests.ui.crash_child import GOAL, OBJECTIVE
from tests.ui.shell_helpers import SCREENSHOTS, settings, themed, unlock  # noqa: F401 - fixtures
from tests.ui.test_wizard import COACH, ready_participant, type_text, walk_to
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.wizard import PageId, PlanWizard
from ui.wizard.pages.objectives import ObjectivesPage

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]


def run_child_until_ready(store_path: Path, tmp_path: Path, clock: FixedClock) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IEP_TEST_PASSPHRASE=PASSPHRASE,
               PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, str(CHILD), str(store_path), str(tmp_path / "child-settings"),
                              clock.now().isoformat()], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    watchdog = threading.Timer(120, child.kill)  # a child stuck before READY must not hang the run
    watchdog.start()
    try:
        line = child.stdout.readline().strip()  # blocks until the child has typed and autosaved
    finally:
        watchdog.cancel()
    if line != "READY":
        child.kill()
        _out, err = child.communicate(timeout=30)
        pytest.fail(f"the child app said {line!r}: {err[-2000:]}")
    return child


def test_typing_survives_the_app_being_killed(qtbot: QtBot, store_path: Path, tmp_path: Path, clock: FixedClock,
                                              settings: Settings, themed: QApplication) -> None:
    with Store.create(store_path, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as store:
        person = ready_participant(store)
        with store.unit_of_work(COACH) as uow:
            plans.start_plan(uow, person.id, start_date=TODAY - timedelta(days=1))

    child = run_child_until_ready(store_path, tmp_path, clock)
    os.kill(child.pid, signal.SIGKILL)  # no close, no Finish, no flush, no atexit
    assert child.wait(timeout=30) == -signal.SIGKILL
    child.stdout.close()  # type: ignore[union-attr]
    child.stderr.close()  # type: ignore[union-attr]

    # What the killed app left in the store: the goal itself, and the unfinished objective's text
    # kept (encrypted) with where the coach was.
    with Store.open(store_path, PASSPHRASE, clock=clock) as store, store.unit_of_work(COACH) as uow:
        assert [g.description for g in uow.list(Goal)] == [GOAL]
        assert uow.list(Objective) == []
        [where] = wip.open_plans_left_behind(uow)
    assert (where.participant_id, where.page, where.draft["Custom objective"]) == (person.id, "objectives", OBJECTIVE)
    assert OBJECTIVE.encode() not in store_path.read_bytes()  # encrypted, like everything else
    for leftover in store_path.parent.iterdir():  # only the store's own files, no plaintext draft
        assert leftover.name.startswith("coach.iep"), leftover.name
        assert "Núñez".encode() not in leftover.read_bytes()

    # The app again, on the same store: unlocking reopens the plan on the objectives page.
    started = time.monotonic()
    window = MainWindow(store_path, settings=settings, kdf=cheap_kdf(), clock=clock, actor=COACH)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.recovery_notice is not None and window.recovery_notice.isVisible())
    assert time.monotonic() - started < 30
    notice = window.recovery_notice
    assert notice is not None and notice.windowTitle() == "Recovered unsaved typing"
    assert "Ana-Sofía Núñez" in notice.text() and "did not close properly" in notice.text()
    [wizard] = [w for w in QApplication.topLevelWidgets() if isinstance(w, PlanWizard) and w.isVisible()]
    assert wizard.currentId() == PageId.OBJECTIVES
    objectives = wizard.page_of(PageId.OBJECTIVES)
    assert isinstance(objectives, ObjectivesPage)
    assert objectives.custom.isChecked() and objectives.custom_title.text() == OBJECTIVE
    assert "Recovered unsaved typing" in objectives.status.text() and objectives.status.isVisible()
    QApplication.processEvents()
    SCREENSHOTS.mkdir(exist_ok=True)
    assert wizard.grab().save(str(SCREENSHOTS / "wizard_recovered_after_crash.png"))

    # The coach finishes the objective; the goal typed before the kill is on its page.
    type_text(qtbot, objectives.justification, "Required for hire at St. Mary's")
    qtbot.waitUntil(lambda: not objectives._dirty, timeout=5_000)
    assert [o.title for o in objectives.model.rows()] == [OBJECTIVE]
    wizard.back()
    goals = wizard.page_of(PageId.GOALS)
    assert [g.description for g in goals.model.rows()] == [GOAL]

    # A clean close forgets where the coach was: the next start recovers nothing.
    wizard.close()
    assert window.store is not None
    with window.store.unit_of_work(COACH) as uow:
        assert wip.open_plans_left_behind(uow) == []


def test_a_clean_quit_leaves_nothing_to_recover(qtbot: QtBot, store: Store, store_path: Path, clock: FixedClock,
                                                settings: Settings, themed: QApplication) -> None:
    person = ready_participant(store)
    store.close()
    window = MainWindow(store_path, settings=settings, kdf=cheap_kdf(), clock=clock, actor=COACH)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window, PASSPHRASE)
    wizard = window.open_plan(person.id)
    assert isinstance(wizard, PlanWizard)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    with window.store.unit_of_work(COACH) as uow:  # type: ignore[union-attr]
        assert [w.page for w in wip.open_plans_left_behind(uow)] == ["prerequisites"]
    window.close()  # quitting with the wizard open closes it cleanly first
    with Store.open(store_path, PASSPHRASE, clock=clock) as again, again.unit_of_work(COACH) as uow:
        assert wip.open_plans_left_behind(uow) == []
