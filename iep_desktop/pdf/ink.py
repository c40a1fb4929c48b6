"""Signature ink as vector lines in the PDF: sharp at any zoom, tiny, and no Qt or images.

The ink is fitted into the signature box by its own bounding box (not the pad's size), so a
small signature in a corner of a large pad still fills the line on paper; the aspect ratio is
kept so the handwriting is not distorted.
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from iep_desktop.domain.strokes import SignatureInk, Stroke, stroke_width

# Pen line width on paper at the pen's nominal pressure, in mm: like a fine ballpoint.
BASE_WIDTH_MM = 0.45
# Widths are rounded to this step so that runs of segments with the same width can be drawn
# as one polyline: far fewer PDF operators, and the eye cannot see a 0.05 mm difference.
WIDTH_STEP_MM = 0.05
_INK_COLOR = (16, 32, 96)  # dark blue, as a signed paper form


@dataclass(frozen=True)
class Fit:
    """Maps pad units to page millimetres."""

    scale: float
    offset_x: float
    offset_y: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (round(self.offset_x + x * self.scale, 3), round(self.offset_y + y * self.scale, 3))


def fit_ink(ink: SignatureInk, x: float, y: float, w: float, h: float) -> Fit | None:
    """Scale and centre the ink's bounding box inside the box (x, y, w, h), keeping aspect."""
    box = ink.bounding_box()
    if box is None:
        return None
    # A perfectly straight stroke has zero height (or width): treat that side as one unit.
    ink_w, ink_h = max(box.width, 1.0), max(box.height, 1.0)
    scale = min(w / ink_w, h / ink_h)
    left = x + (w - ink_w * scale) / 2 - box.left * scale
    top = y + (h - ink_h * scale) / 2 - box.top * scale
    return Fit(scale, left, top)


def draw_ink(pdf: FPDF, ink: SignatureInk, x: float, y: float, w: float, h: float) -> None:
    fit = fit_ink(ink, x, y, w, h)
    if fit is None:
        return
    with pdf.local_context(draw_color=_INK_COLOR, fill_color=_INK_COLOR,
                           stroke_cap_style="ROUND", stroke_join_style="ROUND"):
        for stroke in ink.strokes:
            _draw_stroke(pdf, stroke, fit)


def _draw_stroke(pdf: FPDF, stroke: Stroke, fit: Fit) -> None:
    points = stroke.points
    if len(points) == 1:  # a dot (the tittle of an i): a filled disc as wide as the pen
        cx, cy = fit.point(points[0].x, points[0].y)
        r = _width(points[0].pressure, stroke) / 2
        pdf.ellipse(cx - r, cy - r, 2 * r, 2 * r, style="F")
        return
    for width, run in _runs(stroke, fit):
        pdf.set_line_width(width)
        pdf.polyline(run, style="D")


def _runs(stroke: Stroke, fit: Fit) -> list[tuple[float, list[tuple[float, float]]]]:
    """Consecutive segments grouped by their (rounded) width: one polyline per group."""
    runs: list[tuple[float, list[tuple[float, float]]]] = []
    for a, b in zip(stroke.points, stroke.points[1:]):
        # A segment's width follows the mean pressure of its two ends (strokes.stroke_width).
        width = _width((a.pressure + b.pressure) / 2, stroke)
        end = fit.point(b.x, b.y)
        if runs and runs[-1][0] == width:
            runs[-1][1].append(end)
        else:
            runs.append((width, [fit.point(a.x, a.y), end]))
    return runs


def _width(pressure: float, stroke: Stroke) -> float:
    raw = stroke_width(pressure, stroke.device, BASE_WIDTH_MM)
    return max(WIDTH_STEP_MM, round(round(raw / WIDTH_STEP_MM) * WIDTH_STEP_MM, 3))
