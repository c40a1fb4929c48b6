"""The printed plan: render time of a typical plan, and a batch of 1,000 plans.

Baseline, measured in the same run: fpdf2 rendering a one-page text-only document with a core
font (no font embedding) - the floor of what any fpdf2 document costs. A second row shows the
same page with the shipped DejaVu font embedded through fpdf2's own ``add_font`` (the font parsed
and cut for every document, as the app did before issue 17); the app parses it once per process
(iep_desktop/pdf/fonts.py).

Targets (issue 17): a typical plan p50 at most 2x the one-page baseline; printing a batch (in
worker processes, one per core, as the caseload's "Print plans" does, worker start included) at
least as many plans a second as the baseline makes one-page documents in this process.
With more than one core, the same batch is rendered in one worker too: the cost of a plan in a
worker (its start and font cuts included) and the parallel efficiency of the workers, so a miss
can be told apart from a machine whose other core was busy.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable

from fpdf import FPDF

from benchmarks.common import LatencyRows, Options, Result, log, median, sample_ms
from iep_desktop.domain.models import SignerRole
from iep_desktop.pdf import render_plan_pdf
from iep_desktop.pdf.workers import RenderJob, default_workers, render_pool
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
TYPICAL_VS_BASELINE = 2.0  # issue 17: typical plan p50 <= 2x the one-page core-font p50
BATCH_VS_BASELINE = 1.0  # issue 17: batch plans/s >= 1x one-page core-font documents/s
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
    typical: list[float] = []
    baseline: list[float] = []
    for _ in range(reps):  # alternate, so a busy moment on the machine hits both
        baseline += sample_ms(one_page_text, 1)
        typical += sample_ms(render_typical, 1)
    rows.add(TYPICAL_LABEL, typical, baseline=baseline, baseline_label=BASELINE_LABEL,
             target_p50=TYPICAL_VS_BASELINE * median(baseline), target_p95=TARGET_P95_MS,
             note=f"target p50 <= {TYPICAL_VS_BASELINE:g}x the baseline (issue 17), p95 <= 1 s")
    rows.add("one-page text, DejaVu TTF embedded by fpdf2 add_font (per document)",
             sample_ms(one_page_text_ttf, reps), baseline=baseline, baseline_label=BASELINE_LABEL)
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
    jobs: list[RenderJob] = []
    for seed in range(count):
        snapshot = typical_snapshot(profile, seed=options.seed * 100_000 + seed, **TYPICAL)
        content, digest = content_and_digest(snapshot)
        jobs.append(RenderJob(content=content, digest=digest, version_number=1,
                              signatures=tuple(sample_signatures(snapshot, digest)), profile=profile,
                              copy="office", draft=False))
    workers = default_workers()
    log(f"pdf: rendering {count} plans in a batch, {workers} worker processes")
    seconds, total_bytes = _run_batch(jobs, workers)
    baseline_s = baseline_ms * count / 1000  # the same number of one-page documents
    baseline_rate = 1000 / baseline_ms
    results = [
        Result(SUITE, f"{count:,} plans in a batch ({workers} worker processes)", seconds, "s",
               baseline=baseline_s, baseline_label=f"{count:,} x {BASELINE_LABEL}", samples=count,
               note=f"{total_bytes / count / 1024:.0f} KiB per plan"),
        Result(SUITE, "printing a batch, throughput", count / seconds, "plans/s", baseline=baseline_rate,
               baseline_label=f"{BASELINE_LABEL} docs/s, one process", samples=count,
               target_min=BATCH_VS_BASELINE * baseline_rate,
               note=f"target >= {BATCH_VS_BASELINE:g}x the baseline (issue 17)"),
    ]
    if workers > 1:
        # The same batch in one worker: what a worker costs a plan (its start and font cuts
        # included), and how much of the ideal speed-up the workers reach on this machine.
        log(f"pdf: the same {count} plans in one worker process")
        one_s, _ = _run_batch(jobs, 1)
        efficiency = one_s / seconds / workers
        results += [
            Result(SUITE, "batch, one worker process, per plan", one_s * 1000 / count, "ms",
                   baseline=baseline_ms, baseline_label=f"{BASELINE_LABEL} p50", samples=count,
                   note="worker start and font cuts included"),
            Result(SUITE, f"batch, parallel efficiency of {workers} workers", efficiency * 100, "%",
                   samples=count, note=f"1 worker {one_s:.2f} s / ({workers} x {seconds:.2f} s); "
                                      "a busy machine lowers it"),
        ]
    return results


def _run_batch(jobs: list[RenderJob], workers: int) -> tuple[float, int]:
    """Seconds to render ``jobs`` in ``workers`` processes (their start included), and the bytes."""
    start = time.perf_counter()
    total_bytes = 0
    with render_pool(workers) as pool:  # worker start-up included: the coach waits for it too
        pending: deque[int] = deque()
        for job in jobs:
            pending.append(pool.submit(job))
            while len(pending) > 2 * workers:  # as ui/batch_print.py: a few plans in flight
                total_bytes += len(pool.result(pending.popleft()))
        while pending:
            total_bytes += len(pool.result(pending.popleft()))
    return time.perf_counter() - start, total_bytes


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
