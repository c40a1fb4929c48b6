"""A child process for test_screens: every window of the app on one screen size, then measured.

``python tests/ui/screen_child.py NAME OUT_DIR`` under ``QT_QPA_PLATFORM=offscreen:configfile=...``
(the screen's size and scaling; see test_screens.py). It builds a throwaway encrypted store of
synthetic people, opens every window (unlock, caseload, new participant, case notes, sync, each
page of the plan wizard, the Done page of a signed plan), saves a screenshot of each to OUT_DIR and
prints one JSON line per window: its size, the screen's, every visible button outside a scrolled
area that is cut off, every widget squeezed below its height, every area that scrolls sideways,
and, on the signatures page, what shows without scrolling (the first signer's block, pad and
Sign button; how many lines of the summary); then the participant signs by typing a name and
Enter, and the coach's block is measured the same way.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHeaderView,
    QLabel,
    QScrollArea,
    QScrollBar,
    QToolButton,
    QWidget,
    QWizard,
)

from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import Language, Participant
from iep_desktop.services import participants
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf
from tests.ui.test_wizard import COACH, complete_plan, ready_participant, sign_through_core
from tests.ui.touch_check import PARTS_OF, too_small
from ui import i18n
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.theme import apply_theme
from ui.wizard import PageId, PlanWizard
from ui.wizard.pages.signatures import SignaturesPage


SKIP = (QScrollBar,)
WIZARD_BUTTONS = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                  QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)


def wait_until(condition: Callable[[], object], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the app did not get there in time")
        QTest.qWait(20)


def _inside_scroll(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _part_of_control(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, PARTS_OF):
            return True
        parent = parent.parentWidget()
    return False


def _wizard_button(widget: QWidget, window: QWidget) -> bool:
    """QWizard's own Back/Next/Finish/Cancel: its private layout sets them 2 px under their hint
    once Back shows (44 px, the touch height, the words whole); cut_buttons checks them."""
    return isinstance(window, QWizard) and widget in {window.button(which) for which in WIZARD_BUTTONS}


def squeezed(window: QWidget) -> list[str]:
    """Every visible widget given less height than it needs (its text or frame cut, the next
    widget drawn over it): a layout squeezed below its minimum on a small screen."""
    found = []
    for widget in window.findChildren(QWidget):
        if (not widget.isVisibleTo(window) or widget.window() is not window or isinstance(widget, SKIP)
                or _part_of_control(widget, window) or widget.parentWidget() is None
                or widget.parentWidget().layout() is None or _wizard_button(widget, window)):
            continue  # only what our layouts place (a scroll area's viewport, a control's parts are not)
        need = (widget.heightForWidth(widget.width()) if widget.hasHeightForWidth()
                else widget.minimumSizeHint().height())
        if widget.minimumHeight() > 0:  # an explicit minimum wins over the hint, as in a layout
            need = widget.minimumHeight()
        if need > 0 and widget.height() < need - 1:
            found.append(f"{widget.accessibleName() or widget.objectName() or type(widget).__name__}: "
                         f"{widget.height()} < {need}")
    return found


def wide_scroll(window: QWidget) -> list[str]:
    """Scrolled areas (a page, a dialog's fields) that scroll sideways: content wider than the
    window, its right edge cut until the coach scrolls."""
    return [area.objectName() or type(area.widget()).__name__
            for area in window.findChildren(QScrollArea)
            if area.isVisibleTo(window) and area.window() is window and area.horizontalScrollBar().isVisible()]


def _in_view(widget: QWidget, area: QScrollArea, partly: bool = False) -> bool:
    """Whether ``widget`` shows in the scrolled area's viewport without scrolling (all of it, or
    with ``partly`` some of it)."""
    viewport = area.viewport()
    rect = widget.rect().translated(widget.mapTo(viewport, widget.rect().topLeft()))
    return viewport.rect().intersects(rect) if partly else viewport.rect().contains(rect)


def _lines_in_view(label: QWidget, area: QScrollArea) -> int:
    """How many whole lines of ``label`` show in the scrolled area's viewport."""
    viewport = area.viewport()
    top = label.mapTo(viewport, label.rect().topLeft()).y()
    shown = min(top + label.height(), viewport.height()) - max(top, 0)
    return max(0, shown // label.fontMetrics().lineSpacing())


def clipped(window: QWidget) -> list[str]:
    """Texts cut off in ``window``: a one-line label or a button narrower than its text, a table
    header narrower than its title (issue 18: Spanish runs about 25 % longer than English)."""
    cut = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window or widget.width() <= 1:
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and widget.pixmap().isNull():
            if widget.minimumSizeHint().width() > widget.width() + 1:
                cut.append(f"label {widget.text()!r}: {widget.width()} < {widget.minimumSizeHint().width()} px")
        elif (isinstance(widget, QAbstractButton) and widget.text()
              and not (isinstance(widget, QToolButton)
                       and widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly)):
            if widget.sizeHint().width() > widget.width() + 1:
                cut.append(f"button {widget.text()!r}: {widget.width()} < {widget.sizeHint().width()} px")
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            model = widget.model()
            metrics = widget.fontMetrics()
            for section in range(widget.count() if model is not None else 0):
                title = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
                if widget.isSectionHidden(section) or not title:
                    continue
                needed = metrics.horizontalAdvance(title) + 2 * widget.style().pixelMetric(
                    widget.style().PixelMetric.PM_HeaderMargin)
                if needed > widget.sectionSize(section) + 1:
                    cut.append(f"header {title!r}: {widget.sectionSize(section)} < {needed} px")
    return cut


def measure(name: str, window: QWidget, out: Path, extra: dict[str, object] | None = None) -> None:
    QApplication.processEvents()
    QTest.qWait(30)
    screen = window.screen().availableGeometry()
    cut = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or _inside_scroll(button, window) or button.window() is not window:
            continue
        top_left = button.mapTo(window, button.rect().topLeft())
        bottom_right = button.mapTo(window, button.rect().bottomRight())
        if not (window.rect().contains(top_left) and window.rect().contains(bottom_right)):
            cut.append(button.text() or button.accessibleName())
    shot = out / f"{name}.png"
    window.grab().save(str(shot))
    small = too_small(window)  # after the screenshot: it opens and closes drop-downs and menus
    row = {"window": name, "width": window.frameGeometry().width(), "height": window.frameGeometry().height(),
           "screen_width": screen.width(), "screen_height": screen.height(), "cut_buttons": cut,
           "too_small": small, "clipped": clipped(window), "language": i18n.current_language(), "title": window.windowTitle(),
           "squeezed": squeezed(window), "wide_scroll": wide_scroll(window),
           "screenshot": str(shot), **(extra or {})}
    print(json.dumps(row), flush=True)


def sign_by_typing(page: SignaturesPage, name: str, out: Path, wizard: PlanWizard) -> None:
    """The participant types a name on the pad and presses Enter (the keyboard's way to sign):
    the page brings the coach's block, pad and Sign button into view."""
    first, coach = list(page.signers.values())[:2]
    first.panel.pad.setFocus()
    QTest.keyClicks(first.panel.pad, "Ana Nunez")  # ASCII: keyClicks aborts on other text
    QTest.keyClick(first.panel.pad, Qt.Key.Key_Return)
    wait_until(lambda: not first.button.isEnabled())
    QTest.qWait(30)
    measure(f"{name}-wizard_signatures_coach", wizard, out, {"next_signer_in_view": {
        part: _in_view(widget, page.scroll_area) for part, widget in
        (("block", coach.frame), ("pad", coach.panel.pad), ("sign", coach.button))}})


def main() -> int:
    name, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="iep-screens-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    language = i18n.set_language(os.environ.get("IEP_SCREEN_LANGUAGE", "en"))  # issue 18: es too
    clock = FixedClock(datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0).astimezone())
    path = folder / "coach.iep"
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as store:
        open_person, no_plan, signed_person = (ready_participant(store) for _ in range(3))
        with store.unit_of_work(COACH) as uow:  # three different (synthetic) people on the screenshots
            for person, first, last, born in ((open_person, "Ana-Sofía", "Núñez", date(1991, 3, 14)),
                                              (no_plan, "Darnell", "Okafor", date(1987, 11, 2)),
                                              (signed_person, "Mei", "Lindqvist", date(2001, 6, 30))):
                participants.update_participant(uow, uow.get(Participant, person.id).model_copy(
                    update={"first_name": first, "last_name": last, "date_of_birth": born,
                            "preferred_language": Language(language)}))
        complete_plan(store, open_person)
        sign_through_core(store, complete_plan(store, signed_person))

    window = MainWindow(path, settings=Settings(), kdf=cheap_kdf(), clock=clock, actor=COACH)
    window.show()
    measure(f"{name}-unlock", window, out)
    view = window.gate.unlock_view
    QTest.keyClicks(view.passphrase, PASSPHRASE)
    QTest.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)
    wait_until(lambda: window.store is not None and window.caseload.model.rowCount() == 3
               and not window.caseload.loading)
    measure(f"{name}-caseload", window, out)

    window.caseload.new_participant()
    wait_until(lambda: window.caseload._dialog is not None and window.caseload._dialog.isVisible())
    dialog = window.caseload._dialog
    assert dialog is not None
    measure(f"{name}-new_participant", dialog, out)
    dialog.reject()

    notes = window.open_case_notes(open_person.id)
    assert notes is not None
    measure(f"{name}-case_notes", notes, out)
    notes.close()

    sync = window.open_sync()
    if sync is not None:
        measure(f"{name}-sync", sync, out)
        sync.close()

    caseload = window.caseload
    for kind, open_dialog in (("record_service", caseload.record_service),
                              ("goals_and_objectives", caseload.goals_and_objectives),
                              ("close_at_exit", caseload.close_at_exit), ("this_week", caseload.this_week)):
        wait_until(lambda: not caseload.loading and caseload.select_participant(open_person.id)
                   and caseload.selected_row() is not None and caseload.selected_row().plan_id is not None)
        life = open_dialog()
        assert life is not None, kind
        wait_until(life.isVisible)
        measure(f"{name}-{kind}", life, out)
        life.reject()
        QApplication.processEvents()

    batch = window.print_plans(folder / "printed")
    assert batch is not None
    wait_until(lambda: batch.progress.isVisible() or not batch.running)
    if batch.progress.isVisible():
        measure(f"{name}-batch_print", batch.progress, out)
    wait_until(lambda: not batch.running and window.notice is not None and window.notice.isVisible())
    notice = window.notice
    assert notice is not None
    measure(f"{name}-message_box", notice, out)
    notice.accept()

    store_now = window.store
    assert store_now is not None
    wizard = PlanWizard(store_now, open_person.id, COACH, parent=window)
    wizard.setWindowFlag(Qt.WindowType.Window)
    wizard.show()
    while True:
        page_id = PageId(wizard.currentId())
        extra: dict[str, object] = {}
        page = wizard.page_of(page_id)
        if isinstance(page, SignaturesPage):
            viewport = page.scroll_area.viewport().height()
            QTest.qWait(30)  # the page scrolls its first signer into view once laid out
            first = next(iter(page.signers.values()))
            extra = {"viewport": viewport, "first_signer_in_view": {
                         part: _in_view(widget, page.scroll_area) for part, widget in
                         (("block", first.frame), ("pad", first.panel.pad), ("sign", first.button))},
                     "summary_lines_in_view": _lines_in_view(page.summary, page.scroll_area),
                     "signer_heights": [max(s.frame.height(), s.frame.sizeHint().height()) for s in page.signers.values()],
                     "pad_heights": [s.panel.pad.height() for s in page.signers.values()]}
        measure(f"{name}-wizard_{page_id.slug}", wizard, out, extra)
        if isinstance(page, SignaturesPage):
            sign_by_typing(page, name, out, wizard)
        before = wizard.currentId()
        wizard.next()
        if wizard.currentId() == before or page_id is PageId.SIGNATURES:
            break
    wizard.reject()

    done = PlanWizard(store_now, signed_person.id, COACH, parent=window)
    done.setWindowFlag(Qt.WindowType.Window)
    done.show()
    while done.currentId() != int(PageId.DONE):
        before = done.currentId()
        done.next()
        if done.currentId() == before:
            raise RuntimeError(f"stuck on page {before}")
    measure(f"{name}-wizard_done", done, out)
    done.reject()
    window.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main())
