"""The desktop app at scale (QT_QPA_PLATFORM=offscreen), on the large store.

(a) Process start to caseload shown: a child process builds the real main window, unlocks the
    store (passphrase in the field, Unlock pressed: Argon2id included, typing not) and prints the
    time when the caseload model has rows. Baseline: a child process that shows a bare PySide6
    QWidget. Both are timed from just before the child is spawned, so both include the Python
    interpreter start; the ratio is what the app adds.
(b) Page to page with autosave: the real plan wizard (ui/wizard) on sampled open plans. Where a
    page shows a saved record with free text, a few characters are typed into it first; then
    Next is pressed (validatePage saves the page, the next page loads from the store, and the
    wizard writes where the coach is for crash recovery). Timed from Next to the next page
    shown, events processed.
(c) Search keystroke to results through the caseload's real view and model: one character is
    typed into the search box (a real key event); the clock stops when the model has been reset
    with the matching names (``modelReset``), and again when their plan statuses have been
    filled in (``loaded``: the statuses read every plan on the page, so the view shows the names
    first). The view waits SEARCH_DEBOUNCE_MS after a keystroke on purpose (one query per pause,
    not per key); the work after that pause is reported apart, against one 60 Hz frame.
(e) Typing with crash-safe autosave (issue 13): on the goals page of sampled open plans, with a
    saved goal in the form, characters are typed one by one (real key events) and the autosave
    the wizard runs at most AUTOSAVE_MS (0.1 s) after a key is timed on its own: the encrypted
    write of the record and of where the coach is. Both should fit in one 60 Hz frame so a save
    every 0.1 s during a burst is no visible pause. Baseline: the same key into a bare QLineEdit.
(d) Resident memory (VmRSS, and VmHWM the peak) of the app child with the store open and the
    caseload shown, against the bare QApplication child.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import FRAME_60HZ_MS, LatencyRows, Options, Result, log, median, percentile, time_ms
from benchmarks.datasets import ACTOR, PASSPHRASE, prepare_store
from iep_desktop.store.keys import KeyFile, keyfile_path
from iep_desktop.store.store import Store

SUITE = "ui"
START_VS_BARE = 1.5  # issue 17: start to unlock window <= 1.5x a bare window
MEMORY_VS_BARE = 1.5  # issue 17: memory before unlock <= 1.5x a bare window
CASELOAD_VS_BARE = 3.0  # issue 17: start to caseload <= Argon2id + 3x a bare window
STORE_MEMORY_VS_BARE = 3.0  # issue 17: resident memory with the store open <= 3x a bare QApplication
STATUSES_AFTER_NAMES_MS = 50.0  # issue 17: statuses p95 <= names painted p95 + 50 ms
ROOT = Path(__file__).resolve().parents[2]


def run(options: Options) -> list[Result]:
    with _prepared(options, "ui") as (folder, built):
        return bench_startup(folder, built.path, options) + bench_in_process(folder, built.path, options)


def run_startup(options: Options) -> list[Result]:
    """Only (a) and (d), the child processes: start-up and memory, for repeated runs on a busy
    machine (``--only startup``); the full ``ui`` suite measures them too."""
    with _prepared(options, "startup") as (folder, built):
        return bench_startup(folder, built.path, options)


def run_search(options: Options) -> list[Result]:
    """Only (c), search keystroke to names and statuses, in this process (``--only search``), to
    repeat it on a busy machine; the full ``ui`` suite measures it too."""
    with _prepared(options, "search") as (folder, built):
        from PySide6.QtCore import QSettings

        app = _app()
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qsettings"))
        key = KeyFile.read(keyfile_path(built.path)).unwrap(PASSPHRASE)
        with Store.open_with_key(built.path, key) as store:
            log("search: search keystroke to results")
            return bench_search(app, store, random.Random(options.seed), options)


@contextmanager
def _prepared(options: Options, suite: str) -> Iterator[tuple[Path, Any]]:
    """A private folder (the app's state in it too) holding the large store, for one suite."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="iep-bench-ui-") as tmp:
        folder = Path(tmp)
        with _environment(IEP_STATE_DIR=str(folder / "state")):
            log(f"{suite}: preparing a store of {options.participants:,} participants")
            yield folder, prepare_store(folder, options.participants, options.seed, options.cache_dir)


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    old = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# -- (a) start-up and (d) memory: child processes ------------------------------------------------------


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # from just before the child was spawned to READY
    rss_kib: int
    hwm_kib: int
    rows: int
    pressed_to_ready: float  # seconds from Unlock pressed to READY (app, typed)
    heavy: str  # which of fpdf, sqlalchemy, alembic, pydantic were loaded


def _child(args: list[str], folder: Path) -> ChildRun:
    # Bytecode as an installed app has it: compiled by the warm-up run into a private folder
    # (never beside the source). With PYTHONDONTWRITEBYTECODE set, as on the shared machines,
    # every child would compile the app's modules from source while the bare window compiles
    # nothing of ours, and the ratio would count the compiler.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IEP_BENCH_PASSPHRASE": PASSPHRASE,
           "IEP_BENCH_SETTINGS_DIR": str(folder / "qsettings"), "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    done = subprocess.run([sys.executable, "-m", "benchmarks.ui_child", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("READY ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"ui child {args[0]} failed (exit {done.returncode}): {done.stderr.strip()[-800:]}")
    _, at, rss, hwm, rows, pressed, heavy = line.split()
    return ChildRun(float(at) - started, int(rss), int(hwm), int(rows),
                    float(at) - float(pressed) if float(pressed) else 0.0, heavy)


def _argon2_ms(store: Path, reps: int) -> float:
    """Argon2id with the store's own parameters, in this process: what unlocking must spend."""
    keyfile = KeyFile.read(keyfile_path(store))
    return median([time_ms(lambda: keyfile.kdf.derive(PASSPHRASE)) for _ in range(reps)])


def bench_startup(folder: Path, store: Path, options: Options) -> list[Result]:
    reps = options.reps(5, 2)
    log(f"ui: start-up, {reps} runs each of the app (unlock screen, caseload, passphrase typed) "
        "and a bare window (child processes)")
    _child(["bare"], folder)  # warm-up: the OS file cache holds Qt and Python afterwards
    _child(["app", str(store)], folder)
    apps: list[ChildRun] = []
    typed: list[ChildRun] = []
    gates: list[ChildRun] = []
    bares: list[ChildRun] = []
    for _ in range(reps):  # alternate, so a busy moment hits all of them
        bares.append(_child(["bare"], folder))
        gates.append(_child(["unlock", str(store)], folder))
        apps.append(_child(["app", str(store)], folder))
        typed.append(_child(["typed", str(store)], folder))
    argon2 = _argon2_ms(store, reps)
    app_ms, bare_ms = [r.seconds * 1000 for r in apps], [r.seconds * 1000 for r in bares]
    gate_ms = [r.seconds * 1000 for r in gates]
    bare = median(bare_ms)
    rss = median([r.rss_kib / 1024 for r in apps])
    hwm = median([r.hwm_kib / 1024 for r in apps])
    gate_rss = median([r.rss_kib / 1024 for r in gates])
    bare_rss = median([r.rss_kib / 1024 for r in bares])
    bare_hwm = median([r.hwm_kib / 1024 for r in bares])
    pressed_app = median([r.pressed_to_ready * 1000 for r in apps])
    pressed_typed = median([r.pressed_to_ready * 1000 for r in typed])
    return [
        Result(SUITE, "process start to unlock window shown median", median(gate_ms), "ms",
               baseline=bare, baseline_label="bare PySide6 window", samples=reps,
               target_max=START_VS_BARE * bare,
               note=f"target <= {START_VS_BARE:g}x bare (issue 17); loaded by then: {gates[-1].heavy}"),
        Result(SUITE, "resident memory before unlock, unlock window waiting (VmRSS)", gate_rss, "MiB",
               baseline=bare_rss, baseline_label="bare QApplication", samples=reps,
               target_max=MEMORY_VS_BARE * bare_rss,
               note=f"target <= {MEMORY_VS_BARE:g}x bare (issue 17); the store's modules load once typing starts"),
        Result(SUITE, "process start to caseload shown (unlock incl. Argon2id) median", median(app_ms), "ms",
               baseline=bare, baseline_label="bare PySide6 window", samples=reps,
               target_max=argon2 + CASELOAD_VS_BARE * bare,
               note=f"target: Argon2id ({argon2:.0f} ms) + <= {CASELOAD_VS_BARE:g}x bare (issue 17); "
                    f"first page of {apps[-1].rows} rows; max {max(app_ms):.0f} ms"),
        Result(SUITE, "  bare PySide6 QWidget window shown median", bare, "ms", samples=reps),
        Result(SUITE, "  Argon2id of the store's passphrase, in-process median", argon2, "ms", samples=reps),
        Result(SUITE, "Unlock pressed to caseload shown, passphrase typed key by key", pressed_typed, "ms",
               baseline=pressed_app, baseline_label="same, passphrase filled in at once (no preload)",
               samples=reps, note="the store's modules load while the passphrase is typed (ui/preload.py)"),
        # The app's own time when the coach types (issue 17: "load the rest while the passphrase
        # is typed"), the typing itself left out. Shown beside the goal row, which stays defined
        # with the passphrase filled in at once, as the figure was measured.
        Result(SUITE, "  start to unlock window + Unlock to caseload, passphrase typed", median(gate_ms) + pressed_typed,
               "ms", baseline=bare, baseline_label="bare PySide6 window", samples=reps,
               note=f"for comparison with the goal row's target ({argon2 + CASELOAD_VS_BARE * bare:.0f} ms); "
                    "no goal of its own"),
        Result(SUITE, "resident memory, store open, caseload shown (VmRSS)", rss, "MiB",
               baseline=bare_rss, baseline_label="bare QApplication", samples=reps,
               target_max=STORE_MEMORY_VS_BARE * bare_rss,
               note=f"target <= {STORE_MEMORY_VS_BARE:g}x bare (issue 17)"),
        Result(SUITE, "  peak resident memory (VmHWM)", hwm, "MiB",
               baseline=bare_hwm, baseline_label="bare QApplication", samples=reps,
               note="includes Argon2id's 64 MiB"),
    ]


# -- (b) wizard and (c) search: in this process ------------------------------------------------------


def _app() -> Any:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.theme import apply_theme

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0]])
        apply_theme(app)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return app


_LOOP: list[Any] = []


def _pump() -> None:
    """Process pending events. Through a QEventLoop instance: in PySide6 6.12 the static
    ``QApplication.processEvents()`` drops one reference to None per call, and a wait loop that
    calls it tens of thousands of times ends in "none_dealloc" (Python 3.11)."""
    if not _LOOP:
        from PySide6.QtCore import QEventLoop

        _LOOP.append(QEventLoop())
    _LOOP[0].processEvents()


SETTLE_CHECK_MS = 10  # how often _settle looks at its condition; no figure depends on it


def _settle(app: Any, until: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Run Qt's event loop until ``until()`` holds, with the GUI thread asleep between events, as
    in the app. The figures are timestamped by the handlers themselves (a signal, the first
    paint), so the condition is only looked at every SETTLE_CHECK_MS.

    This used to be a loop that called processEvents and slept 0.2 ms. It woke the GUI thread
    thousands of times a second, and each wake took the interpreter lock from the pool thread
    running the search: on the 100k store its query p95 was 25.3 ms that way and 16.6 ms with the
    thread asleep (the names painted p95 149 vs 144 ms, same machine, back to back)."""
    if until():
        return
    from PySide6.QtCore import QEventLoop, QTimer

    loop, timer = QEventLoop(), QTimer()
    deadline = time.perf_counter() + timeout_s

    def look() -> None:  # returns None: PySide6 6.12 mishandles a slot's returned bool
        if until() or time.perf_counter() > deadline:
            loop.quit()

    timer.setInterval(SETTLE_CHECK_MS)
    timer.timeout.connect(look)
    timer.start()
    loop.exec()
    timer.stop()
    if not until():
        raise RuntimeError("the UI did not finish in time")


def bench_in_process(folder: Path, path: Path, options: Options) -> list[Result]:
    from PySide6.QtCore import QSettings

    app = _app()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qsettings"))
    key = KeyFile.read(keyfile_path(path)).unwrap(PASSPHRASE)
    rng = random.Random(options.seed)
    with Store.open_with_key(path, key) as store:
        log("ui: wizard page to page")
        results = bench_wizard(app, store, rng, options)
        log("ui: typing with autosave")
        results += bench_typing(app, store, rng, options)
        log("ui: search keystroke to results")
        results += bench_search(app, store, rng, options)
    return results


def _edit_free_text(page: Any) -> bool:
    """Type a few characters at the end of the first free-text box that holds saved text."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    for box in [*page.findChildren(QPlainTextEdit), *page.findChildren(QTextEdit)]:
        if box.isVisible() and box.isEnabled() and not box.isReadOnly() and box.toPlainText().strip():
            cursor = box.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            box.setTextCursor(cursor)
            box.insertPlainText(" ok")
            return True
    return False


def bench_wizard(app: Any, store: Store, rng: random.Random, options: Options) -> list[Result]:
    from benchmarks.suites.store import _sample_open_plans
    from ui.wizard import PageId, PlanWizard

    plans = _sample_open_plans(store, rng, options.reps(25, 4))
    pages: list[float] = []
    edited: list[float] = []
    for participant_id, _plan_id in plans:
        wizard = PlanWizard(store, participant_id, ACTOR)
        wizard.show()
        _settle(app, lambda: True)
        _pump()
        while wizard.currentId() not in (int(PageId.SIGNATURES), int(PageId.DONE), -1):
            page = wizard.currentPage()
            typed = _edit_free_text(page)
            _pump()
            before = wizard.currentId()
            start = time.perf_counter_ns()
            wizard.next()
            _pump()
            elapsed = (time.perf_counter_ns() - start) / 1e6
            if wizard.currentId() == before:
                break  # a page that cannot be left (an error rule): this plan stops here
            (edited if typed else pages).append(elapsed)
        wizard.reject()  # "Save and close": saves, forgets the open plan
        wizard.deleteLater()
        _pump()
    rows = LatencyRows(SUITE)
    every = pages + edited
    rows.add("wizard Next with autosave, page to page", every, target_p95=FRAME_60HZ_MS * 6,
             note=f"{len(plans)} plans; {len(edited)} of {len(every)} pages with typed text saved; "
                  "target: 100 ms (a tap feels instant)")
    if edited:
        rows.add("  of which pages with typed text saved", edited, pcts=(50, 95))
    return rows.rows


def bench_typing(app: Any, store: Store, rng: random.Random, options: Options) -> list[Result]:
    from PySide6.QtWidgets import QLineEdit

    from benchmarks.suites.store import _sample_open_plans
    from ui.wizard import PageId, PlanWizard

    plans = _sample_open_plans(store, rng, options.reps(10, 3))
    keys: list[float] = []
    saves: list[float] = []
    bare: list[float] = []
    plain = QLineEdit()
    plain.show()
    for participant_id, _plan_id in plans:
        wizard = PlanWizard(store, participant_id, ACTOR)
        wizard.show()
        _pump()
        while wizard.currentId() not in (int(PageId.GOALS), -1):
            before = wizard.currentId()
            wizard.next()
            _pump()
            if wizard.currentId() == before:
                break
        page = wizard.currentPage()
        if wizard.currentId() == int(PageId.GOALS) and page.model.rowCount():
            page.table.selectRow(0)
            _pump()
            for char in "ok, full time":
                start = time.perf_counter_ns()
                _type_char(page.description, char)
                keys.append((time.perf_counter_ns() - start) / 1e6)
                start = time.perf_counter_ns()
                page.save_now()  # what the autosave timer runs AUTOSAVE_MS after this key
                saves.append((time.perf_counter_ns() - start) / 1e6)
                start = time.perf_counter_ns()
                _type_char(plain, char)
                bare.append((time.perf_counter_ns() - start) / 1e6)
        wizard.reject()
        wizard.deleteLater()
        _pump()
    rows = LatencyRows(SUITE)
    if keys:
        rows.add("typing: one key into a wizard field", keys, baseline=bare, baseline_label="bare QLineEdit key",
                 target_p95=FRAME_60HZ_MS)
        rows.add("typing: the autosave after a key (encrypted write)", saves, target_p95=FRAME_60HZ_MS,
                 note=f"{len(plans)} plans, {len(saves)} saves; runs at most every 0.1 s while typing")
    return rows.rows


def _type_char(widget: Any, char: str) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def bench_search(app: Any, store: Store, rng: random.Random, options: Options) -> list[Result]:
    from benchmarks.suites.store import search_queries
    from ui.caseload import PAGE_LIMIT, SEARCH_DEBOUNCE_MS, CaseloadView
    from ui.settings import Settings
    from ui.tasks import TaskRunner

    from iep_desktop.app_session import AppSession
    from ui.operations import SessionEvents

    runner = TaskRunner()
    session = AppSession.for_store(store, ACTOR)
    events = SessionEvents(session)
    view = CaseloadView(session, events, runner, Settings())
    view.resize(1180, 700)
    view.show()
    from PySide6.QtCore import QEvent, QObject

    state = {"loaded": 0, "fired": 0, "reset": 0, "names": 0}
    view.loaded.connect(lambda: state.__setitem__("loaded", time.perf_counter_ns()))
    def names_read() -> None:  # a slot returns None: PySide6 6.12 mishandles a returned bool
        if state["fired"] and not state["reset"]:
            state["reset"] = time.perf_counter_ns()

    class FirstPaint(QObject):  # names are on screen when the list (or "No one matches") first paints
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and state["reset"] and not state["names"]:
                state["names"] = time.perf_counter_ns()
            return False

    painted = FirstPaint()
    view.table.viewport().installEventFilter(painted)
    view.empty.installEventFilter(painted)
    view.model.modelReset.connect(names_read)
    view._debounce.timeout.connect(lambda: state.__setitem__("fired", time.perf_counter_ns()))
    view.set_unlocked(True)
    _settle(app, lambda: not view.loading)
    queries = search_queries(store, rng, options.reps(200, 40))
    whole: list[float] = []
    after_pause: list[float] = []
    names_whole: list[float] = []
    names_after_pause: list[float] = []
    rows_shown: list[int] = []
    for number, query in enumerate(queries):
        view.search.clear()
        _settle(app, lambda: not view.loading)
        for char in query.text[:8]:
            state["loaded"] = state["fired"] = state["reset"] = state["names"] = 0
            start = time.perf_counter_ns()
            _type_char(view.search, char)
            _settle(app, lambda: state["loaded"] and state["names"] and not view.loading)
            if number >= 5:  # the first few warm the statement cache and the pages
                whole.append((state["loaded"] - start) / 1e6)
                after_pause.append((state["loaded"] - state["fired"]) / 1e6)
                names_whole.append((state["names"] - start) / 1e6)
                names_after_pause.append((state["names"] - state["fired"]) / 1e6)
                rows_shown.append(view.model.rowCount())
    view.table.viewport().removeEventFilter(painted)
    view.empty.removeEventFilter(painted)
    view.set_unlocked(False)
    view.deleteLater()
    events.close()
    _pump()
    rows = LatencyRows(SUITE)
    rows.add("search keystroke to names painted in the caseload", names_whole,
             baseline=[SEARCH_DEBOUNCE_MS + FRAME_60HZ_MS],
             baseline_label=f"{SEARCH_DEBOUNCE_MS} ms debounce + one 60 Hz frame",
             target_p95=SEARCH_DEBOUNCE_MS + FRAME_60HZ_MS,
             note=f"includes the {SEARCH_DEBOUNCE_MS} ms debounce; target: debounce + one 60 Hz frame (issue 17)")
    rows.add(f"  after the debounce: query, {PAGE_LIMIT}-row page of names, columns fitted, painted", names_after_pause,
             target_p95=FRAME_60HZ_MS, note=f"mean {statistics.fmean(rows_shown):.0f} rows shown")
    rows.add("search keystroke to plan statuses filled in", whole, baseline=names_whole,
             baseline_label="names painted, same keystrokes", target_p95=percentile(names_whole, 95) + STATUSES_AFTER_NAMES_MS,
             note=f"includes the {SEARCH_DEBOUNCE_MS} ms debounce; target p95: names painted p95 + "
                  f"{STATUSES_AFTER_NAMES_MS:g} ms (issue 17); statuses seen before are reused until the store changes")
    rows.add("  after the debounce: names, then snapshot and status of each row", after_pause)
    return rows.rows
