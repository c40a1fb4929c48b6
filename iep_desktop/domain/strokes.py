"""The ink of an on-screen signature: strokes of timed, pressure-tagged points. No Qt.

Coordinates are pad units: the signature pad's logical (device-independent) pixels, origin at
its top-left corner. ``SignatureInk.to_json`` is what ``Signature.strokes`` stores; it is
compact and deterministic so the same ink always gives the same text.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from iep_desktop.errors import InvalidInput

# "keyboard": a name typed on the pad and drawn as ink, for a signer who cannot draw (issue 13).
Device = Literal["pen", "touch", "mouse", "keyboard"]

# Order breaks ties when counting points per device: a pen beats touch, touch beats a mouse,
# and a drawn line beats a typed name.
_DEVICE_PRIORITY: tuple[Device, ...] = ("pen", "touch", "mouse", "keyboard")

# Defaults for refusing an empty or trivially short scribble, in pad units. A signed full
# name on a 640 x 220 pad is several hundred units of ink; a dot or a dash is not.
MIN_LENGTH = 80.0
MIN_POINTS = 8
MIN_EXTENT = 40.0

# Pen width at pressure p is base * (PEN_MIN_FACTOR + PEN_PRESSURE_FACTOR * p).
PEN_MIN_FACTOR = 0.35
PEN_PRESSURE_FACTOR = 1.3


class StrokePoint(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    x: float = Field(allow_inf_nan=False)
    y: float = Field(allow_inf_nan=False)
    pressure: float = Field(ge=0.0, le=1.0)
    t_ms: int = Field(ge=0)  # milliseconds since the first stroke of the signature began


class Stroke(BaseModel):
    """One continuous line: from pen, finger or button down to up."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    points: list[StrokePoint] = Field(min_length=1)
    device: Device

    def length(self) -> float:
        return sum(_distance(a, b) for a, b in zip(self.points, self.points[1:]))


@dataclass(frozen=True)
class BoundingBox:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


class SignatureInk(BaseModel):
    """Everything drawn on the pad, with the pad's size so a renderer can scale it to fit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    width: int = Field(gt=0)
    height: int = Field(gt=0)
    strokes: list[Stroke] = Field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(_rounded(self), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> SignatureInk:
        try:
            return cls.model_validate_json(text)
        except ValidationError as exc:
            raise InvalidInput(
                f"The signature ink could not be read ({_first_problem(exc)}). "
                "Ask the signer to sign again."
            ) from None

    def points(self) -> list[StrokePoint]:
        return [point for stroke in self.strokes for point in stroke.points]

    def is_empty(self) -> bool:
        return not self.strokes

    @property
    def device(self) -> Device:
        """The device that drew most points; a pen wins a tie."""
        counts = Counter({d: 0 for d in _DEVICE_PRIORITY})
        for stroke in self.strokes:
            counts[stroke.device] += len(stroke.points)
        if not counts.total():
            raise InvalidInput("The signature is empty, so it was drawn with no device.")
        return max(_DEVICE_PRIORITY, key=lambda device: counts[device])

    def total_length(self) -> float:
        return sum(stroke.length() for stroke in self.strokes)

    def bounding_box(self) -> BoundingBox | None:
        points = self.points()
        if not points:
            return None
        xs = [p.x for p in points]
        ys = [p.y for p in points]
        return BoundingBox(min(xs), min(ys), max(xs), max(ys))

    def is_substantial(
        self,
        min_length: float = MIN_LENGTH,
        min_points: int = MIN_POINTS,
        min_extent: float = MIN_EXTENT,
    ) -> bool:
        """False for an empty pad, a dot or a short dash: ink too scant to be a signature."""
        box = self.bounding_box()
        if box is None:
            return False
        return (
            len(self.points()) >= min_points
            and self.total_length() >= min_length
            and max(box.width, box.height) >= min_extent
        )


def stroke_width(pressure: float, device: Device, base: float) -> float:
    """Line width for a segment: a pen line swells with pressure, touch and mouse do not."""
    if device != "pen":
        return base
    pressure = min(max(pressure, 0.0), 1.0)
    return base * (PEN_MIN_FACTOR + PEN_PRESSURE_FACTOR * pressure)


def _distance(a: StrokePoint, b: StrokePoint) -> float:
    return math.hypot(b.x - a.x, b.y - a.y)


def _round(value: float, digits: int) -> float:
    # Adding 0.0 turns -0.0 into 0.0 so equal ink never serialises two ways.
    return round(value, digits) + 0.0


def _rounded(ink: SignatureInk) -> dict[str, object]:
    return {
        "width": ink.width,
        "height": ink.height,
        "strokes": [
            {
                "device": stroke.device,
                "points": [
                    {
                        "x": _round(p.x, 2),
                        "y": _round(p.y, 2),
                        "pressure": _round(p.pressure, 3),
                        "t_ms": p.t_ms,
                    }
                    for p in stroke.points
                ],
            }
            for stroke in ink.strokes
        ],
    }


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors(include_input=False, include_url=False)[0]
    where = ".".join(str(part) for part in error["loc"]) or "the text"
    more = exc.error_count() - 1
    extra = f"; {more} more problem{'s' if more > 1 else ''}" if more else ""
    return f"{where}: {error['msg']}{extra}"


def synthetic_ink(seed: int, device: Device = "pen", width: int = 640, height: int = 220) -> SignatureInk:
    """A signature-like scribble for demos and tests: loops along a baseline, pressure varying."""
    import math
    import random

    rng = random.Random(seed)
    strokes, x, t = [], 40.0 + rng.uniform(0, 30), 0
    for _ in range(rng.randint(2, 3)):
        points = []
        loops = rng.randint(3, 6)
        amplitude = rng.uniform(25, 45)
        for step in range(loops * 12 + 1):
            phase = step / 12 * 2 * math.pi
            x += rng.uniform(3.0, 6.0)
            y = height * 0.55 - amplitude * math.sin(phase) * (0.6 + 0.4 * math.cos(phase / 3))
            pressure = 1.0 if device == "mouse" else round(0.35 + 0.45 * abs(math.sin(phase / 2)), 3)
            points.append(StrokePoint(x=min(x, width - 5), y=y, pressure=pressure, t_ms=t))
            t += 8
        strokes.append(Stroke(points=points, device=device))
        x += rng.uniform(15, 30)
        t += 150
    return SignatureInk(width=width, height=height, strokes=strokes)
