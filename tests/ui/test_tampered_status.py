"""Issue 14, finding 7, as a coach sees it: a signed plan whose stored version was edited outside
the app reads "Tampered" in the caseload, never "Signed"."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import text

from iep_desktop.domain.models import SignerRole
from iep_desktop.domain.strokes import synthetic_ink
from iep_desktop.services import signing
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.test_sync import new_plan
from tests.ui.shell_helpers import (  # noqa: F401 - fixtures
    MakeWindow,
    make_window,
    settings,
    themed,
    unlock,
)


def _statuses(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.caseload.model
    return [model.index(r, model.STATUS).data() for r in range(model.rowCount())]


def _signed_store(tmp_path: Path) -> Path:
    """A store with one plan signed by the participant and the coach."""
    path = tmp_path / "store" / "coach.iep"
    path.parent.mkdir()
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf()) as store:
        _, plan, *_ = new_plan(store, "coach")
        with store.unit_of_work("coach") as uow:
            signing.sign_plan(uow, plan.id, role=SignerRole.PARTICIPANT, signer_name="Ngozi Okonkwo",
                              ink=synthetic_ink(1))
            signing.sign_plan(uow, plan.id, role=SignerRole.COACH, signer_name="Coach Kim", ink=synthetic_ink(2))
    return path


def test_the_caseload_shows_a_tampered_plan_as_tampered(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    path = _signed_store(tmp_path)
    window = make_window(path)
    unlock(qtbot, window, PASSPHRASE)
    assert _statuses(window) == ["Signed"]  # the honest path
    window.close()

    with Store.open(path, PASSPHRASE) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE plan_versions SET content = replace(content, 'welding', 'knitting')"))
    from iep_desktop.services import caseload

    caseload._STATUSES._rows.clear()  # a new session: the app was closed while the file was edited
    window = make_window(path)
    unlock(qtbot, window, PASSPHRASE)
    assert _statuses(window) == ["Tampered"]
    Path("screenshots").mkdir(exist_ok=True)
    window.grab().save("screenshots/caseload_tampered.png")


def test_an_edit_outside_the_app_while_it_is_open_shows_at_the_next_refresh(
        qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    """Issue 17: the caseload reuses statuses while nothing changed; an edit made in another
    program while the app stays open (no audit head moves) still shows at the next refresh."""
    path = _signed_store(tmp_path)
    window = make_window(path)
    unlock(qtbot, window, PASSPHRASE)
    assert _statuses(window) == ["Signed"]
    with qtbot.waitSignal(window.caseload.loaded, timeout=10_000):
        window.caseload.refresh()
    assert _statuses(window) == ["Signed"]  # read again, reused: nothing changed
    with Store.open(path, PASSPHRASE) as other, other.engine.begin() as conn:
        conn.execute(text("UPDATE plan_versions SET content = replace(content, 'welding', 'knitting')"))
    with qtbot.waitSignal(window.caseload.loaded, timeout=10_000):
        window.caseload.refresh()
    assert _statuses(window) == ["Tampered"]
