"""The signature pad and panel, driven by real pen, touch and mouse events (offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QImage,
    QInputDevice,
    QKeyEvent,
    QMouseEvent,
    QPointingDevice,
    QTabletEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from iep_desktop.domain.strokes import SignatureInk
from ui.signature_pad import (
    BUTTON_MIN_HEIGHT,
    EMPTY_SIGNATURE_MESSAGE,
    SignaturePad,
    SignaturePanel,
)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CONSENT = "I agree that signing electronically has the same effect as signing on paper."

Point = tuple[float, float, float]  # x, y, pressure


# -- Fixtures and event helpers ------------------------------------------------------------


@pytest.fixture
def stylus(qapp: QApplication) -> Iterator[QPointingDevice]:
    device = QPointingDevice(
        "Test stylus",
        1001,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )
    yield device
    device.deleteLater()


@pytest.fixture
def touchscreen(qapp: QApplication) -> QPointingDevice:
    return QTest.createTouchDevice()


@pytest.fixture
def pad(qtbot: QtBot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(640, 220)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def send_tablet(
    pad: SignaturePad, device: QPointingDevice, kind: QEvent.Type, point: Point
) -> QTabletEvent:
    x, y, pressure = point
    pos = QPointF(x, y)
    pressed = kind != QEvent.Type.TabletRelease
    moving = kind == QEvent.Type.TabletMove
    button = Qt.MouseButton.NoButton if moving else Qt.MouseButton.LeftButton
    event = QTabletEvent(
        kind, device, pos, pad.mapToGlobal(pos), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
        Qt.KeyboardModifier.NoModifier, button,
        Qt.MouseButton.LeftButton if pressed else Qt.MouseButton.NoButton,
    )
    QApplication.sendEvent(pad, event)
    return event


def pen_stroke(pad: SignaturePad, device: QPointingDevice, points: list[Point]) -> None:
    """Pen down on the first point, move through the rest, lift on the last one."""
    send_tablet(pad, device, QEvent.Type.TabletPress, points[0])
    for point in points[1:]:
        send_tablet(pad, device, QEvent.Type.TabletMove, point)
    send_tablet(pad, device, QEvent.Type.TabletRelease, points[-1])


def line(
    y: float, pressure: float, x0: float = 100, x1: float = 400, steps: int = 10
) -> list[Point]:
    return [(x0 + (x1 - x0) * i / steps, y, pressure) for i in range(steps + 1)]


def cursive(x0: float = 70, y0: float = 120, loops: int = 6) -> list[Point]:
    """A looping, pressure-varying line that looks like handwriting."""
    points = []
    for i in range(loops * 24 + 1):
        t = i * math.tau / 24
        x = x0 + 9 * t + 16 * math.cos(t + math.pi)
        y = y0 - 26 * math.sin(t) - 8 * math.sin(t / 3)
        points.append((round(x, 1), round(y, 1), round(0.3 + 0.6 * abs(math.sin(t / 2.5)), 3)))
    return points


def send_mouse(pad: SignaturePad, kind: QEvent.Type, x: float, y: float, **kwargs: object) -> None:
    pos = QPointF(x, y)
    buttons = kwargs.get("buttons", Qt.MouseButton.LeftButton)
    button = kwargs.get("button", Qt.MouseButton.NoButton)
    source = kwargs.get("source", Qt.MouseEventSource.MouseEventNotSynthesized)
    device = kwargs.get("device", QPointingDevice.primaryPointingDevice())
    event = QMouseEvent(
        kind, pos, pos, pad.mapToGlobal(pos), button, buttons,
        Qt.KeyboardModifier.NoModifier, source, device,
    )
    QApplication.sendEvent(pad, event)


def opaque_run(png: bytes, x: int) -> int:
    """How many pixels of column x carry ink (alpha at least half)."""
    image = QImage.fromData(png)
    return sum(1 for y in range(image.height()) if image.pixelColor(x, y).alpha() >= 128)


def corners_alpha(png: bytes) -> list[int]:
    image = QImage.fromData(png)
    w, h = image.width() - 1, image.height() - 1
    return [image.pixelColor(x, y).alpha() for x, y in ((0, 0), (w, 0), (0, h), (w, h))]


# -- Pen -----------------------------------------------------------------------------------


def test_pen_records_points_with_pressure(pad: SignaturePad, stylus: QPointingDevice) -> None:
    points = [(50, 100, 0.2), (60, 104, 0.4), (75, 110, 0.7), (90, 112, 0.95)]
    pen_stroke(pad, stylus, points)

    ink = pad.ink()
    assert ink.device == "pen"
    assert (ink.width, ink.height) == (640, 220)
    [stroke] = ink.strokes
    assert stroke.device == "pen"
    recorded = [(p.x, p.y, p.pressure) for p in stroke.points]
    assert recorded == [pytest.approx(point) for point in points]
    times = [p.t_ms for p in stroke.points]
    assert times == sorted(times)


def test_tablet_events_are_accepted(pad: SignaturePad, stylus: QPointingDevice) -> None:
    # Accepted tablet events are not turned into mouse events by Qt.
    event = send_tablet(pad, stylus, QEvent.Type.TabletPress, (10, 10, 0.5))
    assert event.isAccepted()


def test_pen_hover_and_eraser_draw_nothing(pad: SignaturePad, stylus: QPointingDevice) -> None:
    send_tablet(pad, stylus, QEvent.Type.TabletMove, (10, 10, 0.0))
    send_tablet(pad, stylus, QEvent.Type.TabletMove, (20, 20, 0.0))
    eraser = QPointingDevice(
        "Test eraser", 1002, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Eraser,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3,
    )
    pen_stroke(pad, eraser, line(100, 0.5))
    assert pad.is_empty()


def test_harder_pressure_draws_a_wider_line(qtbot: QtBot, stylus: QPointingDevice) -> None:
    runs = {}
    for pressure in (0.1, 0.9):
        pad = SignaturePad()
        qtbot.addWidget(pad)
        pad.resize(640, 220)
        pen_stroke(pad, stylus, line(100, pressure))
        png = pad.render_png(scale=2.0)
        runs[pressure] = opaque_run(png, x=500)  # pad x = 250, mid-line
    assert runs[0.1] >= 1
    assert runs[0.9] >= runs[0.1] + 3


def test_png_is_transparent_ink_only(pad: SignaturePad, stylus: QPointingDevice) -> None:
    pen_stroke(pad, stylus, line(110, 0.9))
    png = pad.render_png()

    assert png.startswith(PNG_MAGIC)
    image = QImage.fromData(png)
    assert image.hasAlphaChannel()
    assert corners_alpha(png) == [0, 0, 0, 0]
    assert image.pixelColor(20, 20).alpha() == 0  # no paper, baseline or hint
    ink = image.pixelColor(500, 220)  # pad (250, 110), on the line
    assert ink.alpha() == 255
    assert max(ink.red(), ink.green(), ink.blue()) < 80  # dark


def test_empty_pad_renders_fully_transparent(pad: SignaturePad) -> None:
    image = QImage.fromData(pad.render_png(scale=1.0))
    assert (image.width(), image.height()) == (640, 220)
    assert all(
        image.pixelColor(x, y).alpha() == 0 for x in range(0, 640, 16) for y in range(0, 220, 11)
    )


@pytest.mark.parametrize(
    ("scale", "size"), [(1.0, (640, 220)), (1.5, (960, 330)), (2.0, (1280, 440))]
)
def test_render_scales_with_the_display(
    pad: SignaturePad, stylus: QPointingDevice, scale: float, size: tuple[int, int]
) -> None:
    pen_stroke(pad, stylus, line(100, 0.6))
    image = QImage.fromData(pad.render_png(scale=scale))
    assert (image.width(), image.height()) == size
    on_line = image.pixelColor(round(250 * scale), round(100 * scale))
    off_line = image.pixelColor(round(250 * scale), round(150 * scale))
    assert (on_line.alpha(), off_line.alpha()) == (255, 0)


def test_render_refuses_a_non_positive_scale(pad: SignaturePad) -> None:
    with pytest.raises(ValueError):
        pad.render_png(scale=0)


# -- Mouse ---------------------------------------------------------------------------------


def test_mouse_draws_with_constant_pressure(qtbot: QtBot, pad: SignaturePad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 60))
    for x, y in ((60, 70), (90, 75), (130, 72)):
        # qtbot.mouseMove does not hold the button down, so send the move ourselves.
        send_mouse(pad, QEvent.Type.MouseMove, x, y)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(130, 72))

    ink = pad.ink()
    assert ink.device == "mouse"
    [stroke] = ink.strokes
    assert [(p.x, p.y) for p in stroke.points] == [(40, 60), (60, 70), (90, 75), (130, 72)]
    assert {p.pressure for p in stroke.points} == {1.0}


def test_mouse_move_without_button_draws_nothing(pad: SignaturePad) -> None:
    send_mouse(pad, QEvent.Type.MouseMove, 50, 50, buttons=Qt.MouseButton.NoButton)
    assert pad.is_empty()


def test_right_button_draws_nothing(qtbot: QtBot, pad: SignaturePad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.RightButton, pos=QPoint(40, 60))
    send_mouse(pad, QEvent.Type.MouseMove, 80, 80, buttons=Qt.MouseButton.RightButton)
    qtbot.mouseRelease(pad, Qt.MouseButton.RightButton, pos=QPoint(80, 80))
    assert pad.is_empty()


@pytest.mark.parametrize("origin", ["synthesized by Qt", "from a touch screen"])
def test_mouse_copies_of_touch_or_pen_are_ignored(
    pad: SignaturePad, touchscreen: QPointingDevice, origin: str
) -> None:
    extra: dict[str, object] = (
        {"source": Qt.MouseEventSource.MouseEventSynthesizedByQt}
        if origin == "synthesized by Qt"
        else {"device": touchscreen}
    )
    press = {"button": Qt.MouseButton.LeftButton, **extra}
    send_mouse(pad, QEvent.Type.MouseButtonPress, 40, 60, **press)
    send_mouse(pad, QEvent.Type.MouseMove, 90, 70, **extra)
    release = {"buttons": Qt.MouseButton.NoButton, **press}
    send_mouse(pad, QEvent.Type.MouseButtonRelease, 90, 70, **release)
    assert pad.is_empty()


def test_mouse_is_ignored_during_a_pen_stroke(pad: SignaturePad, stylus: QPointingDevice) -> None:
    send_tablet(pad, stylus, QEvent.Type.TabletPress, (50, 100, 0.5))
    send_mouse(pad, QEvent.Type.MouseButtonPress, 50, 100, button=Qt.MouseButton.LeftButton)
    send_mouse(pad, QEvent.Type.MouseMove, 300, 10)
    send_tablet(pad, stylus, QEvent.Type.TabletMove, (80, 100, 0.5))
    send_tablet(pad, stylus, QEvent.Type.TabletRelease, (80, 100, 0.5))
    [stroke] = pad.ink().strokes
    assert (stroke.device, [(p.x, p.y) for p in stroke.points]) == ("pen", [(50, 100), (80, 100)])


# -- Touch ---------------------------------------------------------------------------------


def test_touch_draws_with_default_pressure(pad: SignaturePad, touchscreen: QPointingDevice) -> None:
    QTest.touchEvent(pad, touchscreen).press(0, QPoint(30, 80), pad).commit()
    for x in (60, 90, 120):
        QTest.touchEvent(pad, touchscreen).move(0, QPoint(x, 90), pad).commit()
    QTest.touchEvent(pad, touchscreen).release(0, QPoint(150, 95), pad).commit()

    ink = pad.ink()
    assert ink.device == "touch"
    [stroke] = ink.strokes
    expected = [(30, 80), (60, 90), (90, 90), (120, 90), (150, 95)]
    # Touch goes through the window system, which may scale to device pixels and back.
    assert [(p.x, p.y) for p in stroke.points] == [pytest.approx(xy) for xy in expected]
    assert {p.pressure for p in stroke.points} == {0.5}


def test_only_the_first_finger_draws(pad: SignaturePad, touchscreen: QPointingDevice) -> None:
    first, second = QPoint(30, 80), QPoint(300, 150)
    QTest.touchEvent(pad, touchscreen).press(0, first, pad).press(1, second, pad).commit()
    first, second = QPoint(60, 80), QPoint(320, 160)
    QTest.touchEvent(pad, touchscreen).move(0, first, pad).move(1, second, pad).commit()
    QTest.touchEvent(pad, touchscreen).release(0, first, pad).release(1, second, pad).commit()

    [stroke] = pad.ink().strokes
    assert [(p.x, p.y) for p in stroke.points] == [pytest.approx((30, 80)), pytest.approx((60, 80))]


# -- Clear, undo, changed, load ------------------------------------------------------------


def test_changed_is_emitted_after_stroke_undo_and_clear(
    qtbot: QtBot, pad: SignaturePad, stylus: QPointingDevice
) -> None:
    with qtbot.waitSignal(pad.changed, timeout=1000):
        pen_stroke(pad, stylus, line(80, 0.5))
    with qtbot.waitSignal(pad.changed, timeout=1000):
        pen_stroke(pad, stylus, line(120, 0.5))
    assert len(pad.ink().strokes) == 2

    with qtbot.waitSignal(pad.changed, timeout=1000):
        pad.undo_last_stroke()
    [left] = pad.ink().strokes
    assert left.points[0].y == 80

    with qtbot.waitSignal(pad.changed, timeout=1000):
        pad.clear()
    assert pad.is_empty()
    with qtbot.assertNotEmitted(pad.changed):
        pad.undo_last_stroke()
        pad.clear()


def test_no_change_is_signalled_mid_stroke(
    qtbot: QtBot, pad: SignaturePad, stylus: QPointingDevice
) -> None:
    with qtbot.assertNotEmitted(pad.changed):
        send_tablet(pad, stylus, QEvent.Type.TabletPress, (50, 100, 0.5))
        send_tablet(pad, stylus, QEvent.Type.TabletMove, (80, 100, 0.5))
    assert pad.is_empty()  # the stroke counts once the pen lifts


def test_ctrl_z_undoes_the_last_stroke(
    qtbot: QtBot, pad: SignaturePad, stylus: QPointingDevice
) -> None:
    pen_stroke(pad, stylus, line(80, 0.5))
    qtbot.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pad.is_empty()


def test_load_ink_round_trip(qtbot: QtBot, pad: SignaturePad, stylus: QPointingDevice) -> None:
    pen_stroke(pad, stylus, cursive())
    saved = pad.ink().to_json()

    other = SignaturePad()
    qtbot.addWidget(other)
    other.resize(640, 220)
    with qtbot.waitSignal(other.changed, timeout=1000):
        other.load_ink(SignatureInk.from_json(saved))

    assert other.ink().to_json() == saved
    assert other.render_png() == pad.render_png()


def test_strokes_after_load_continue_the_clock(
    qtbot: QtBot, pad: SignaturePad, stylus: QPointingDevice
) -> None:
    pen_stroke(pad, stylus, line(80, 0.5))
    ink = pad.ink()
    late = ink.model_copy(
        update={"strokes": [ink.strokes[0].model_copy(update={"points": [
            p.model_copy(update={"t_ms": 5000}) for p in ink.strokes[0].points
        ]})]}
    )
    pad.load_ink(late)
    pen_stroke(pad, stylus, line(120, 0.5))
    assert pad.ink().strokes[1].points[0].t_ms > 5000


def test_pad_size_and_accessibility(pad: SignaturePad) -> None:
    assert pad.minimumWidth() >= 480 and pad.minimumHeight() >= 180
    assert (pad.sizeHint().width(), pad.sizeHint().height()) == (640, 220)
    assert pad.accessibleName() == "Signature pad"
    assert pad.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert pad.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)


# -- Panel ---------------------------------------------------------------------------------


@pytest.fixture
def panel(qtbot: QtBot) -> SignaturePanel:
    widget = SignaturePanel("Participant", "Jordan Rivera", CONSENT, "11/23/2026")
    qtbot.addWidget(widget)
    widget.resize(720, 460)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_panel_refuses_an_empty_signature(panel: SignaturePanel) -> None:
    assert panel.accepted_ink() is None
    assert panel.error_label.text() == EMPTY_SIGNATURE_MESSAGE
    assert panel.error_label.isVisible()
    assert panel.error_label.accessibleName() == EMPTY_SIGNATURE_MESSAGE


def test_panel_refuses_a_dot(panel: SignaturePanel, stylus: QPointingDevice) -> None:
    pen_stroke(panel.pad, stylus, [(200, 120, 0.6)])
    assert len(panel.pad.ink().strokes) == 1
    assert panel.accepted_ink() is None
    assert panel.error_label.text() == EMPTY_SIGNATURE_MESSAGE


def test_panel_accepts_a_real_signature(panel: SignaturePanel, stylus: QPointingDevice) -> None:
    assert panel.accepted_ink() is None
    pen_stroke(panel.pad, stylus, cursive())
    assert panel.error_label.text() == ""  # signing again clears the old message

    ink = panel.accepted_ink()
    assert ink is not None and ink.device == "pen"
    assert panel.error_label.text() == ""


def test_panel_thresholds_are_arguments(panel: SignaturePanel, stylus: QPointingDevice) -> None:
    pen_stroke(panel.pad, stylus, line(100, 0.5, x0=100, x1=130, steps=3))
    assert panel.accepted_ink() is None
    assert panel.accepted_ink(min_length=20, min_points=4, min_extent=20) is not None


def test_panel_buttons(qtbot: QtBot, panel: SignaturePanel, stylus: QPointingDevice) -> None:
    named = ((panel.clear_button, "Clear signature"), (panel.undo_button, "Undo last stroke"))
    for button, name in named:
        assert button.minimumHeight() >= BUTTON_MIN_HEIGHT >= 44
        assert button.height() >= 44
        assert button.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert button.accessibleName() == name
    assert panel.undo_button.text() == "Undo last stroke"
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.pad.setFocus()
    for expected in (panel.clear_button, panel.undo_button):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected

    pen_stroke(panel.pad, stylus, line(80, 0.5))
    pen_stroke(panel.pad, stylus, line(120, 0.5))
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert len(panel.pad.ink().strokes) == 1
    panel.clear_button.setFocus()
    qtbot.keyClick(panel.clear_button, Qt.Key.Key_Space)
    assert panel.pad.is_empty()


def test_panel_shows_who_signs_what_and_when(panel: SignaturePanel) -> None:
    texts = [label.text() for label in panel.findChildren(type(panel.error_label))]
    assert "Participant: Jordan Rivera" in texts
    assert CONSENT in texts
    assert "Date: 11/23/2026" in texts


def test_panel_screenshots(
    qtbot: QtBot, panel: SignaturePanel, stylus: QPointingDevice, tmp_path: Path
) -> None:
    empty = panel.grab()
    assert empty.save(str(tmp_path / "signature_panel_empty.png"))
    SCREENSHOTS.mkdir(exist_ok=True)
    assert empty.save(str(SCREENSHOTS / "signature_panel_empty.png"))
    pad_geometry = panel.pad.geometry()

    pen_stroke(panel.pad, stylus, cursive())
    pen_stroke(panel.pad, stylus, [(90, 150, 0.5), (300, 148, 0.8), (520, 152, 0.4)])
    signed = panel.grab()
    assert signed.save(str(tmp_path / "signature_panel.png"))
    assert signed.save(str(SCREENSHOTS / "signature_panel.png"))

    panel.pad.clear()
    pen_stroke(panel.pad, stylus, [(200, 120, 0.6)])
    assert panel.accepted_ink() is None
    refused = panel.grab()
    assert refused.save(str(SCREENSHOTS / "signature_panel_error.png"))
    QApplication.processEvents()  # let the layout react to the message
    assert panel.pad.geometry() == pad_geometry  # the message did not move or shrink the pad
    saved = QImage(str(tmp_path / "signature_panel.png"))
    assert saved.width() == round(panel.width() * signed.devicePixelRatio())


def test_a_typed_name_is_drawn_as_ink_and_enter_asks_to_sign(qtbot: QtBot, pad: SignaturePad) -> None:
    """The keyboard path (issue 13): letters typed on the pad become strokes of device
    "keyboard"; Backspace and Ctrl+Z take letters back; Enter asks to sign; a chord types nothing."""
    pad.setFocus()
    asked: list[bool] = []
    pad.sign_requested.connect(lambda: asked.append(True))
    QTest.keyClick(pad, Qt.Key.Key_Space)  # a leading space is no mark
    assert pad.is_empty()
    for char in "Jo Núñez":
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(pad, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    QTest.keyClick(pad, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # a shortcut, not a letter
    assert pad.typed_text() == "Jo Núñez"
    ink = pad.ink()
    assert ink.is_substantial() and {s.device for s in ink.strokes} == {"keyboard"} and ink.device == "keyboard"
    box = ink.bounding_box()
    assert box is not None and 0 <= box.left and box.right <= pad.width() and box.bottom <= pad.height()
    QTest.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.typed_text() == "Jo Núñe"
    QTest.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pad.typed_text() == "Jo Núñ"
    QTest.keyClick(pad, Qt.Key.Key_Return)
    assert asked == [True]
    stored = pad.ink().to_json()
    assert SignatureInk.from_json(stored).to_json() == stored  # stored and read back as any ink is
    pad.clear()
    assert pad.is_empty() and pad.typed_text() == ""
