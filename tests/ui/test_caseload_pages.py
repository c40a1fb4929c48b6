"""The caseload reads a page at a time: the next page comes when the list scrolls to its end."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.ui.shell_helpers import (  # noqa: F401 - fixtures
    MakeWindow,
    add_people,
    make_window,
    names,
    settings,
    themed,
    unlock,
    wait_loaded,
)
from ui.caseload import PAGE_LIMIT


def test_more_rows_on_scroll_in_name_order(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    path = tmp_path / "store" / "coach.iep"
    path.parent.mkdir()
    count = PAGE_LIMIT * 2 + 7
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf()) as store:
        add_people(store, *((f"Ana{n:03d}", f"Smith{n:03d}", None) for n in range(count)))
    window = make_window(path)
    unlock(qtbot, window, PASSPHRASE)
    caseload = window.caseload
    assert caseload.model.rowCount() == PAGE_LIMIT
    assert window.summary.text() == f"{PAGE_LIMIT} of {count} participants (scroll for more, or refine the search)"

    for shown in (PAGE_LIMIT * 2, count):  # scrolling to the end asks for the next page
        caseload.table.scrollToBottom()
        qtbot.waitUntil(lambda shown=shown: caseload.model.rowCount() == shown, timeout=10_000)
    assert not caseload.model.canFetchMore()
    assert names(window) == sorted(names(window)) and len(set(names(window))) == count
    assert window.summary.text() == f"{count} participants"

    caseload.table.scrollToTop()
    caseload.search.setText("smith")  # a search starts again from its first page, in name order
    wait_loaded(qtbot, window, rows=PAGE_LIMIT)
    assert names(window)[:2] == ["Smith000, Ana000", "Smith001, Ana001"]
    caseload.table.scrollToBottom()
    qtbot.waitUntil(lambda: caseload.model.rowCount() == PAGE_LIMIT * 2, timeout=10_000)
    assert names(window)[PAGE_LIMIT] == f"Smith{PAGE_LIMIT:03d}, Ana{PAGE_LIMIT:03d}"


def _five_okafors(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The app unlocked on a store of five participants named Bea0 Okafor0 ... Bea4 Okafor4."""
    path = tmp_path / "store" / "coach.iep"
    path.parent.mkdir()
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf()) as store:
        add_people(store, *((f"Bea{n}", f"Okafor{n}", None) for n in range(5)))
    window = make_window(path)
    unlock(qtbot, window, PASSPHRASE)
    return window


def test_names_show_first_and_their_plan_statuses_follow(qtbot: QtBot, make_window: MakeWindow,
                                                          tmp_path: Path) -> None:
    """Search as you type shows the names as soon as the search answers; plan statuses, which
    read every plan on the page, fill in a moment later (until then the column shows '…')."""
    from ui.caseload import PENDING_LABEL

    window = _five_okafors(qtbot, make_window, tmp_path)
    caseload = window.caseload
    status_column = caseload.model.STATUS

    def statuses() -> list[str]:
        return [caseload.model.index(r, status_column).data() for r in range(caseload.model.rowCount())]

    seen: list[list[str]] = []
    caseload.model.modelReset.connect(lambda: seen.append(statuses()))
    caseload.search.setText("okafor")
    wait_loaded(qtbot, window, rows=5)
    assert seen and seen[-1] == [PENDING_LABEL] * 5  # the names came without their statuses
    assert statuses() == ["No plan"] * 5 and not caseload.loading  # and the statuses followed


def test_the_names_are_painted_before_their_statuses_are_worked_out(qtbot: QtBot, make_window: MakeWindow,
                                                                   tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: the status task is Python on a pool thread; started before the names were
    painted, painting waited for the interpreter lock at every cell. The names are painted
    (with '…' for their statuses) before the status task starts."""
    from PySide6.QtCore import QEvent, QObject

    from ui.caseload import PENDING_LABEL

    window = _five_okafors(qtbot, make_window, tmp_path)
    caseload = window.caseload
    painted: list[list[str]] = []  # what the list showed at each paint since the search
    at_status_read: list[int] = []  # paints of the names alone when the status task started

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and searching:
                model = caseload.model
                painted.append([model.index(r, model.STATUS).data() for r in range(model.rowCount())])
            return False

    real = caseload._fill_statuses

    def starting(rows):  # type: ignore[no-untyped-def]  # on the GUI thread, as the status task starts
        at_status_read.append(len([p for p in painted if p == [PENDING_LABEL] * 5]))
        real(rows)

    monkeypatch.setattr(caseload, "_fill_statuses", starting)
    searching = False
    paints = Paints()
    caseload.table.viewport().installEventFilter(paints)
    searching = True
    caseload.search.setText("okafor")
    wait_loaded(qtbot, window, rows=5)
    caseload.table.viewport().removeEventFilter(paints)
    assert at_status_read and at_status_read[0] >= 1  # the names were painted first
    assert [caseload.model.index(r, caseload.model.STATUS).data() for r in range(5)] == ["No plan"] * 5
