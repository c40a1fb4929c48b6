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
