"""``iep-desktop [--db PATH] [--demo]``: start the app.

Without ``--db`` the last store used is opened, else ``coach.iep`` in the user's data folder
(created on first run). ``--demo`` opens a store of synthetic people in a demo folder, making it
on first use, with its passphrase shown on the unlock screen.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_dir
from PySide6.QtWidgets import QApplication, QWidget

from iep_desktop import __version__
from iep_desktop.errors import IepError
from ui import i18n
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.main_window import MainWindow
from ui.settings import APPLICATION, ORGANIZATION, Settings
from ui.theme import new_application

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

APP_DIR_NAME = "iep-desktop"
UNEXPECTED = QT_TRANSLATE_NOOP("App", "Something went wrong; your work is saved. Please report this.")


def tr(text: str) -> str:
    return translate("App", text)  # a Tr: widgets given it follow a language switch


def data_dir() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def default_store_path() -> Path:
    return data_dir() / "coach.iep"


def demo_store_path() -> Path:
    return data_dir() / "demo" / "demo.iep"


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="iep-desktop", description="Individual Employment Plans, offline.")
    parser.add_argument("--db", type=Path, help="the store file to open (default: the last one used)")
    parser.add_argument("--demo", action="store_true",
                        help="open a demo store of synthetic people (made on first use)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_known_args(list(argv))  # the rest (-platform, -style...) is Qt's


def store_path_for(args: argparse.Namespace, settings: Settings) -> Path:
    if args.demo:
        return demo_store_path()
    if args.db is not None:
        return Path(args.db).expanduser().resolve()
    return Path(settings.last_db_path) if settings.last_db_path else default_store_path()


def log_unexpected(exc_type: type[BaseException], tb: TracebackType | None) -> None:
    """Log where (type, files and lines), never what: messages may hold participant data."""
    frames = traceback.extract_tb(tb)[-5:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in reversed(frames))
    print(f"iep-desktop: unexpected {exc_type.__name__} at {where or 'an unknown place'}", file=sys.stderr)


class ExceptHook:
    """sys.excepthook for the GUI: a plain message, one at a time, never a traceback on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self.box: QMessageBox | None = None

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if not isinstance(exc, IepError):
            log_unexpected(exc_type, tb)
        if QApplication.instance() is None or (self.box is not None and self.box.isVisible()):
            return  # no dialog storm: the first message is still on screen
        from PySide6.QtWidgets import QMessageBox  # not built before the unlock window (issue 17)

        text = exc.message if isinstance(exc, IepError) else tr(UNEXPECTED)
        self.box = QMessageBox(QMessageBox.Icon.Warning, tr("IEP Desktop"), text,
                               QMessageBox.StandardButton.Ok, self.parent)
        self.box.open()


def apply_language(settings: Settings) -> str:
    """The coach's language from the settings, else the system's (first run); before any window."""
    return i18n.set_language(settings.language or i18n.system_language())


def create_window(args: argparse.Namespace, settings: Settings, **injected: Any) -> MainWindow:
    """``injected``: MainWindow's kdf, clock and actor, for tests."""
    return MainWindow(store_path_for(args, settings), settings=settings, demo=args.demo, **injected)


def main(argv: Sequence[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in raw:
        # No window, no display needed: checks the installed app and exits.
        from ui.selftest_entry import main as self_test

        return self_test()
    args, qt_args = parse_args(raw)
    app = new_application([sys.argv[0], *qt_args])  # in the app's look (ui/theme.py)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    hook = ExceptHook()
    sys.excepthook = hook
    settings = Settings()
    apply_language(settings)
    window = create_window(args, settings)
    hook.parent = window
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
