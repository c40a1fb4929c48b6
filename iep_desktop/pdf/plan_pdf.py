"""The printed plan (R-X1): one frozen plan version and its signatures, as a PDF.

It renders only from the version's frozen content (domain/plan_content.py), never from live
records, so a printed plan is bound to exactly the version that was signed: the content must
hash to ``digest`` and every signature must carry that digest (R-X2). Confidential counseling
statements are never part of the content (R-A2); as a second guard anything under a key named
``counseling_statements`` is dropped before a single line is drawn.

The same version with the same signatures gives the same bytes: the metadata dates come from
the content and the signatures, never from the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timezone
from typing import Any, Literal

from fpdf import __version__ as FPDF_VERSION

from iep_desktop import __version__ as APP_VERSION
from iep_desktop import i18n
from iep_desktop.domain.models import GoalType, Signature, SignerRole
from iep_desktop.domain.sign_state import consent_for_copy
from iep_desktop.domain.plan_content import content_digest
from iep_desktop.domain.strokes import SignatureInk
from iep_desktop.errors import InvalidInput
from iep_desktop.pdf import labels as L
from iep_desktop.pdf.labels import pdf_text as _t
from iep_desktop.pdf.document import (
    ACCENT, BAND, BODY_PT, FONT, MARGIN, MUTED, SMALL_PT, PageFurniture, Paragraph, PlanDocument,
)
from iep_desktop.pdf.ink import draw_ink
from iep_desktop.profiles.schema import BoardProfile

Copy = Literal["office", "participant"]
CONFIDENTIAL_KEYS = frozenset({"counseling_statements"})

_INDENT = 11.0  # objective text sits right of its number ("1.2")
_BAND_INSET = 2.5  # goal text sits this far inside the goal's shaded band
_INK_BOX = (72.0, 22.0)  # signature ink box, mm
_BLANK_HEIGHT = _INK_BOX[1] + 11  # an empty signature line with its Name and Date lines
_REQUIRED_SIGNERS = (SignerRole.PARTICIPANT, SignerRole.COACH)  # R-X1; a parent is optional


def render_plan_pdf(content: dict[str, Any], *, digest: str, version_number: int | None,
                    signatures: Sequence[Signature], profile: BoardProfile,
                    copy: Copy = "office", draft: bool,
                    delivered: Sequence[dict[str, Any]] | None = None,
                    language: str | None = None) -> bytes:
    """The plan version ``content`` (hashing to ``digest``) with its ``signatures``, as PDF bytes.

    ``version_number`` is None for a live draft that is not yet a saved version. ``draft`` puts
    a DRAFT mark on every page. ``delivered``: the services as recorded since this version was
    signed (R-S3), printed after it as a record that is not part of the signed content. Raises ValueError when the content does not hash to ``digest``
    or a signature belongs to another version: printing it would misstate what was signed.
    ``language``: what the app prints (headings, labels, statuses, consent, footer) is in it
    (default: the current language); what the coach typed is printed as typed (issue 18).
    """
    with i18n.using(language) as used:
        return _render(content, digest=digest, version_number=version_number, signatures=signatures,
                       profile=profile, copy=copy, draft=draft, delivered=delivered, language=used)


def _render(content: dict[str, Any], *, digest: str, version_number: int | None,
            signatures: Sequence[Signature], profile: BoardProfile, copy: Copy, draft: bool,
            delivered: Sequence[dict[str, Any]] | None, language: str) -> bytes:
    _check_binding(content, digest, signatures)
    content = without_confidential(content)
    kind = content.get("plan", {}).get("kind", "IEP")
    participant = L.text(content.get("participant", {}).get("name"))
    ordered = sorted(signatures, key=lambda s: (L.ROLE_ORDER.get(s.role, 9), s.signed_at, s.id))
    pdf = PlanDocument(
        PageFurniture(running_title=f"{L.plan_title(kind)} · {participant}",
                      copy_label=_copy_label(copy),
                      footer_prefix=_t("Plan version {digest}", digest=L.short_digest(digest)),
                      draft=draft, page_words=_t("page {page} of {pages}"),
                      draft_words=_t("DRAFT — not signed"), watermark=_t("DRAFT")),
        created=_creation_date(content, ordered), title=L.plan_name(kind),
        author=L.text(content.get("plan", {}).get("office")) or profile.name, subject=digest,
        creator=f"IEP Desktop {APP_VERSION}", producer=f"IEP Desktop {APP_VERSION} (fpdf2 {FPDF_VERSION})",
        lang="es-US" if language == i18n.SPANISH else "en-US",
    )
    pdf.add_page()
    _title_block(pdf, content, profile, digest, version_number, copy, draft)
    _background(pdf, content.get("participant", {}).get("background", {}))
    _assessments(pdf, content.get("assessments", []))
    _barriers(pdf, content.get("barriers", []))
    _goals(pdf, content, profile)
    _signatures(pdf, ordered, content, profile, digest)
    if delivered:
        _delivered(pdf, list(delivered), profile)
    return bytes(pdf.output())


def _delivered(pdf: PlanDocument, services: list[dict[str, Any]], profile: BoardProfile) -> None:
    """How the services went since signing: recorded as they happen (R-S3), not re-signed (R-V3)."""
    pdf.section_heading(_t("Services as delivered"), keep_with=40)
    pdf.write_block(_t("Recorded as the services happened, after the version above was signed. This "
                       "record is not part of the signed content, and this board does not ask for it "
                       "to be signed again."), size=8.5, color=MUTED)
    _service_table(pdf, services, profile)


# -- binding and confidentiality -----------------------------------------------------------


def _check_binding(content: dict[str, Any], digest: str, signatures: Sequence[Signature]) -> None:
    if content_digest(content) != digest:
        raise ValueError("The plan content does not match its version digest; it cannot be printed as that version.")
    foreign = [s for s in signatures if s.version_digest != digest]
    if foreign:
        raise ValueError(f"{len(foreign)} signature(s) belong to another plan version (R-X2).")


def without_confidential(value: Any) -> Any:
    """A copy of ``value`` with every ``counseling_statements`` entry removed, at any depth (R-A2)."""
    if isinstance(value, dict):
        return {k: without_confidential(v) for k, v in value.items() if k not in CONFIDENTIAL_KEYS}
    if isinstance(value, list):
        return [without_confidential(v) for v in value]
    return value


def _creation_date(content: dict[str, Any], signatures: Sequence[Signature]) -> datetime:
    """The latest signature time, or the plan's start date at midnight UTC when unsigned:
    derived from what is printed, so re-printing never changes the file."""
    if signatures:
        latest = max(s.signed_at for s in signatures)
        return latest if latest.tzinfo else latest.replace(tzinfo=timezone.utc)
    try:
        start = date.fromisoformat(str(content.get("plan", {}).get("start_date")))
    except ValueError:
        start = date(2000, 1, 1)
    return datetime.combine(start, time(0, 0), tzinfo=timezone.utc)


def _copy_label(copy: Copy) -> str:
    return _t("Participant copy") if copy == "participant" else _t("Office copy")


# -- title and header block ----------------------------------------------------------------


def _title_block(pdf: PlanDocument, content: dict[str, Any], profile: BoardProfile, digest: str,
                 version_number: int | None, copy: Copy, draft: bool) -> None:
    plan = content.get("plan", {})
    person = content.get("participant", {})
    pdf.write_block(L.plan_title(plan.get("kind", "IEP")), size=18, style="B", color=ACCENT)
    subtitle = _copy_label(copy) + (" · " + _t("DRAFT — not signed") if draft else "")
    pdf.write_block(subtitle, size=11, color=MUTED)
    pdf.ln(3)
    version = f"{version_number} ({L.short_digest(digest)})" if version_number else \
        _t("Not yet saved ({digest})", digest=L.short_digest(digest))
    pairs = [
        (_t("Board"), L.board_name(profile)), (_t("Region / LWIA"), L.region_label(profile, plan.get("region"))),
        (_t("Office"), L.text(plan.get("office")) or L.BLANK),
        (_t("Program"), L.program_label(plan.get("program", person.get("program", "")))),
        (_t("Participant"), L.text(person.get("name")) or L.BLANK),
        (_t("Date of birth"), L.us_date(person.get("date_of_birth"))),
        (_t("Plan start date"), L.us_date(plan.get("start_date"))), (_t("Plan version"), version),
    ]
    pdf.label_grid(pairs)


# -- assessment and barriers ---------------------------------------------------------------


_BACKGROUND_LABELS = {"education": "Education", "work_history": "Work and employment history",
                      "credentials": "Credentials", "job_skills": "Job skills"}


def _background(pdf: PlanDocument, background: dict[str, Any]) -> None:
    """R-A1: the participant's education, work history, credentials and job skills."""
    pdf.section_heading(_t("Participant background"))
    rows = [[_t(label), L.text(background.get(key))] for key, label in _BACKGROUND_LABELS.items()
            if L.text(background.get(key))]  # the labels are in labels.TRANSLATABLE
    if not rows:
        pdf.write_block(_t("No background recorded."), color=MUTED)
        return
    pdf.data_table([_t("Background"), _t("Details")], rows, (50, 136))


def _assessments(pdf: PlanDocument, assessments: list[dict[str, Any]]) -> None:
    pdf.section_heading(_t("Assessment summary"))
    if not assessments:
        pdf.write_block(_t("No assessments recorded."), color=MUTED)
        return
    rows = [[L.instrument_label(a.get("instrument", "")), L.us_date(a.get("taken_on")), _score(a),
             _assessment_notes(a)] for a in assessments]
    pdf.data_table([_t("Assessment"), _t("Date"), _t("Score / grade level"), _t("Comments and needs")], rows,
                   (44, 22, 38, 82))


def _score(assessment: dict[str, Any]) -> str:
    score = L.text(assessment.get("score"))
    grade = assessment.get("grade_level")
    if grade not in (None, "") and str(grade) not in score:
        level = _t("Grade level {grade}", grade=grade)
        score = f"{score}\n{level}" if score else level
    return score or L.BLANK


def _assessment_notes(assessment: dict[str, Any]) -> str:
    parts = [L.text(assessment.get("comments"))]
    if L.text(assessment.get("occupational_needs")):
        parts.append(_t("Occupational needs: {needs}", needs=L.text(assessment['occupational_needs'])))
    if L.text(assessment.get("service_needs")):
        parts.append(_t("Service needs: {needs}", needs=L.text(assessment['service_needs'])))
    return "\n".join(p for p in parts if p) or L.BLANK


def _barriers(pdf: PlanDocument, barriers: list[dict[str, Any]]) -> None:
    pdf.section_heading(_t("Barriers and the steps that address them"))
    if not barriers:
        pdf.write_block(_t("No barriers recorded."), color=MUTED)
        return
    rows: list[list[str]] = []
    group_rows: list[int] = []
    # R-A3 groups, in the policy's order; a group the policy does not know still prints.
    known = list(L.BARRIER_GROUPS)
    for group in known + sorted({b.get("group", "") for b in barriers} - set(known)):
        members = [b for b in barriers if b.get("group") == group]
        if not members:
            continue
        group_rows.append(len(rows))
        rows.append([L.barrier_group(group)])
        rows += [[L.barrier_category(b.get("category", "")), L.text(b.get("description")) or L.BLANK,
                  L.text(b.get("step")) or L.BLANK] for b in members]
    pdf.data_table([_t("Barrier"), _t("Details"), _t("Step or service that addresses it")], rows, (40, 66, 80),
                   group_rows=group_rows)


# -- goals, objectives and services ---------------------------------------------------------


def _goals(pdf: PlanDocument, content: dict[str, Any], profile: BoardProfile) -> None:
    goals = content.get("goals", [])
    services = content.get("services", [])
    pdf.section_heading(_t("Goals, objectives and services"), keep_with=40)
    if not goals:
        pdf.write_block(_t("No goals recorded."), color=MUTED)
    for index, goal in enumerate(goals, start=1):
        _goal(pdf, index, goal, profile)
        numbers = {o.get("number") for o in goal.get("objectives", [])}
        serving = [s for s in services if numbers & set(s.get("objectives", []))]
        if serving:
            pdf.subheading(_t("Services for these objectives"), x=MARGIN + _INDENT)
            _service_table(pdf, serving, profile, x=MARGIN + _INDENT)
        pdf.ln(3)
    all_numbers = {o.get("number") for g in goals for o in g.get("objectives", [])}
    others = [s for s in services if not all_numbers & set(s.get("objectives", []))]
    if others:
        pdf.section_heading(_t("Other services"))
        _service_table(pdf, others, profile)


def _goal(pdf: PlanDocument, index: int, goal: dict[str, Any], profile: BoardProfile) -> None:
    description = pdf.paragraph(L.text(goal.get("description")) or L.BLANK, size=11, style="B",
                                x=MARGIN + _BAND_INSET)
    facts = pdf.paragraph(
        _t("Term: {term}    Established: {established}    Estimated completion: {completion}",
           term=L.term_label(profile, goal.get('term', '')), established=L.us_date(goal.get('established_on')),
           completion=L.us_date(goal.get('estimated_completion_on'))),
        size=9, color=MUTED, x=MARGIN + _BAND_INSET)
    objectives = [_objective_paragraphs(pdf, o, profile) for o in goal.get("objectives", [])]
    band = 7.5
    # The goal's band, description and facts stay on one page with its first objective.
    first = objectives[0][1] if objectives else 0.0
    pdf.keep(band + 1.5 + description.height + facts.height + 1.5 + 6 + first)
    status = L.item_status(goal.get("status", "open"), goal.get("closed_on"), goal.get("close_reason"), "goal")
    y = pdf.y
    inner = pdf.epw - 2 * _BAND_INSET
    with pdf.local_context(font_family=FONT, font_style="B", font_size_pt=10.5, text_color=ACCENT,
                           fill_color=BAND):
        pdf.rect(MARGIN, y, pdf.epw, band, style="F")
        pdf.set_xy(MARGIN + _BAND_INSET, y)
        serves = " · " + _t("serves Goal {number}", number=goal['serves_goal']) if goal.get("serves_goal") else ""
        pdf.cell(inner, band, _t("Goal {number}", number=index)
                 + f" · {_goal_type(profile, goal.get('goal_type', ''))}{serves}")
        pdf.set_xy(MARGIN + _BAND_INSET, y)
        pdf.set_font(FONT, "", 9.5)
        pdf.cell(inner, band, _t("Status: {status}", status=status), align="R")
    pdf.set_xy(MARGIN, y + band + 1.5)
    pdf.draw(description)
    pdf.draw(facts)
    pdf.ln(1.5)
    if objectives:
        pdf.subheading(_t("Objectives"), x=MARGIN + _INDENT, keep_with=first)
    for (number, parts), _height in objectives:
        _objective(pdf, number, parts)


def _goal_type(profile: BoardProfile, value: str) -> str:
    """The board's word for the goal type where it has one ("Schooling"), R-G1."""
    try:
        return profile.label(profile.goal_type_label(GoalType(value)), L.language())
    except ValueError:
        return L.humanize(value)


def _objective_paragraphs(pdf: PlanDocument, objective: dict[str, Any],
                          profile: BoardProfile) -> tuple[tuple[str, list[Paragraph]], float]:
    """An objective's number and its three paragraphs (title, why, facts), and their height.

    An objective picked from the board's list prints the list's label in the copy's language;
    a custom one exactly as the coach wrote it."""
    x = MARGIN + 2 * _INDENT
    width = pdf.w - MARGIN - x
    why = L.text(objective.get("justification"))
    status = L.item_status(objective.get("status", "open"), objective.get("closed_on"), objective.get("outcome"), "objective")
    parts = [
        pdf.paragraph(_objective_title(objective, profile) or L.BLANK, style="B", x=x, width=width),
        pdf.paragraph(_t("Why: {why}", why=why) if why else _t("Why: (no justification recorded)"),
                      size=9.5, x=x, width=width),
        pdf.paragraph(_t("Established: {established}    Review by: {review}    Status: {status}",
                         established=L.us_date(objective.get('established_on')),
                         review=L.us_date(objective.get('review_on')), status=status),
                      size=SMALL_PT, color=MUTED, x=x, width=width),
    ]
    return (L.text(objective.get("number")), parts), sum(p.height for p in parts) + 2


def _objective_title(objective: dict[str, Any], profile: BoardProfile) -> str:
    title = L.text(objective.get("title"))
    if objective.get("custom") or not profile.is_predefined(title):
        return title
    listed = next(o for o in profile.predefined_objectives if o.casefold() == title.casefold())
    return profile.label(listed, L.language())


def _objective(pdf: PlanDocument, number: str, parts: list[Paragraph]) -> None:
    height = sum(p.height for p in parts)
    if height < pdf.eph / 2:  # a short objective never splits; a huge one flows across pages
        pdf.keep(height)
    y = pdf.y
    with pdf.local_context(font_family=FONT, font_style="B", font_size_pt=BODY_PT, text_color=ACCENT):
        pdf.set_xy(MARGIN + _INDENT, y)
        pdf.cell(_INDENT, pdf.line_for(BODY_PT), number)
    pdf.set_y(y)
    for part in parts:
        pdf.draw(part)
    pdf.ln(2)


def _service_table(pdf: PlanDocument, services: list[dict[str, Any]], profile: BoardProfile,
                   x: float = MARGIN) -> None:
    rows = [[
        L.text(s.get("code")),
        _service_text(s, profile),
        L.provider_label(s.get("provider", ""), bool(s.get("referral"))),
        ", ".join(s.get("objectives", [])) or L.BLANK,
        L.date_range(s.get("planned_start"), s.get("planned_end")),
        _actual_dates(s),
        _funding(s),
    ] for s in services]
    pdf.data_table([_t("Code"), _t("Service"), _t("Provider / referral"), _t("Obj."), _t("Planned"),
                    _t("Actual"), _t("Funding")],
                   rows, (16, 38, 32, 10, 25, 25, 22), x=x)  # room for the Spanish "Código"


def _service_text(service: dict[str, Any], profile: BoardProfile) -> str:
    name = L.service_name(profile, L.text(service.get("code")))
    note = L.text(service.get("comments"))
    return f"{name}\n{note}" if note else name


def _actual_dates(service: dict[str, Any]) -> str:
    """Status and actual dates (R-S3). The content names a status only when the dates cannot
    tell it (not completed); otherwise the dates say it: none, started, or started and ended."""
    start, end = service.get("actual_start"), service.get("actual_end")
    outcome = L.text(service.get("outcome"))
    if service.get("status") == "not_completed":
        reason = L.text(service.get("not_completed_reason"))
        started = _t("Started {day}", day=L.us_date(start))
        dates = f"\n{L.date_range(start, end)}" if start and end else (f"\n{started}" if start else "")
        return L.word("Not completed") + dates + (f"\n{reason}" if reason else "")
    if not start and not end:
        return _t("Not started")
    if start and not end:
        return _t("Started {day}", day=L.us_date(start))
    return L.word("Completed") + f"\n{L.date_range(start, end)}" + (f"\n{outcome}" if outcome else "")


def _funding(service: dict[str, Any]) -> str:
    parts = [L.text(service.get("funding_source")), L.money(service.get("amount"))]
    return "\n".join(p for p in parts if p) or L.BLANK


# -- signatures ----------------------------------------------------------------------------


def _signatures(pdf: PlanDocument, signatures: Sequence[Signature], content: dict[str, Any],
                profile: BoardProfile, digest: str) -> None:
    # The consent each signer agreed to, in the copy's language when it is the app's own text;
    # a consent the app does not know is printed as it was signed.
    consents = [pdf.paragraph(consent_for_copy(L.text(s.consent_text), L.language()), size=7.5, color=MUTED)
                if L.text(s.consent_text) else None for s in signatures]
    blanks = _blank_lines({s.role for s in signatures}, content, profile)
    closing = _t("Signed version {digest}", digest=L.short_digest(digest)) if signatures else \
        _t("Version {digest} — not signed", digest=L.short_digest(digest))
    closing_h = 1 + pdf.line_for(9) + pdf.line_for(7.5)
    blocks = [_signed_height(c) for c in consents] + [_BLANK_HEIGHT] * len(blanks)
    # The whole section (a page at most) stays together, so the closing "Signed version" line
    # is never orphaned on a page of its own.
    pdf.section_heading(_t("Signatures"), keep_with=min(sum(blocks) + closing_h, pdf.eph - 20))
    for signature, consent in zip(signatures, consents):
        _signature(pdf, signature, consent)
    for role in blanks:
        _blank_signature(pdf, role)
    pdf.keep(closing_h)
    pdf.ln(1)
    pdf.write_block(closing, size=9, style="B", color=MUTED)
    pdf.write_block(_t("Full version digest (SHA-256): {digest}", digest=digest), size=7.5, color=MUTED)


def _blank_lines(signed: set[SignerRole], content: dict[str, Any], profile: BoardProfile) -> list[SignerRole]:
    roles = [r for r in _REQUIRED_SIGNERS if r not in signed]
    youth = content.get("plan", {}).get("program", content.get("participant", {}).get("program")) == "youth"
    if youth and profile.parent_signature == "optional" and SignerRole.PARENT_GUARDIAN not in signed:
        roles.insert(1, SignerRole.PARENT_GUARDIAN)  # a line to sign on paper, never required (R-X1)
    return roles


def _signed_height(consent: Paragraph | None) -> float:
    return _INK_BOX[1] + 6 + (consent.height if consent else 0.0) + 3


def _signature(pdf: PlanDocument, signature: Signature, consent: Paragraph | None) -> None:
    pdf.keep(_signed_height(consent))
    top = pdf.y
    try:
        ink = SignatureInk.from_json(signature.strokes)
    except InvalidInput:
        ink = None
    if ink is not None and not ink.is_empty():
        draw_ink(pdf, ink, MARGIN + 2, top + 1, _INK_BOX[0] - 4, _INK_BOX[1] - 2)
    else:
        pdf.write_block(_t("(the signature ink could not be read)"), size=SMALL_PT, color=MUTED,
                        x=MARGIN + 2)
    _signature_line(pdf, top + _INK_BOX[1], L.role_label(signature.role))
    details = [
        (signature.signer_name, BODY_PT + 1, "B"),
        (L.role_label(signature.role), BODY_PT, ""),
        (_t("Signed {day} with a {device}", day=L.us_date(signature.signed_at),
            device=L.device_label(signature.device)), 9, ""),
    ]
    _details_column(pdf, top + 4, details)
    pdf.set_y(top + _INK_BOX[1] + 6)
    if consent:
        pdf.draw(consent)
    pdf.ln(3)


def _blank_signature(pdf: PlanDocument, role: SignerRole) -> None:
    pdf.keep(_BLANK_HEIGHT)
    top = pdf.y
    label = L.role_label(role) + (" " + _t("(optional)") if role is SignerRole.PARENT_GUARDIAN else "")
    _signature_line(pdf, top + _INK_BOX[1], label)
    x = MARGIN + _INK_BOX[0] + 8
    for offset, caption in ((8, _t("Name")), (_INK_BOX[1], _t("Date"))):
        with pdf.local_context(draw_color=MUTED, line_width=0.25):
            pdf.line(x + 14, top + offset, pdf.w - MARGIN, top + offset)
        with pdf.local_context(font_family=FONT, font_style="", font_size_pt=9, text_color=MUTED):
            pdf.set_xy(x, top + offset - 5)
            pdf.cell(14, 5, caption)
    pdf.set_y(top + _BLANK_HEIGHT)


def _signature_line(pdf: PlanDocument, y: float, caption: str) -> None:
    with pdf.local_context(draw_color=MUTED, line_width=0.3):
        pdf.line(MARGIN, y, MARGIN + _INK_BOX[0], y)
    with pdf.local_context(font_family=FONT, font_style="", font_size_pt=SMALL_PT, text_color=MUTED):
        pdf.set_xy(MARGIN, y + 0.5)
        pdf.cell(_INK_BOX[0], 4.5, _t("Signature — {caption}", caption=caption))


def _details_column(pdf: PlanDocument, y: float, lines: list[tuple[str, float, str]]) -> None:
    x = MARGIN + _INK_BOX[0] + 8
    pdf.set_y(y)
    for text, size, style in lines:
        pdf.write_block(text, size=size, style=style, x=x)

