"""The printed plan (R-X1, R-X2, R-A2): read back with pypdf, as a participant's viewer would."""

from __future__ import annotations

import copy as copying
import io
import re
import time
from datetime import date, datetime, timezone
from typing import Any

import pytest
from pypdf import PdfReader

from iep_desktop.demo import build_demo_records
from iep_desktop.domain.models import CounselingStatement, PlanSnapshot, Signature, SignerRole
from iep_desktop.domain.plan_content import content_digest, plan_content
from iep_desktop.domain.strokes import SignatureInk
from iep_desktop.pdf import render_plan_pdf, without_confidential
from iep_desktop.pdf.ink import fit_ink
from tests.plan_samples import snapshot_from_records, typical_snapshot
from iep_desktop.profiles import load_profile
from iep_desktop.profiles.schema import BoardProfile

TODAY = date(2026, 11, 23)
SECRET = "ZQX-confidential-7731 talked about the custody hearing"
NAME = "Nguyễn Дмитрий Παπαδοπούλου"
CONSENT = "I agree that this electronic signature is my signature on this plan."
# A few strokes, as the signature pad stores them (domain/strokes.py).
INK_JSON = (
    '{"height":220,"width":640,"strokes":['
    '{"device":"pen","points":[{"x":40,"y":120,"pressure":0.2,"t_ms":0},{"x":70,"y":60,"pressure":0.6,"t_ms":20},'
    '{"x":100,"y":140,"pressure":0.9,"t_ms":40},{"x":130,"y":70,"pressure":0.5,"t_ms":60},'
    '{"x":170,"y":130,"pressure":0.3,"t_ms":80}]},'
    '{"device":"pen","points":[{"x":200,"y":100,"pressure":0.4,"t_ms":300},{"x":260,"y":90,"pressure":0.7,"t_ms":330},'
    '{"x":320,"y":110,"pressure":0.5,"t_ms":360}]},'
    '{"device":"pen","points":[{"x":150,"y":40,"pressure":0.6,"t_ms":500}]}]}'
)


# -- helpers -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def profile() -> BoardProfile:
    return load_profile("chicago_cook")


def demo_snapshot() -> PlanSnapshot:
    """A realistic demo plan with a counseling statement holding the secret (R-A2)."""
    records = build_demo_records(12, seed=5, today=TODAY)
    snapshot = snapshot_from_records(records)
    assert snapshot.plan is not None
    statement = CounselingStatement(participant_id=snapshot.participant.id, plan_id=snapshot.plan.id,
                                    written_on=snapshot.plan.start_date, author="Coach", text=SECRET)
    return snapshot.model_copy(update={"counseling_statements": [statement]})


def demo_content() -> tuple[dict[str, Any], str, BoardProfile, PlanSnapshot]:
    snapshot = demo_snapshot()
    content = plan_content(snapshot)
    content["participant"]["name"] = NAME
    return content, content_digest(content), load_profile(snapshot.plan.board), snapshot  # type: ignore[union-attr]


def signatures_for(digest: str, roles: tuple[SignerRole, ...] = (SignerRole.PARTICIPANT, SignerRole.COACH),
                   *, day: int = 5, ink: str = INK_JSON) -> list[Signature]:
    SignatureInk.from_json(ink)  # the fixture is real, valid ink
    names = {SignerRole.PARTICIPANT: NAME, SignerRole.COACH: "Renée Castañeda",
             SignerRole.PARENT_GUARDIAN: "Ирина Петрова"}
    return [Signature(plan_id="p", plan_version_id="v", version_digest=digest, role=role,
                      signer_name=names[role], signed_at=datetime(2026, 3, day, 14, i, tzinfo=timezone.utc),
                      device="pen", consent_text=CONSENT, strokes=ink, id=f"sig-{i}")
            for i, role in enumerate(roles)]


def render(content: dict[str, Any], digest: str, profile: BoardProfile, *, signatures: list[Signature] | None = None,
           copy: str = "office", draft: bool | None = None, version: int | None = 1) -> bytes:
    signatures = signatures or []
    return render_plan_pdf(content, digest=digest, version_number=version, signatures=signatures,
                           profile=profile, copy=copy, draft=not signatures if draft is None else draft)  # type: ignore[arg-type]


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Whitespace folded to single spaces: wrapped lines and table cells read as one string."""
    return " ".join(text.split())


def all_text(data: bytes) -> str:
    return flat(" ".join(pages_text(data)))


# -- what is printed -----------------------------------------------------------------------


@pytest.fixture
def in_chicago(monkeypatch: pytest.MonkeyPatch) -> Any:
    """This process in US Central time (a POSIX zone string: no tz database needed), then back."""
    monkeypatch.setenv("TZ", "CST+6")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_day_printed_under_a_signature_is_the_day_it_was_signed_there_not_in_utc(in_chicago: Any) -> None:
    content, digest, profile, _ = demo_content()
    evening = datetime(2026, 11, 24, 1, 30, tzinfo=timezone.utc)  # 7:30 pm on 11/23 at a Chicago job fair
    signatures = [s.model_copy(update={"signed_at": evening}) for s in signatures_for(digest)]
    text = all_text(render(content, digest, profile, signatures=signatures))
    assert text.count("Signed 11/23/2026") == 2 and "11/24/2026" not in text


def test_names_with_diacritics_and_non_latin_letters_render() -> None:
    content, digest, profile, _ = demo_content()
    text = all_text(render(content, digest, profile))
    for word in ("Nguyễn", "Дмитрий", "Παπαδοπούλου"):
        assert word in text


def test_every_goal_objective_and_service_is_printed(profile: BoardProfile) -> None:
    snapshot = typical_snapshot(profile, goals=3, objectives=12, services=8)
    content = plan_content(snapshot)
    text = all_text(render(content, content_digest(content), profile))
    for goal in content["goals"]:
        assert flat(goal["description"]) in text
        for objective in goal["objectives"]:
            assert flat(objective["title"]) in text
            assert flat(objective["justification"]) in text
    for service in content["services"]:
        assert service["code"] in text
        assert flat(profile.service(service["code"]).name) in text  # type: ignore[union-attr]


def test_header_block_board_office_program_and_us_dates() -> None:
    content, digest, profile, snapshot = demo_content()
    first = flat(pages_text(render(content, digest, profile))[0])
    plan = snapshot.plan
    assert plan is not None
    title = "Individual Service Strategy (ISS)" if content["plan"]["kind"] == "ISS" else "Individual Employment Plan (IEP)"
    assert title in first
    assert profile.name in first and plan.office in first and plan.region in first
    assert snapshot.participant.program.label in first
    assert plan.start_date.strftime("%m/%d/%Y") in first
    assert "Office copy" in first
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", first), "dates print as MM/DD/YYYY"


def test_goal_terms_use_the_boards_labels(profile: BoardProfile) -> None:
    snapshot = typical_snapshot(profile, goals=3, objectives=3, services=0)
    content = plan_content(snapshot)
    text = all_text(render(content, content_digest(content), profile))
    assert "Short (0-6 months)" in text and "Intermediate (7-12 months)" in text
    assert "Long (over 12 months)" in text


def test_iep_title_for_adult_plans(profile: BoardProfile) -> None:
    from iep_desktop.domain.models import Program

    content = plan_content(typical_snapshot(profile, program=Program.ADULT))
    data = render(content, content_digest(content), profile)
    assert "Individual Employment Plan (IEP)" in pages_text(data)[0]
    assert PdfReader(io.BytesIO(data)).metadata.title == "Individual Employment Plan"  # type: ignore[union-attr]


def test_unlinked_services_are_listed_as_other_services(profile: BoardProfile) -> None:
    content = plan_content(typical_snapshot(profile, goals=2, objectives=4, services=5))
    unlinked = [s for s in content["services"] if not s["objectives"]]
    assert unlinked, "the sample plan has a service serving no objective"
    text = all_text(render(content, content_digest(content), profile))
    other = text.split("Other services", 1)[1]
    for service in unlinked:
        assert service["code"] in other


def test_footer_on_every_page_and_metadata() -> None:
    content, digest, profile, snapshot = demo_content()
    data = render(content, digest, profile)
    reader = PdfReader(io.BytesIO(data))
    texts = pages_text(data)
    for number, text in enumerate(texts, start=1):
        assert f"Plan version {digest[:12]} · page {number} of {len(texts)}" in text
    meta = reader.metadata
    assert meta is not None
    assert meta.subject == digest
    assert meta.author == snapshot.plan.office  # type: ignore[union-attr]
    assert meta.creator.startswith("IEP Desktop ")  # type: ignore[union-attr]
    assert NAME not in (meta.title or "")  # no personal data beyond what is printed


def test_long_plan_breaks_pages_cleanly(profile: BoardProfile) -> None:
    snapshot = typical_snapshot(profile, goals=4, objectives=30, services=20)
    content = plan_content(snapshot)
    digest = content_digest(content)
    data = render(content, digest, profile, signatures=signatures_for(digest))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 3
    last = reader.pages[-1].extract_text() or ""
    assert "Signature — Career coach" in last and f"Signed version {digest[:12]}" in last, \
        "the closing line stays with the signatures"
    height = float(reader.pages[0].mediabox.height)
    for number, page in enumerate(reader.pages, start=1):
        assert f"page {number} of {len(reader.pages)}" in (page.extract_text() or "")
        # Body text stays between the running header and the footer band: nothing overflows.
        body: list[tuple[float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            if text.strip():
                body.append((cm[5] + tm[5] * cm[3], text))  # noqa: B023 - called in this iteration

        page.extract_text(visitor_text=visit)
        footer_top_pt = 18 / 25.4 * 72
        header_bottom_pt = height - 15 / 25.4 * 72
        assert len(body) > 3, f"page {number} holds only its header and footer"
        for y, text in body:
            if y < footer_top_pt:  # only the footer line lives in the bottom band
                assert "Plan version" in text or "page" in text, (number, y, text)
            elif y > header_bottom_pt:  # only the running header lives in the top band
                assert "Individual Service Strategy" in text or "copy" in text, (number, y, text)


# -- R-A2: never the confidential statements -----------------------------------------------


@pytest.mark.parametrize("copy", ["office", "participant"])
def test_confidential_statements_never_printed(copy: str) -> None:
    content, digest, profile, snapshot = demo_content()
    assert snapshot.counseling_statements[0].text == SECRET
    data = render(content, digest, profile, copy=copy)
    assert SECRET.encode() not in data and b"ZQX-confidential" not in data
    assert "ZQX" not in all_text(data)


@pytest.mark.parametrize("copy", ["office", "participant"])
def test_counseling_statements_key_is_dropped_even_if_present(copy: str) -> None:
    content, _, profile, _ = demo_content()
    content["counseling_statements"] = [{"text": SECRET}]
    content["goals"][0]["counseling_statements"] = [{"text": SECRET}]  # at any depth
    data = render(content, content_digest(content), profile, copy=copy)
    assert "ZQX" not in all_text(data)


def test_without_confidential_is_a_deep_copy() -> None:
    value = {"a": [{"counseling_statements": [1], "b": 2}], "counseling_statements": "x"}
    assert without_confidential(value) == {"a": [{"b": 2}]}
    assert "counseling_statements" in value  # the caller's content is untouched


def test_copy_labels() -> None:
    content, digest, profile, _ = demo_content()
    assert "Participant copy" in pages_text(render(content, digest, profile, copy="participant"))[0]
    assert "Office copy" in pages_text(render(content, digest, profile, copy="office"))[0]


# -- DRAFT and signatures ------------------------------------------------------------------


def test_unsigned_draft_is_marked_on_every_page() -> None:
    content, digest, profile, _ = demo_content()
    texts = pages_text(render(content, digest, profile, draft=True, version=None))
    for text in texts:
        assert "DRAFT — not signed" in text
        assert "DRAFT" in text.replace("DRAFT — not signed", "")  # the watermark itself
    joined = flat(" ".join(texts))
    assert "Signature — Participant" in joined and "Signature — Career coach" in joined
    assert f"Version {digest[:12]} — not signed" in joined


def test_signed_copy_has_no_draft_mark_and_shows_the_signers() -> None:
    content, digest, profile, _ = demo_content()
    data = render(content, digest, profile, signatures=signatures_for(digest), draft=False)
    text = all_text(data)
    assert "DRAFT" not in text
    assert f"Signed version {digest[:12]}" in text
    assert "Renée Castañeda" in text and "Career coach" in text and "Participant" in text
    assert "Signed 03/05/2026 with a pen" in text
    assert flat(CONSENT) in text
    reader = PdfReader(io.BytesIO(data))
    assert all(not page.images for page in reader.pages), "ink is vector lines, not a picture"


def test_signature_ink_is_drawn_as_vector_lines() -> None:
    content, digest, profile, _ = demo_content()
    unsigned = PdfReader(io.BytesIO(render(content, digest, profile, draft=False))).pages[-1]
    signed = PdfReader(io.BytesIO(render(content, digest, profile, signatures=signatures_for(digest)))).pages[-1]

    def segments(page: Any) -> int:
        return len(re.findall(rb"\sl\n", page.get_contents().get_data()))

    assert segments(signed) >= segments(unsigned) + 2 * 6  # two signers, six segments of ink each


def test_unreadable_ink_prints_a_note_instead_of_failing() -> None:
    content, digest, profile, _ = demo_content()
    broken = [s.model_copy(update={"strokes": "not ink"}) for s in signatures_for(digest)]
    text = all_text(render(content, digest, profile, signatures=broken))
    assert "could not be read" in text


def test_parent_line_on_youth_plans_is_optional(profile: BoardProfile) -> None:
    content = plan_content(typical_snapshot(profile))  # a Youth ISS on a board allowing a parent
    digest = content_digest(content)
    text = all_text(render(content, digest, profile, signatures=signatures_for(digest)))
    assert "Signature — Parent or guardian (optional)" in text
    with_parent = signatures_for(digest, (SignerRole.PARTICIPANT, SignerRole.PARENT_GUARDIAN, SignerRole.COACH))
    text = all_text(render(content, digest, profile, signatures=with_parent))
    assert "(optional)" not in text and "Ирина Петрова" in text and "Parent or guardian" in text


# -- R-X2: bound to one version ------------------------------------------------------------


def test_content_must_hash_to_the_digest() -> None:
    content, digest, profile, _ = demo_content()
    changed = copying.deepcopy(content)
    changed["goals"][0]["description"] = "Something else"
    with pytest.raises(ValueError, match="digest"):
        render(changed, digest, profile)


def test_signature_of_another_version_is_refused() -> None:
    content, digest, profile, _ = demo_content()
    with pytest.raises(ValueError, match="another plan version"):
        render(content, digest, profile, signatures=signatures_for("0" * 64))


# -- determinism ---------------------------------------------------------------------------


def test_same_version_and_signatures_give_identical_bytes() -> None:
    content, digest, profile, _ = demo_content()
    signatures = signatures_for(digest)
    first = render(content, digest, profile, signatures=signatures)
    again = render(copying.deepcopy(content), digest, profile, signatures=list(reversed(signatures)))
    assert first == again
    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"] == "D:20260305140100Z"  # type: ignore[index]


def test_unsigned_draft_is_deterministic_too() -> None:
    content, digest, profile, _ = demo_content()
    assert render(content, digest, profile, version=None) == render(content, digest, profile, version=None)


def test_different_version_or_signatures_give_different_bytes() -> None:
    content, digest, profile, _ = demo_content()
    base = render(content, digest, profile, signatures=signatures_for(digest))
    changed = copying.deepcopy(content)
    changed["goals"][0]["description"] += " (revised)"
    other = content_digest(changed)
    assert render(changed, other, profile, signatures=signatures_for(other)) != base
    assert render(content, digest, profile, signatures=signatures_for(digest, day=6)) != base
    assert render(content, digest, profile, signatures=signatures_for(digest)[:1]) != base


# -- ink geometry --------------------------------------------------------------------------


def test_ink_fits_its_box_keeping_aspect() -> None:
    ink = SignatureInk.from_json(INK_JSON)
    fit = fit_ink(ink, 10, 20, 70, 22)
    assert fit is not None
    box = ink.bounding_box()
    assert box is not None
    (x0, y0), (x1, y1) = fit.point(box.left, box.top), fit.point(box.right, box.bottom)
    assert 10 - 1e-6 <= x0 < x1 <= 80 + 1e-6 and 20 - 1e-6 <= y0 < y1 <= 42 + 1e-6
    assert (x1 - x0) / (y1 - y0) == pytest.approx(box.width / box.height, rel=1e-3)
    assert max(x1 - x0 - 70, y1 - y0 - 22) == pytest.approx(0, abs=1e-2)  # it fills one side


# -- text layout ---------------------------------------------------------------------------


def _document() -> Any:
    from iep_desktop.pdf.document import PageFurniture, PlanDocument

    furniture = PageFurniture("t", "Office copy", "Plan version x", draft=False)
    return PlanDocument(furniture, created=datetime(2026, 1, 1, tzinfo=timezone.utc), title="t", author="a",
                        subject="s", creator="c", producer="p")


@pytest.mark.parametrize("width", [12.0, 40.0, 120.0])
def test_wrap_keeps_every_word_and_fits_the_column(width: float) -> None:
    pdf = _document()
    text = ("Справка о доходах for Παπαδοπούλου: Supercalifragilisticexpialidocious-certification "
            "needed before the CDL-A skills test.\nSecond paragraph.")
    lines = pdf.wrap(text, width)
    assert all(pdf.get_string_width(line) <= width + 1e-6 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert any(line.startswith("Sec") for line in lines), "a newline starts a new line"


@pytest.mark.parametrize(("style", "size"), [("", 10.0), ("B", 13.0), ("", 7.5)])
def test_laying_out_a_paragraph_measures_in_its_font_and_draws_nothing(style: str, size: float) -> None:
    pdf = _document()
    pdf.add_page()
    before = bytes(pdf.pages[pdf.page].contents)
    text = "Nguyễn García Παπαδοπούλου: apply for at least five jobs a week in the target occupation"
    para = pdf.paragraph(text, style=style, size=size, width=60.0)
    assert bytes(pdf.pages[pdf.page].contents) == before  # measuring writes no operators
    with pdf.local_context(font_family="DejaVu", font_style=style, font_size_pt=size):
        assert para.lines == tuple(pdf.wrap(text, 60.0))
        assert all(pdf.get_string_width(line) <= 60.0 + 1e-6 for line in para.lines)
        assert len(para.lines) > 1 and pdf.get_string_width(para.lines[0] + " " + para.lines[1].split(" ")[0]) > 60.0


def _placed(data: bytes) -> list[tuple[int, str, float, float]]:
    """Every piece of text of a PDF with its page and position (pt, rounded to 0.1)."""
    placed: list[tuple[int, str, float, float]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        def visit(text: str, cm: list[float], tm: list[float], *_: object, number: int = number) -> None:
            if text.strip():
                placed.append((number, text, round(tm[4] * cm[0] + cm[4], 1), round(tm[5] * cm[3] + cm[5], 1)))
        page.extract_text(visitor_text=visit)
    return sorted(placed)


def test_paragraph_lines_land_where_cell_puts_them_across_a_page_break() -> None:
    from iep_desktop.pdf.document import FONT

    text = " ".join(f"Nguyễn step {n}: apply for five jobs a week in the target occupation." for n in range(90))
    fast, plain = _document(), _document()
    for pdf in (fast, plain):
        pdf.add_page()
        pdf.set_y(200)
    para = fast.paragraph(text, size=9.5, style="B", x=40.0)
    fast.draw(para)
    with plain.local_context(font_family=FONT, font_style="B", font_size_pt=9.5):  # cell(), line by line
        for line in para.lines:
            plain.set_x(para.x)
            plain.cell(para.width, para.line_height, line, new_x="LMARGIN", new_y="NEXT")
    assert fast.page > 1 and fast.page == plain.page and fast.y == pytest.approx(plain.y)
    assert _placed(bytes(fast.output())) == _placed(bytes(plain.output()))


def test_a_table_row_taller_than_a_page_continues_on_the_next(profile: BoardProfile) -> None:
    from iep_desktop.domain.models import Assessment, AssessmentKind

    snapshot = typical_snapshot(profile, goals=1, objectives=1, services=0)
    assert snapshot.plan is not None
    comment = " ".join(f"Remark {i:03d} about the results." for i in range(400))
    huge = Assessment(participant_id=snapshot.participant.id, instrument=AssessmentKind.OTHER,
                      taken_on=snapshot.plan.start_date, comments=comment)
    content = plan_content(snapshot.model_copy(update={"assessments": [huge]}))
    texts = pages_text(render(content, content_digest(content), profile))
    assert len(texts) >= 3
    joined = flat(" ".join(texts))
    assert all(f"Remark {i:03d}" in joined for i in range(400)), "no line of the row is lost"
    assert all("Comments and needs" in t for t in texts[:2]), "the headings repeat on the next page"


def test_a_very_long_name_is_shortened_in_the_running_header_only() -> None:
    content, _, profile, _ = demo_content()
    long_name = "Ana-Sofía " + " ".join(["Fernández-López"] * 12)
    content["participant"]["name"] = long_name
    texts = pages_text(render(content, content_digest(content), profile))
    header = texts[0].splitlines()[0]
    assert "…" in header and "Office copy" in header
    assert flat(long_name) in flat(texts[0]), "the header block prints the full name"
