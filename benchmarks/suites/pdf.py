"""The printed plan: render time of a typical plan, and a batch of 1,000 plans.

Baseline, measured in the same run: fpdf2 rendering a one-page text-only document with a core
font (no font embedding) - the floor of what any fpdf2 document costs. A second baseline row
shows the same page with the shipped DejaVu font embedded, which is where much of a plan's
fixed cost goes (parsing and subsetting the TTF).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from fpdf import FPDF

from benchmarks.common import LatencyRows, Options, Result, log, median, sample_ms
from iep_desktop.domain.models import SignerRole
from iep_desktop.pdf import render_plan_pdf
from tests.plan_samples import content_and_digest, sample_signatures, typical_snapshot
from iep_desktop.profiles import load_profile
from iep_desktop.profiles.schema import BoardProfile
from iep_desktop.resources import resource_path

SUITE = "pdf"
PROFILE = "chicago_cook"
TYPICAL = {"goals": 3, "objectives": 12, "services": 8}
TYPICAL_LABEL = "typical plan (3 goals, 12 objectives, 8 services, 2 signatures)"
BASELINE_LABEL = "fpdf2 one-page text"
# Printing is a click in the UI; a plan should be ready well within a second.
TARGET_P95_MS = 1000.0
_LOREM = ("The participant will attend the job readiness workshop, update the resume with the career "
          "coach, and apply for at least five jobs a week in the target occupation. ")


def run(options: Options) -> list[Result]:
    profile = load_profile(PROFILE)
    render_typical = _typical_renderer(profile)
    for _ in range(2):  # warm-up: imports, font files in the OS cache
        render_typical()
        one_page_text()
    reps = options.reps(30, 8)
    log(f"pdf: {reps} renders of a typical plan")
    rows = LatencyRows(SUITE)
    baseline = sample_ms(one_page_text, reps)
    rows.add(TYPICAL_LABEL, sample_ms(render_typical, reps), baseline=baseline,
             baseline_label=BASELINE_LABEL, target_p95=TARGET_P95_MS)
    rows.add("one-page text, DejaVu TTF embedded", sample_ms(one_page_text_ttf, reps), baseline=baseline,
             baseline_label=BASELINE_LABEL)
    data = render_typical()
    results = rows.rows + [Result(SUITE, "typical plan PDF size", len(data) / 1024, "KiB",
                                  note=f"{_pages(data)} Letter pages")]
    return results + _batch(profile, options, median(baseline))


def _typical_renderer(profile: BoardProfile) -> Callable[[], bytes]:
    snapshot = typical_snapshot(profile, **TYPICAL)
    content, digest = content_and_digest(snapshot)
    signatures = sample_signatures(snapshot, digest, roles=(SignerRole.PARTICIPANT, SignerRole.COACH))

    def render() -> bytes:
        return render_plan_pdf(content, digest=digest, version_number=1, signatures=signatures,
                               profile=profile, copy="participant", draft=False)

    return render


def _batch(profile: BoardProfile, options: Options, baseline_ms: float) -> list[Result]:
    count = options.reps(1000, 100)
    log(f"pdf: building {count} distinct typical plans")
    jobs: list[tuple[dict[str, Any], str, list[Any]]] = []
    for seed in range(count):
        snapshot = typical_snapshot(profile, seed=options.seed * 100_000 + seed, **TYPICAL)
        content, digest = content_and_digest(snapshot)
        jobs.append((content, digest, sample_signatures(snapshot, digest)))
    log(f"pdf: rendering {count} plans in a batch")
    start = time.perf_counter()
    total_bytes = 0
    for content, digest, signatures in jobs:
        total_bytes += len(render_plan_pdf(content, digest=digest, version_number=1, signatures=signatures,
                                           profile=profile, copy="office", draft=False))
    seconds = time.perf_counter() - start
    baseline_s = baseline_ms * count / 1000  # the same number of one-page documents
    return [
        Result(SUITE, f"{count:,} plans in a batch", seconds, "s", baseline=baseline_s,
               baseline_label=f"{count:,} x {BASELINE_LABEL}", samples=count,
               note=f"{total_bytes / count / 1024:.0f} KiB per plan"),
        Result(SUITE, "batch throughput", count / seconds, "plans/s", baseline=1000 / baseline_ms,
               baseline_label=f"{BASELINE_LABEL} docs/s", samples=count),
    ]


def one_page_text() -> bytes:
    """The baseline: one Letter page of wrapped text in a core font, nothing else."""
    pdf = FPDF(format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, "Individual Employment Plan", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=10)
    for _ in range(12):
        pdf.multi_cell(0, 5, _LOREM * 2, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def one_page_text_ttf() -> bytes:
    """The same page with the plan's embedded, subset TTF font (the plan's fixed font cost)."""
    pdf = FPDF(format="letter")
    pdf.add_font("DejaVu", "", str(resource_path("fonts", "DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(resource_path("fonts", "DejaVuSans-Bold.ttf")))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 10, "Individual Employment Plan", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    for _ in range(12):
        pdf.multi_cell(0, 5, _LOREM * 2, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pages(data: bytes) -> int:
    # fpdf2 writes page objects uncompressed; "/Type /Pages" (the page tree) does not count.
    return len(re.findall(rb"/Type /Page\b(?!s)", data))
