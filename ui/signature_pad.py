"""Signing on screen: a pad that records pen, touch and mouse ink, and the panel around it.

The pad works in logical (device-independent) pixels, so the ink has the same coordinates at
100%, 150% or 200% display scaling; ``render_png`` chooses the output resolution.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QElapsedTimer,
    QEvent,
    QIODevice,
    QLineF,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QEventPoint,
    QFocusEvent,
    QFont,
    QImage,
    QInputDevice,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPointingDevice,
    QPolygonF,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from iep_desktop.domain.strokes import (
    MIN_EXTENT,
    MIN_LENGTH,
    MIN_POINTS,
    Device,
    SignatureInk,
    Stroke,
    StrokePoint,
    stroke_width,
)
from ui.i18n import QT_TRANSLATE_NOOP, Retranslatable, translate

EMPTY_SIGNATURE_MESSAGE = QT_TRANSLATE_NOOP(
    "SignaturePad", "The signature is empty or too short. Please sign your full name on the line."
)


def tr(text: str) -> str:
    return translate("SignaturePad", text)  # a Tr: widgets given it follow a language switch


INK_COLOR = QColor(16, 28, 64)  # blue-black: reads as ink on screen and prints dark
BASE_WIDTH = 2.6  # logical px; a pen line ranges from 0.35x to 1.65x of it
MOUSE_PRESSURE = 1.0
TOUCH_PRESSURE = 0.5  # when the touch screen does not measure pressure

MINIMUM_SIZE = QSize(480, 180)  # room for a finger signature on a touch screen
PREFERRED_SIZE = QSize(640, 220)
BUTTON_MIN_HEIGHT = 44  # a comfortable touch target

_PAPER = QColor("white")
_BORDER = QColor(176, 182, 194)
_FOCUS_BORDER = QColor(31, 95, 191)
_BASELINE = QColor(120, 128, 144)
_HINT = QColor(168, 174, 186)
_MARGIN = 24.0
_BASELINE_AT = 0.72  # fraction of the pad's height...
_BASELINE_MAX_Y = 160.0  # ...but no lower, so the line stays put under the ink if the pad grows

_TOUCH_EVENTS = frozenset(
    {QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
)
# Mouse events from these devices are copies of touch or tablet input we already drew.
# A touchpad is left out on purpose: it moves a real mouse pointer.
_NOT_A_MOUSE = frozenset(
    {
        QInputDevice.DeviceType.TouchScreen,
        QInputDevice.DeviceType.Stylus,
        QInputDevice.DeviceType.Airbrush,
        QInputDevice.DeviceType.Puck,
    }
)


def paint_ink(painter: QPainter, strokes: Sequence[Stroke], base_width: float = BASE_WIDTH) -> None:
    """Draw strokes in pad coordinates with whatever transform the painter has."""
    for stroke in strokes:
        _paint_points(painter, stroke.points, stroke.device, base_width)


def render_ink_png(ink: SignatureInk, scale: float = 2.0) -> bytes:
    """The strokes alone, as dark ink on a transparent PNG of (width x height) * scale pixels."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale}")
    image = QImage(round(ink.width * scale), round(ink.height * scale), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    paint_ink(painter, ink.strokes)
    painter.end()
    return _png_bytes(image)


def _paint_points(
    painter: QPainter, points: Sequence[StrokePoint], device: Device, base_width: float
) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if len(points) == 1:
        painter.setPen(_ink_pen(stroke_width(points[0].pressure, device, base_width)))
        painter.drawPoint(_qpoint(points[0]))
    elif device == "pen":
        _paint_pressure_segments(painter, points, base_width)
    else:
        painter.setPen(_ink_pen(stroke_width(1.0, device, base_width)))
        painter.drawPath(_path(points))


def _paint_pressure_segments(
    painter: QPainter, points: Sequence[StrokePoint], base_width: float
) -> None:
    # One segment per pair of points, each as wide as its mean pressure; round caps make the
    # joins seamless because the ink is opaque.
    for a, b in zip(points, points[1:]):
        width = stroke_width((a.pressure + b.pressure) / 2, "pen", base_width)
        painter.setPen(_ink_pen(width))
        painter.drawLine(QLineF(_qpoint(a), _qpoint(b)))


def _path(points: Sequence[StrokePoint]) -> QPainterPath:
    path = QPainterPath(_qpoint(points[0]))
    for point in points[1:]:
        path.lineTo(_qpoint(point))
    return path


def _ink_pen(width: float) -> QPen:
    return QPen(
        INK_COLOR, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
    )


def _qpoint(point: StrokePoint) -> QPointF:
    return QPointF(point.x, point.y)


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the 6.12 stub says bytes; the binding takes str
        raise RuntimeError("Qt could not encode the signature as PNG.")
    buffer.close()
    return bytes(data.data())


class SignaturePad(Retranslatable, QWidget):
    """Draws as the pen, finger or mouse moves and keeps every point as ``StrokePoint``."""

    changed = Signal()  # after a stroke is finished, and after clear, undo and load_ink
    sign_requested = Signal()  # Enter on the pad: the keyboard's way to press "Sign"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[Stroke] = []
        self._points: list[StrokePoint] = []  # the stroke being drawn
        self._device: Device | None = None  # None when no stroke is being drawn
        self._touch_id: int | None = None  # the finger that draws; other fingers are ignored
        # The keyboard path (issue 13): a name typed on the pad is drawn as ink in a hand-like
        # italic; Backspace takes a letter back and Enter asks to sign.
        self._typed = ""
        self._typed_strokes: list[Stroke] = []
        self._clock = QElapsedTimer()
        self._clock_offset_ms = 0
        self._configure()

    def _configure(self) -> None:
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(MINIMUM_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(tr("Signature pad"))
        self.setAccessibleDescription(
            tr("Sign your full name with a pen, a finger or the mouse, or type it and press Enter. "
               "Ctrl+Z undoes the last stroke.")
        )
        self.update()  # "Sign here"

    # Public API ------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return PREFERRED_SIZE

    def minimumSizeHint(self) -> QSize:
        return MINIMUM_SIZE

    def ink(self) -> SignatureInk:
        """The finished strokes, in this pad's logical coordinates."""
        return SignatureInk(
            width=max(1, self.width()), height=max(1, self.height()),
            strokes=[*self._strokes, *self._typed_strokes],
        )

    def is_empty(self) -> bool:
        return not self._strokes and not self._typed_strokes

    def typed_text(self) -> str:
        """The name typed on the pad (drawn as ink), or ''."""
        return self._typed

    def clear(self) -> None:
        had_ink = bool(self._strokes or self._points or self._typed)
        self._drop_stroke()
        self._strokes.clear()
        self._typed, self._typed_strokes = "", []
        self._clock.invalidate()
        self.update()
        if had_ink:
            self.changed.emit()

    def undo_last_stroke(self) -> None:
        if not self._strokes:
            if self._typed:
                self._set_typed(self._typed[:-1])
            return
        self._strokes.pop()
        if not self._strokes:
            self._clock.invalidate()
        self.update()
        self.changed.emit()

    def load_ink(self, ink: SignatureInk) -> None:
        """Show saved strokes; they keep their coordinates, so use a pad of the same size."""
        self._drop_stroke()
        self._strokes = list(ink.strokes)
        self._typed, self._typed_strokes = "", []
        self._clock.invalidate()
        self.update()
        self.changed.emit()

    def render_png(self, scale: float = 2.0) -> bytes:
        return render_ink_png(self.ink(), scale)

    # Input -----------------------------------------------------------------------------

    def tabletEvent(self, event: QTabletEvent) -> None:
        event.accept()  # so Qt does not also send the same motion as mouse events
        if event.pointerType() == QPointingDevice.PointerType.Eraser:
            return
        kind, pos, pressure = event.type(), event.position(), event.pressure()
        if kind == QEvent.Type.TabletPress:
            self._begin_stroke("pen", pos, pressure)
        elif kind == QEvent.Type.TabletMove and self._device == "pen":
            self._extend_stroke(pos, pressure)
        elif kind == QEvent.Type.TabletRelease and self._device == "pen":
            self._finish_stroke(pos, pressure)

    def event(self, event: QEvent) -> bool:
        if event.type() in _TOUCH_EVENTS:
            assert isinstance(event, QTouchEvent)
            self._touch_event(event)
            return True
        return super().event(event)

    def _touch_event(self, event: QTouchEvent) -> None:
        # Accepting TouchBegin asks for the rest of the sequence and stops mouse copies of it.
        event.accept()
        if event.type() == QEvent.Type.TouchCancel:
            self._drop_stroke()
            return
        measures_pressure = bool(event.device().capabilities() & QInputDevice.Capability.Pressure)
        for point in event.points():
            pressure = point.pressure() if measures_pressure else TOUCH_PRESSURE
            self._touch_point(point.id(), point.state(), point.position(), pressure)

    def _touch_point(
        self, touch_id: int, state: QEventPoint.State, pos: QPointF, pressure: float
    ) -> None:
        if self._touch_id is None:
            if state == QEventPoint.State.Pressed and self._device is None:
                self._touch_id = touch_id
                self._begin_stroke("touch", pos, pressure)
            return
        if touch_id != self._touch_id:
            return
        if state == QEventPoint.State.Released:
            self._finish_stroke(pos, pressure)
        else:
            self._extend_stroke(pos, pressure)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._is_real_mouse(event):
            event.ignore()
            return
        self._begin_stroke("mouse", event.position(), MOUSE_PRESSURE)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._device == "mouse" and event.buttons() & Qt.MouseButton.LeftButton:
            self._extend_stroke(event.position(), MOUSE_PRESSURE)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._device == "mouse" and event.button() == Qt.MouseButton.LeftButton:
            self._finish_stroke(event.position(), MOUSE_PRESSURE)

    def _is_real_mouse(self, event: QMouseEvent) -> bool:
        if self._device is not None:
            return False  # a pen or finger stroke is under way
        if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
            return False
        return event.device().type() not in _NOT_A_MOUSE

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_last_stroke()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.sign_requested.emit()
            return
        if event.key() == Qt.Key.Key_Backspace and self._typed:
            event.accept()
            self._set_typed(self._typed[:-1])
            return
        chord = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                     | Qt.KeyboardModifier.MetaModifier)
        text = event.text()
        if text and text.isprintable() and not chord and (text.strip() or self._typed):
            event.accept()
            self._set_typed(self._typed + text)
            return
        super().keyPressEvent(event)

    def _set_typed(self, text: str) -> None:
        """Draw the typed name as ink: the outlines of its letters become strokes."""
        self._typed = text
        self._typed_strokes = []
        if text.strip():
            if not self._clock.isValid():
                self._start_clock()
            now = self._now_ms()
            for polygon in self._typed_path(text).toSubpathPolygons():
                points = [StrokePoint(x=p.x(), y=p.y(), pressure=MOUSE_PRESSURE, t_ms=now) for p in _corners(polygon)]
                if len(points) > 1:
                    self._typed_strokes.append(Stroke(points=points, device="keyboard"))
        self.update()
        self.changed.emit()

    def _typed_path(self, text: str) -> QPainterPath:
        font = QFont(self.font())
        font.setItalic(True)
        font.setPixelSize(56)
        baseline_y = min(self.height() * _BASELINE_AT, _BASELINE_MAX_Y) - 6
        left = _MARGIN + 48  # after the "x" on the line
        path = QPainterPath()
        path.addText(QPointF(0, 0), font, text)
        room = max(40.0, self.width() - left - _MARGIN)
        box = path.boundingRect()
        scale = min(1.0, room / box.width()) if box.width() > 0 else 1.0
        out = QPainterPath()
        for polygon in path.toSubpathPolygons():
            out.addPolygon(QPolygonF([QPointF(left + p.x() * scale, baseline_y + p.y() * scale) for p in _corners(polygon)]))
        return out

    # Strokes ---------------------------------------------------------------------------

    def _begin_stroke(self, device: Device, pos: QPointF, pressure: float) -> None:
        if self._device is not None:
            self._commit_stroke()
        if not self._clock.isValid():
            self._start_clock()
        self._device = device
        self._points = []
        self._extend_stroke(pos, pressure)

    def _extend_stroke(self, pos: QPointF, pressure: float) -> None:
        point = StrokePoint(
            x=pos.x(), y=pos.y(), pressure=min(max(pressure, 0.0), 1.0), t_ms=self._now_ms()
        )
        last = self._points[-1] if self._points else None
        if last is not None and (last.x, last.y) == (point.x, point.y):
            return  # no movement: nothing new to draw
        self._points.append(point)
        self.update(self._dirty_rect(last or point, point))

    def _finish_stroke(self, pos: QPointF, pressure: float) -> None:
        self._extend_stroke(pos, pressure)
        self._commit_stroke()

    def _commit_stroke(self) -> None:
        device, points = self._device, self._points
        self._reset_stroke()
        if device is not None and points:
            self._strokes.append(Stroke(points=points, device=device))
            self.changed.emit()

    def _drop_stroke(self) -> None:
        if self._points:
            self.update()
        self._reset_stroke()

    def _reset_stroke(self) -> None:
        self._points = []
        self._device = None
        self._touch_id = None

    def _start_clock(self) -> None:
        # Strokes loaded from saved ink keep their times; new ones continue after them.
        last = max((p.t_ms for s in self._strokes for p in s.points), default=-1)
        self._clock_offset_ms = last + 1
        self._clock.start()

    def _now_ms(self) -> int:
        return self._clock_offset_ms + self._clock.elapsed()

    @staticmethod
    def _dirty_rect(a: StrokePoint, b: StrokePoint) -> QRect:
        margin = stroke_width(1.0, "pen", BASE_WIDTH) + 2
        rect = QRectF(QPointF(a.x, a.y), QPointF(b.x, b.y)).normalized()
        return rect.adjusted(-margin, -margin, margin, margin).toAlignedRect()

    # Painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_paper(painter)
        paint_ink(painter, [*self._strokes, *self._typed_strokes])
        if self._device is not None and self._points:
            _paint_points(painter, self._points, self._device, BASE_WIDTH)
        painter.end()

    def _paint_paper(self, painter: QPainter) -> None:
        rect = QRectF(self.rect())
        painter.fillRect(rect, _PAPER)
        border_width = 2.0 if self.hasFocus() else 1.0
        painter.setPen(QPen(_FOCUS_BORDER if self.hasFocus() else _BORDER, border_width))
        inset = border_width / 2
        painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))
        baseline_y = min(rect.height() * _BASELINE_AT, _BASELINE_MAX_Y)
        painter.setPen(QPen(_BASELINE, 1.5))
        painter.drawLine(QLineF(_MARGIN, baseline_y, rect.width() - _MARGIN, baseline_y))
        self._paint_marks(painter, rect, baseline_y)

    def _paint_marks(self, painter: QPainter, rect: QRectF, baseline_y: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        painter.setFont(font)
        painter.setPen(_BASELINE)
        cross = QRectF(_MARGIN, baseline_y - 40, 40, 36)
        painter.drawText(cross, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "\u00d7")
        if self.is_empty() and not self._points:
            painter.setPen(_HINT)
            hint = QRectF(0, baseline_y - 48, rect.width(), 40)
            painter.drawText(hint, Qt.AlignmentFlag.AlignCenter, tr("Sign here"))
            if self.hasFocus():  # the keyboard's way, said where the keyboard is
                small = QFont(self.font())
                painter.setFont(small)
                below = QRectF(0, baseline_y + 6, rect.width(), rect.height() - baseline_y - 6)
                painter.drawText(below, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 tr("or type your name, then press Enter to sign"))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


class SignaturePanel(Retranslatable, QWidget):
    """One signer's block: who signs, what they agree to, the date, the pad and its buttons."""

    def __init__(
        self,
        role: str,
        signer_name: str,
        consent_text: str,
        date_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # ``role`` and ``consent_text`` come translated from the page (the consent is in the
        # participant's language); the panel's own words follow the app's language.
        self.live(self.setAccessibleName, lambda: tr("{role} signature").format(role=role))
        self._heading = _plain_label(f"{role}: {signer_name}")
        self._consent = _plain_label(consent_text)
        self._date = _plain_label("")
        self.live(self._date.setText, lambda: tr("Date: {date}").format(date=date_text))
        self._pad = SignaturePad(self)
        self._error = _plain_label("")
        self._clear = _button("", "", self._pad.clear)
        self.live(self._clear.setText, lambda: tr("Clear"))
        self.live(self._clear.setAccessibleName, lambda: tr("Clear signature"))
        self._undo = _button("", "", self._pad.undo_last_stroke)
        self.live(self._undo.setText, lambda: tr("Undo last stroke"))
        self.live(self._undo.setAccessibleName, lambda: tr("Undo last stroke"))
        self._style_labels()
        self._lay_out()
        self._pad.changed.connect(self._hide_error)

    @property
    def pad(self) -> SignaturePad:
        return self._pad

    @property
    def error_label(self) -> QLabel:
        return self._error

    @property
    def clear_button(self) -> QPushButton:
        return self._clear

    @property
    def undo_button(self) -> QPushButton:
        return self._undo

    def accepted_ink(
        self,
        min_length: float = MIN_LENGTH,
        min_points: int = MIN_POINTS,
        min_extent: float = MIN_EXTENT,
    ) -> SignatureInk | None:
        """The ink if it looks like a signature; otherwise None, with the message shown."""
        ink = self._pad.ink()
        if ink.is_substantial(min_length=min_length, min_points=min_points, min_extent=min_extent):
            self._hide_error()
            return ink
        self._show_error(tr(EMPTY_SIGNATURE_MESSAGE))
        return None

    def _show_error(self, message: str) -> None:
        self._error.setText(message)
        self._error.setAccessibleName(message)

    def _hide_error(self) -> None:
        self._error.clear()
        self._error.setAccessibleName("")

    def _style_labels(self) -> None:
        heading_font = QFont(self.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        self._heading.setFont(heading_font)
        self._error.setStyleSheet("color: #b00020; font-weight: bold;")
        # The empty label keeps a line of room so a message never shifts the pad under the pen.
        self._error.setMinimumHeight(self._error.fontMetrics().lineSpacing())

    def _lay_out(self) -> None:
        # Who and when on one line, the consent under it, and the buttons in a column beside the
        # pad: the whole panel fits a 540-px-high screen (200 %) without scrolling (issue 13).
        top = QHBoxLayout()
        top.addWidget(self._heading, 1)
        top.addWidget(self._date, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._actions = QVBoxLayout()
        self._actions.addWidget(self._clear)
        self._actions.addWidget(self._undo)
        self._actions.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self._pad, 1)
        middle.addLayout(self._actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self._consent)
        layout.addLayout(middle)
        layout.addWidget(self._error)
        QWidget.setTabOrder(self._pad, self._clear)
        QWidget.setTabOrder(self._clear, self._undo)

    def add_action(self, button: QPushButton) -> None:
        """A button of the page (Sign) in the column beside the pad, above Clear and Undo."""
        self._actions.insertWidget(0, button)
        QWidget.setTabOrder(self._pad, button)
        QWidget.setTabOrder(button, self._clear)


def _corners(polygon: QPolygonF) -> list[QPointF]:
    return [polygon.at(i) for i in range(polygon.size())]


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names are data, never markup
    label.setWordWrap(True)
    return label


def _button(text: str, accessible_name: str, on_click: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name)
    button.setMinimumHeight(BUTTON_MIN_HEIGHT)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoDefault(False)
    button.clicked.connect(on_click)
    return button
