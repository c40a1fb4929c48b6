"""The fast paths of printing (issue 17) give exactly what the plain paths give.

* The shipped fonts are parsed once per process and their subsets cut once (iep_desktop/pdf/fonts.py):
  a plan rendered so is byte for byte the plan fpdf2's own ``add_font`` and subsetting give when
  asked to embed the same fixed glyphs (ASCII, Latin-1, Latin Extended-A, dashes and quotes) with
  the document's own, and documents rendered one after another never carry each other's glyphs.
* Batch printing renders in worker processes (iep_desktop/pdf/workers.py): the same bytes as in
  this process; ``stop`` kills the workers at once.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from pypdf import PdfReader

from iep_desktop.domain.models import SignerRole
from iep_desktop.pdf import document, fonts
from tests.plan_samples import content_and_digest, sample_signatures, typical_snapshot
from iep_desktop.pdf.workers import PoolStopped, RenderFailed, RenderJob, RenderPool, render_job, render_pool
from iep_desktop.profiles import load_profile

BOARD = "chicago_cook"
NAME = "Nguyễn Дмитрий Παπαδοπούλου"


def job(seed: int, *, name: str | None = None, draft: bool = False) -> RenderJob:
    snapshot = typical_snapshot(load_profile(BOARD), seed=seed, goals=2, objectives=4, services=3)
    if name is not None:
        first, _, last = name.partition(" ")
        snapshot = snapshot.model_copy(update={"participant": snapshot.participant.model_copy(
            update={"first_name": first, "last_name": last})})
    content, digest = content_and_digest(snapshot)
    signatures = sample_signatures(snapshot, digest, roles=(SignerRole.PARTICIPANT, SignerRole.COACH))
    return RenderJob(content=content, digest=digest, version_number=1, signatures=tuple(signatures),
                     profile=load_profile(BOARD), copy="office", draft=draft)


@contextmanager
def plain_fonts() -> Iterator[None]:
    """PlanDocument with fpdf2's own add_font: the whole TTF parsed and cut for each document by
    fpdf2's own ``output``, told only to keep the glyphs the app embeds with the document's own
    (fonts._Face.embed_names: the fixed Latin set, whole blocks for others)."""
    def add_font(pdf: document.FPDF, family: str, style: str, path: os.PathLike[str]) -> None:
        pdf.add_font(family, style, str(path))
        font = pdf.fonts[f"{family.lower()}{style.upper()}"]
        face = fonts._face(Path(path).resolve())
        own = font.subset.get_all_glyph_names
        font.subset.get_all_glyph_names = lambda: sorted(face.embed_names(frozenset(own())))

    with mock.patch.object(document, "add_shared_font", add_font):
        yield


def embedded_glyphs(data: bytes) -> int:
    """How many glyphs the embedded font subsets hold, summed (their /W width arrays)."""
    reader = PdfReader(io.BytesIO(data))
    total = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            for descendant in font.get_object()["/DescendantFonts"]:
                widths = descendant.get_object()["/W"]
                total += sum(len(w) for w in widths if isinstance(w, list))
        break
    return total


@pytest.mark.parametrize("name", [None, NAME])
def test_shared_fonts_give_the_same_bytes_as_fpdf2_add_font(name: str | None) -> None:
    one = job(3, name=name)
    shared = render_job(one)
    with plain_fonts():
        plain = render_job(one)
    assert shared == plain
    text = PdfReader(io.BytesIO(shared)).pages[0].extract_text()
    assert (name or one.content["participant"]["name"]) in text


def test_documents_do_not_share_glyphs() -> None:
    wide = job(5, name=NAME)
    narrow = job(5)
    render_job(wide)  # the shared font has now seen Cyrillic and Greek glyphs
    after_wide = render_job(narrow)
    with plain_fonts():
        alone = render_job(narrow)
    assert after_wide == alone
    assert embedded_glyphs(render_job(wide)) > embedded_glyphs(after_wide)


def test_a_draft_after_a_signed_plan_is_still_complete() -> None:
    data = render_job(job(9, draft=True))
    assert "DRAFT" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    with plain_fonts():
        assert render_job(job(9, draft=True)) == data


def test_workers_render_the_same_bytes_in_order() -> None:
    jobs = [job(seed, name=NAME if seed == 2 else None) for seed in range(4)]
    with render_pool(2) as pool:
        tickets = [pool.submit(j) for j in jobs]
        assert len(set(pool.pids)) == 2 and os.getpid() not in pool.pids
        rendered = [pool.result(t) for t in reversed(tickets)][::-1]  # waiting out of order works
    assert rendered == [render_job(j) for j in jobs]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_stop_kills_the_workers_at_once() -> None:
    pool = RenderPool(2)
    try:
        tickets = [pool.submit(job(seed)) for seed in range(30)]
        pool.result(tickets[0])  # the workers are up and busy with the rest
        pids = pool.pids
        pool.stop()
        assert not any(alive(pid) for pid in pids)
        with pytest.raises(PoolStopped):
            pool.result(tickets[-1])
        with pytest.raises(PoolStopped):
            pool.submit(job(1))
    finally:
        pool.stop()


def test_a_wait_that_is_told_to_stop_stops_the_pool() -> None:
    pool = RenderPool(1)
    try:
        ticket = pool.submit(job(1))
        with pytest.raises(PoolStopped):
            pool.result(ticket, should_stop=lambda: True)
        assert pool.stopped and not any(alive(pid) for pid in pool.pids)
    finally:
        pool.stop()


def test_a_plan_that_cannot_be_rendered_is_reported_in_words() -> None:
    bad = job(1)
    bad = RenderJob(content=bad.content, digest="0" * 64, version_number=1, signatures=bad.signatures,
                    profile=load_profile(BOARD), copy="office", draft=False)
    with render_pool(1) as pool:
        with pytest.raises(RenderFailed) as failure:
            pool.result(pool.submit(bad))
        assert failure.value.message == "This plan could not be printed."
        assert pool.result(pool.submit(job(2))).startswith(b"%PDF")  # the worker carries on


def test_names_of_one_alphabet_share_one_subset() -> None:
    """A Greek name brings in the Greek blocks whole: the next Greek name (other letters) needs no
    new cut of the font, and still prints exactly what fpdf2's own add_font prints."""
    render_job(job(11, name="Αλέξανδρος Παπαδόπουλος"))
    other = job(12, name="Γιώργος Ζαχαρίου")
    with mock.patch.object(fonts, "_cut", wraps=fonts._cut) as cut, \
            mock.patch.object(fonts, "_final_cut", wraps=fonts._final_cut) as final:
        shared = render_job(other)
    assert cut.call_count == 0 and final.call_count == 0
    with plain_fonts():
        assert render_job(other) == shared
    assert "Γιώργος Ζαχαρίου" in PdfReader(io.BytesIO(shared)).pages[0].extract_text()


def test_plans_in_latin_letters_embed_one_subset_cut_once() -> None:
    """Plans whose text stays within the fixed glyphs (English and Spanish, most names) embed the
    same subset: after the first, no plan cuts a font; each still prints exactly as fpdf2 would."""
    render_job(job(13, name="José Muñoz"))
    other = job(14, name="Zoë Łukasiewicz-Peña")
    with mock.patch.object(fonts, "_final_cut", wraps=fonts._final_cut) as cut:
        shared = render_job(other)
    assert cut.call_count == 0
    with plain_fonts():
        assert render_job(other) == shared
    assert "Zoë Łukasiewicz-Peña" in PdfReader(io.BytesIO(shared)).pages[0].extract_text()
