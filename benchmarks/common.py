"""What every suite shares: the Result row, timing, percentiles, and the table/JSON output."""

from __future__ import annotations

import json
import math
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FRAME_60HZ_MS = 1000 / 60  # one frame at 60 Hz: the budget for "interactive"
_STARTED = time.perf_counter()


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the table."""
    print(f"[{time.perf_counter() - _STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Options:
    """The command line, as every suite sees it."""

    participants: int
    seed: int
    quick: bool
    cache_dir: Path | None  # None: always build fresh

    def reps(self, full: int, quick: int) -> int:
        return quick if self.quick else full


@dataclass(frozen=True)
class Result:
    """One measured figure, with the baseline it is compared to and the target it should meet."""

    suite: str
    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    target_max: float | None = None  # the figure should be at most this (same unit)
    target_min: float | None = None  # ... or at least this (a rate: more is better)
    samples: int = 1
    note: str = ""
    # The machine's 1-minute load average when the figure was taken: on a shared machine a
    # figure taken at load 10 is not the figure at load 1 (ratios suffer less, but still).
    load_average: float = field(default_factory=lambda: os.getloadavg()[0])

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def met(self) -> bool | None:
        if self.target_max is None and self.target_min is None:
            return None
        return ((self.target_max is None or self.value <= self.target_max)
                and (self.target_min is None or self.value >= self.target_min))

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "met": self.met}


# -- timing and statistics -------------------------------------------------------------------


def elapsed_ms(since_ns: int) -> float:
    return (time.perf_counter_ns() - since_ns) / 1e6


def timed(action: Callable[[], T]) -> tuple[T, float]:
    """What one call returned, and its wall time in milliseconds."""
    start = time.perf_counter_ns()
    value = action()
    return value, elapsed_ms(start)


def time_ms(action: Callable[[], object]) -> float:
    """Wall time of one call, in milliseconds."""
    return timed(action)[1]


def sample_ms(action: Callable[[], object], repeat: int) -> list[float]:
    return [time_ms(action) for _ in range(repeat)]


def percentile(samples: Sequence[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(samples: Sequence[float]) -> float:
    return percentile(samples, 50)


@dataclass
class LatencyRows:
    """Builds p50/p95 rows for a list of latency samples, optionally against a baseline."""

    suite: str
    unit: str = "ms"
    rows: list[Result] = field(default_factory=list)

    def add(self, name: str, samples: Sequence[float], *, baseline: Sequence[float] | None = None,
            baseline_label: str = "", target_p95: float | None = None, target_p50: float | None = None,
            pcts: Sequence[int] = (50, 95), note: str = "") -> None:
        targets = {50: target_p50, 95: target_p95}
        for pct in pcts:
            self.rows.append(Result(
                self.suite, f"{name} p{pct}", percentile(samples, pct), self.unit,
                baseline=percentile(baseline, pct) if baseline else None, baseline_label=baseline_label,
                target_max=targets.get(pct), samples=len(samples), note=note,
            ))


# -- output ----------------------------------------------------------------------------------


def _figure(value: float | None) -> str:
    if value is None:
        return ""
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def _target(result: Result) -> str:
    if result.met is None:
        return ""
    bounds = [f"<= {_figure(result.target_max)}" if result.target_max is not None else "",
              f">= {_figure(result.target_min)}" if result.target_min is not None else ""]
    return f"{' '.join(b for b in bounds if b)} {'met' if result.met else 'MISSED'}"


def format_table(results: Sequence[Result]) -> str:
    header = ("suite", "benchmark", "figure", "unit", "baseline (same run)", "ratio", "target", "load")
    rows = [header] + [(
        r.suite, r.name, _figure(r.value), r.unit,
        f"{_figure(r.baseline)} ({r.baseline_label})" if r.baseline is not None else "",
        f"{r.ratio:.2f}x" if r.ratio is not None else "", _target(r), f"{r.load_average:.1f}",
    ) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {2, 5, 7}  # numbers line up on the right

    def line(row: Sequence[str]) -> str:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows[1:])])


def environment() -> dict[str, Any]:
    import sqlcipher3

    with sqlcipher3.connect(":memory:") as conn:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    return {
        "python": sys.version.split()[0], "platform": platform.platform(),
        "machine": platform.machine(), "cpus": os.cpu_count(),
        "sqlite_stdlib": sqlite3.sqlite_version, "sqlite_sqlcipher": sqlcipher3.sqlite_version,
        "sqlcipher": cipher,
        "load_average_1_5_15_min": os.getloadavg(),  # other work on the machine skews figures
    }


def write_json(path: Path, results: Sequence[Result], options: Options, suites: Sequence[str]) -> None:
    doc = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "environment": environment(),
        "options": {**asdict(options), "cache_dir": str(options.cache_dir) if options.cache_dir else None,
                    "suites": list(suites)},
        "results": [r.to_json() for r in results],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", "utf-8")
