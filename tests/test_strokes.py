"""Signature ink in the core: serialisation, measures, the "too short" check, line width."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iep_desktop.domain.strokes import (
    BoundingBox,
    SignatureInk,
    Stroke,
    StrokePoint,
    stroke_width,
)
from iep_desktop.errors import InvalidInput


def point(x: float, y: float, pressure: float = 0.5, t_ms: int = 0) -> StrokePoint:
    return StrokePoint(x=x, y=y, pressure=pressure, t_ms=t_ms)


def stroke(device: str, *xy: tuple[float, float]) -> Stroke:
    return Stroke(points=[point(x, y, t_ms=i * 10) for i, (x, y) in enumerate(xy)], device=device)


def ink(*strokes: Stroke) -> SignatureInk:
    return SignatureInk(width=640, height=220, strokes=list(strokes))


def signature_like() -> SignatureInk:
    # A zig-zag 200 units wide: what a short signed name looks like.
    xy = [(40 + 20 * i, 100 + (30 if i % 2 else -30)) for i in range(11)]
    return ink(stroke("pen", *xy))


# -- JSON ----------------------------------------------------------------------------------


def test_to_json_is_compact_sorted_and_rounded() -> None:
    text = ink(
        Stroke(points=[point(1.23456, 2.0, pressure=0.123456, t_ms=7)], device="pen")
    ).to_json()
    assert text == (
        '{"height":220,"strokes":[{"device":"pen","points":'
        '[{"pressure":0.123,"t_ms":7,"x":1.23,"y":2.0}]}],"width":640}'
    )


def test_to_json_writes_negative_zero_as_zero() -> None:
    text = ink(stroke("mouse", (-0.001, -0.004))).to_json()
    assert '"x":0.0' in text and '"y":0.0' in text and "-0.0" not in text


def test_json_round_trip_keeps_the_ink() -> None:
    original = signature_like()
    assert SignatureInk.from_json(original.to_json()) == original


@given(
    st.lists(
        st.tuples(
            st.floats(-50, 700, allow_nan=False),
            st.floats(-50, 300, allow_nan=False),
            st.floats(0, 1),
            st.integers(0, 10**7),
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(["pen", "touch", "mouse"]),
)
def test_to_json_is_stable_after_one_round_trip(
    raw: list[tuple[float, float, float, int]], device: str
) -> None:
    points = [StrokePoint(x=x, y=y, pressure=p, t_ms=t) for x, y, p, t in raw]
    text = ink(Stroke(points=points, device=device)).to_json()
    assert SignatureInk.from_json(text).to_json() == text


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("not json", "Invalid JSON"),
        ("[]", "Input should be an object"),
        ('{"width":640,"height":220,"strokes":[{"device":"crayon","points":'
         '[{"x":1,"y":1,"pressure":0.5,"t_ms":0}]}]}', "strokes.0.device"),
        ('{"width":640,"height":220,"strokes":[{"device":"pen","points":'
         '[{"x":1,"y":1,"pressure":1.5,"t_ms":0}]}]}', "strokes.0.points.0.pressure"),
        ('{"width":640,"height":220,"strokes":[{"device":"pen","points":[]}]}',
         "strokes.0.points"),
        ('{"width":0,"height":220,"strokes":[]}', "width"),
        ('{"height":220,"strokes":[]}', "width"),
    ],
)
def test_from_json_refuses_bad_data_with_a_clear_message(text: str, where: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        SignatureInk.from_json(text)
    message = str(raised.value)
    assert message.startswith("The signature ink could not be read (")
    assert where in message
    assert message.endswith("Ask the signer to sign again.")


def test_from_json_counts_further_problems() -> None:
    with pytest.raises(InvalidInput, match=r"; 1 more problem\)"):
        SignatureInk.from_json('{"width":0,"height":0}')


# -- Device, length, box -------------------------------------------------------------------


def test_device_is_the_one_with_most_points() -> None:
    assert ink(stroke("mouse", (0, 0), (1, 1), (2, 2)), stroke("pen", (5, 5))).device == "mouse"
    assert ink(stroke("touch", (0, 0), (1, 1)), stroke("pen", (5, 5))).device == "touch"


def test_device_tie_goes_to_the_pen() -> None:
    assert ink(stroke("mouse", (0, 0), (1, 1)), stroke("pen", (5, 5), (6, 6))).device == "pen"
    assert ink(stroke("touch", (0, 0)), stroke("pen", (5, 5))).device == "pen"


def test_empty_ink_has_no_device() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        _ = ink().device


def test_total_length_sums_segments_of_all_strokes() -> None:
    drawn = ink(stroke("pen", (0, 0), (3, 4), (3, 10)), stroke("mouse", (100, 100), (100, 101)))
    assert math.isclose(drawn.total_length(), 5 + 6 + 1)
    assert ink(stroke("pen", (7, 7))).total_length() == 0


def test_bounding_box() -> None:
    box = ink(stroke("pen", (10, 50), (30, 20)), stroke("touch", (5, 40))).bounding_box()
    assert box == BoundingBox(left=5, top=20, right=30, bottom=50)
    assert (box.width, box.height) == (25, 30)
    assert ink().bounding_box() is None


# -- Is it a signature? --------------------------------------------------------------------


def test_empty_and_dot_are_not_substantial() -> None:
    assert not ink().is_substantial()
    assert not ink(stroke("pen", (100, 100))).is_substantial()


def test_short_dash_is_not_substantial() -> None:
    dash = ink(stroke("mouse", *[(100 + i * 3, 100) for i in range(10)]))  # 27 units
    assert not dash.is_substantial()


def test_signature_like_ink_is_substantial() -> None:
    assert signature_like().is_substantial()


@pytest.mark.parametrize(
    ("min_length", "min_points", "min_extent", "expected"),
    [
        (100, 5, 50, True),
        (10_000, 5, 50, False),  # not enough ink
        (100, 500, 50, False),  # too few points
        (100, 5, 500, False),  # too small
    ],
)
def test_substantial_thresholds(
    min_length: float, min_points: int, min_extent: float, expected: bool
) -> None:
    assert signature_like().is_substantial(min_length, min_points, min_extent) is expected


# -- Line width ----------------------------------------------------------------------------


def test_pen_width_grows_with_pressure() -> None:
    assert stroke_width(0.0, "pen", 2.0) == pytest.approx(0.7)
    assert stroke_width(1.0, "pen", 2.0) == pytest.approx(3.3)
    widths = [stroke_width(pressure, "pen", 2.0) for pressure in (0.1, 0.5, 0.9)]
    assert widths == sorted(widths) and len(set(widths)) == 3


def test_pen_width_clamps_pressure() -> None:
    assert stroke_width(5.0, "pen", 2.0) == stroke_width(1.0, "pen", 2.0)
    assert stroke_width(-1.0, "pen", 2.0) == stroke_width(0.0, "pen", 2.0)


@pytest.mark.parametrize("device", ["touch", "mouse"])
def test_touch_and_mouse_width_is_constant(device: str) -> None:
    assert stroke_width(0.1, device, 2.5) == stroke_width(0.9, device, 2.5) == 2.5


# -- Models --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"x": 0, "y": 0, "pressure": -0.1, "t_ms": 0},
        {"x": 0, "y": 0, "pressure": 0.5, "t_ms": -1},
        {"x": float("nan"), "y": 0, "pressure": 0.5, "t_ms": 0},
    ],
)
def test_stroke_point_validates(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        StrokePoint(**bad)


def test_stored_json_is_plain_json() -> None:
    data = json.loads(signature_like().to_json())
    assert set(data) == {"width", "height", "strokes"}
    assert set(data["strokes"][0]["points"][0]) == {"x", "y", "pressure", "t_ms"}


def test_strokes_module_does_not_import_qt() -> None:
    code = (
        "import sys, iep_desktop.domain.strokes; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
