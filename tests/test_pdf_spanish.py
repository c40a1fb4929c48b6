"""Issue 18 item 3: the participant copy is printed in the participant's language (headings,
labels, statuses, the consent line under each signature, the footer); the office copy stays in
the office's language; both carry the same version digest. Read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from pypdf import PdfReader

from iep_desktop import i18n
from iep_desktop.domain.models import (
    Assessment,
    AssessmentKind,
    Barrier,
    BarrierGroup,
    Goal,
    GoalTerm,
    GoalType,
    Language,
    Objective,
    Outcome,
    Participant,
    Plan,
    Program,
    Service,
    SignerRole,
)
from iep_desktop.domain.sign_state import CONSENT_TEXT, consent_text
from iep_desktop.domain.strokes import SignatureInk
from iep_desktop.services import participants, plan_items, plan_life, printing, signing
from iep_desktop.store.store import Store
from tests.conftest import TODAY
from tests.test_pdf import INK_JSON

NAME_FIRST, NAME_LAST = "José", "Nguyễn Peña"  # synthetic
# Every English word the app prints on this plan: none may be left on the Spanish copy.
ENGLISH_LABELS = [
    "Individual Employment Plan", "Participant copy", "Office copy", "Board", "Region / LWIA", "Program",
    "Date of birth", "Plan start date", "Plan version", "Participant background", "Education",
    "Assessment summary", "Score / grade level", "Comments and needs", "Grade level",
    "Barriers and the steps", "Personal life circumstances", "Transportation", "Step or service",
    "Goals, objectives and services", "Goal 1", "Employment", "Status:", "Open", "Term:", "Short",
    "months", "Established:", "Estimated completion", "Objectives", "Why:", "Review by",
    "Services for these objectives", "Provider / referral", "Planned", "Actual", "Funding",
    "Not started", "Career Planning", "Attend Tutoring", "Signatures", "Signature —", "Career coach",
    "with a", "By signing electronically", "Signed version", "Full version digest",
    " page ", " of ", "Adult",
]


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _signed_plan(store: Store) -> str:
    ink = SignatureInk.from_json(INK_JSON)
    with store.unit_of_work("coach") as uow:
        person = participants.create_participant(uow, Participant(
            first_name=NAME_FIRST, last_name=NAME_LAST, program=Program.ADULT, board="chicago_cook",
            eligibility_determined_on=TODAY, preferred_language=Language.SPANISH, education="GED, 2019"))
        plan = uow.add(Plan(participant_id=person.id, program=Program.ADULT, board="chicago_cook",
                            region="Cook County", office="Main American Job Center", start_date=TODAY,
                            coach_name="Renée Castañeda"))
        uow.add(Assessment(participant_id=person.id, instrument=AssessmentKind.TABE_READING,
                           taken_on=TODAY, grade_level="8.5", comments="Lee despacio"))
        plan_items.add_barrier(uow, Barrier(plan_id=plan.id, group=BarrierGroup.PERSONAL,
                                            category="transportation", step="Pase de autobús"))
        goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                                             description="Soldador a tiempo completo", established_on=TODAY,
                                             estimated_completion_on=TODAY + timedelta(days=100)))
        objective = plan_items.add_objective(uow, Objective(
            plan_id=plan.id, goal_id=goal.id, title="Attend Tutoring", justification="Repasar matemáticas",
            established_on=TODAY, review_on=TODAY + timedelta(days=60)))
        plan_items.add_service(uow, Service(participant_id=person.id, plan_id=plan.id, code="202",
                                            provider="Centro de Empleo", planned_start=TODAY,
                                            planned_end=TODAY + timedelta(days=30), objective_ids=[objective.id]))
        for role, name in ((SignerRole.PARTICIPANT, person.display_name), (SignerRole.COACH, "Renée Castañeda")):
            signing.sign_plan(uow, plan.id, role=role, signer_name=name, ink=ink,
                              consent_text=consent_text("es" if role is SignerRole.PARTICIPANT else "en"))
    return person.id


def test_the_participant_copy_is_in_spanish_and_the_office_copy_in_english_with_the_same_digest(
        store: Store) -> None:
    person_id = _signed_plan(store)
    with store.unit_of_work("coach") as uow:
        ours = printing.plan_pdf(uow, person_id, copy="participant")  # the participant's language: es
        office = printing.plan_pdf(uow, person_id, copy="office")     # the office's: English here
        digest = signing.version_for_print(uow, uow.list(Plan, participant_id=person_id)[0].id, None)[1]
    spanish, english = _text(ours), _text(office)

    for heading in ("Plan Individual de Empleo (IEP)", "Copia del participante", "Antecedentes del participante",
                    "Resumen de evaluaciones", "Barreras y los pasos para superarlas", "Metas, objetivos y servicios",
                    "Servicios para estos objetivos", "Firmas", "Fecha de nacimiento", "Junta", "Programa Adultos",
                    "Meta 1 · Empleo", "Estado: Abierto", "Plazo: Corto plazo (0-6 meses)", "Asistir a tutorías",
                    "Planificación de carrera", "Transporte", "Circunstancias personales", "TABE lectura",
                    "Asesor(a) de carrera", "Versión firmada", "Huella completa de la versión (SHA-256)",
                    "página 1 de"):
        assert heading in spanish, heading
    # The consent line under each signature, in the copy's language whichever language it was signed in.
    assert spanish.count(consent_text("es")) == 2 and CONSENT_TEXT not in spanish
    assert english.count(CONSENT_TEXT) == 2
    # The accented name renders (DejaVu is embedded), and what the coach typed is as typed.
    assert f"{NAME_FIRST} {NAME_LAST}" in spanish and "Soldador a tiempo completo" in spanish
    assert "Renée Castañeda" in spanish and "Pase de autobús" in spanish
    # Dates stay US form.
    assert TODAY.strftime("%m/%d/%Y") in spanish
    # Whole words only: "Program" is inside "Programa", "Adult" inside "Adultos".
    left = [label for label in ENGLISH_LABELS if re.search(rf"(?<!\w){re.escape(label.strip())}(?!\w)", spanish)]
    assert not left, f"English left on the Spanish copy: {left}"
    # ... and the list is real: each of these is printed on the English copy of the same plan.
    assert [label for label in ENGLISH_LABELS if label not in english] == ["Participant copy"]
    # The office copy: English, the same version digest on both.
    assert "Office copy" in english and "Goals, objectives and services" in english and "Metas" not in english
    for text in (spanish, english):
        assert digest in text and re.search(digest[:12], text)


def test_the_language_can_be_asked_for_and_never_leaks_into_the_app(store: Store) -> None:
    person_id = _signed_plan(store)
    with store.unit_of_work("coach") as uow:
        asked = _text(printing.plan_pdf(uow, person_id, copy="participant", language="en"))
        spanish_office = _text(printing.plan_pdf(uow, person_id, copy="office", language="es"))
    assert "Participant copy" in asked and "Copia de la oficina" in spanish_office
    assert i18n.current_language() == "en"  # drawing a Spanish copy left the office's language alone


def test_statuses_agree_with_the_noun_a_goal_feminine_an_objective_masculine(store: Store) -> None:
    """"Meta" is feminine, "objetivo" masculine: una meta abierta / cerrada / lograda, un objetivo
    abierto / cerrado / no logrado (issue 18). Read back from the participant's Spanish copy."""
    person_id = _signed_plan(store)
    closed_on = TODAY + timedelta(days=5)
    with store.unit_of_work("coach") as uow:
        plan = uow.list(Plan, participant_id=person_id)[0]
        goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.TRAINING, term=GoalTerm.SHORT,
                                             description="Certificado de soldadura", established_on=TODAY,
                                             estimated_completion_on=TODAY + timedelta(days=90)))
        objective = plan_items.add_objective(uow, Objective(
            plan_id=plan.id, goal_id=goal.id, title="Attend LinkedIn Workshop", justification="Red de contactos",
            established_on=TODAY, review_on=TODAY + timedelta(days=30)))
        plan_life.close_objective(uow, objective.id, closed_on, Outcome.UNSUCCESSFUL)
        plan_life.close_goal(uow, goal.id, closed_on, Outcome.SUCCESSFUL)
        spanish = _text(printing.plan_pdf(uow, person_id, copy="participant"))
        english = _text(printing.plan_pdf(uow, person_id, copy="office"))
    day = closed_on.strftime("%m/%d/%Y")
    # Either gender is found, so a wrong form would show up here rather than be missed.
    status = r"Estado: (Abiert[ao]|Cerrad[ao] \S+ – (?:No l|L)ograd[ao])"
    goals = re.findall(r"Meta \d · \w+ " + status, spanish)
    objectives = re.findall(r"Establecido: \S+ Revisar a más tardar: \S+ " + status, spanish)
    # (both goals are established the same day, so which one prints first is not fixed)
    assert sorted(goals) == ["Abierta", f"Cerrada {day} – Lograda"], goals
    assert sorted(objectives) == ["Abierto", f"Cerrado {day} – No logrado"], objectives
    # English has one form for both; the office copy is unchanged.
    assert f"Status: Closed {day} – Successful" in english and f"Status: Closed {day} – Unsuccessful" in english


def test_the_boards_name_and_region_come_in_spanish_where_the_profile_gives_one(store: Store) -> None:
    """The participant's copy names the board and its region in Spanish from the profile's
    translations.es; a region the coach typed, and the office copy, stay as they are."""
    with store.unit_of_work("coach") as uow:
        person = participants.create_participant(uow, Participant(
            first_name="Ana", last_name="Núñez", program=Program.ADULT, board="default",
            eligibility_determined_on=TODAY, preferred_language=Language.SPANISH))
        uow.add(Plan(participant_id=person.id, program=Program.ADULT, board="default", region="Local Workforce Area",
                     office="Main American Job Center", start_date=TODAY, coach_name="Renée Castañeda"))
        spanish = _text(printing.plan_pdf(uow, person.id, copy="participant"))
        english = _text(printing.plan_pdf(uow, person.id, copy="office"))
    assert "Junta Junta genérica de WIOA (predeterminada)" in spanish  # the label "Junta", then the name
    assert "Área local de desarrollo laboral" in spanish and "Local Workforce Area" not in spanish
    assert "Generic WIOA board (default)" in english and "Local Workforce Area" in english
