"""No window larger than the screen it opens on (issue 13, finding 3).

A fixed 1040x780 wizard on a 768-px laptop, or any window at 200 % scaling (a logical 960x540),
put Save, Next and Unlock out of reach. Windows ask for the size they would like; they get
at most the screen's available area, less room for the window frame the system draws around it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# The title bar and borders the window system adds outside a window's geometry (logical px).
FRAME_ALLOWANCE = QSize(16, 40)


def available_area(window: QWidget) -> QRect:
    """The screen area (logical px, taskbar excluded) the window opens on."""
    anchor = window.parentWidget() or window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def largest_size(window: QWidget) -> QSize:
    area = available_area(window)
    return QSize(max(1, area.width() - FRAME_ALLOWANCE.width()),
                 max(1, area.height() - FRAME_ALLOWANCE.height()))


def fit_to_screen(window: QWidget, preferred: QSize) -> QSize:
    """Size ``window`` to ``preferred``, or to the screen if that is smaller; never a minimum
    larger than the screen either. Returns the size given."""
    room = largest_size(window)
    minimum = window.minimumSize()
    window.setMinimumSize(min(minimum.width(), room.width()), min(minimum.height(), room.height()))
    size = QSize(min(preferred.width(), room.width()), min(preferred.height(), room.height()))
    window.resize(size)
    return size


def keep_on_screen(window: QWidget) -> None:
    """After restoring a saved geometry (another, larger monitor last time): shrink and move the
    window so all of it is on this screen."""
    area = available_area(window)
    room = largest_size(window)
    if window.width() > room.width() or window.height() > room.height():
        window.resize(min(window.width(), room.width()), min(window.height(), room.height()))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - window.width() - FRAME_ALLOWANCE.width() + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - window.height() - FRAME_ALLOWANCE.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.x()), max(y, area.y()))


def is_compact(window: QWidget) -> bool:
    """A short screen (under 700 logical px high: 1366x768 at 125 %, anything at 200 %)."""
    return available_area(window).height() < 700
