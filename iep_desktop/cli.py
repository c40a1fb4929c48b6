"""The ``iep`` command: the store from a terminal, for coaches, office IT and scripts.

Every failure a person can cause (wrong passphrase, missing file, a file that is not a store, a
damaged store, bad input) prints one clear line on stderr and exits non-zero, with no
traceback and nothing changed on disk.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DatabaseError, OperationalError

from iep_desktop import __version__
from iep_desktop.errors import InvalidInput, IepError, NotFound, StoreCorrupt
from iep_desktop.store.io_errors import storage_problem

if TYPE_CHECKING:
    from iep_desktop.app_session import AppSession

Handler = Callable[[argparse.Namespace], int]


# -- passphrases ------------------------------------------------------------------------------

def _read_secret_file(path: str) -> str:
    try:
        text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise InvalidInput(f"Cannot read the passphrase file {path}: {exc.strerror}.") from None
    return text.rstrip("\r\n")


def _secret(file_arg: str | None, env_name: str, prompt: str, *, confirm: bool = False) -> str:
    """From --...-file, else the environment, else a prompt (twice when making a new one)."""
    if file_arg:
        return _read_secret_file(file_arg)
    if os.environ.get(env_name):
        return os.environ[env_name]
    if not sys.stdin.isatty():
        raise InvalidInput(f"No passphrase given: use a passphrase file option or set {env_name}.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise InvalidInput("The two passphrases differ; nothing was changed. Try again.")
    return first


def passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    return _secret(args.passphrase_file, "IEP_PASSPHRASE", "Passphrase: ", confirm=confirm)


def new_passphrase(args: argparse.Namespace) -> str:
    return _secret(args.new_passphrase_file, "IEP_NEW_PASSPHRASE", "New passphrase: ", confirm=True)


def office_passphrase(args: argparse.Namespace) -> str:
    return _secret(args.office_passphrase_file, "IEP_OFFICE_PASSPHRASE", "Office passphrase: ")


def recovery_passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """The office recovery key file's own passphrase (never the daily office passphrase)."""
    return _secret(getattr(args, "recovery_passphrase_file", None), "IEP_RECOVERY_PASSPHRASE",
                   "New recovery passphrase (not the office passphrase): " if confirm else "Recovery passphrase: ",
                   confirm=confirm)


def open_store(args: argparse.Namespace) -> Any:
    from iep_desktop.services.unlock import open_store as unlock

    return unlock(Path(args.db), passphrase(args))


@contextmanager
def laptop_session(args: argparse.Namespace) -> Iterator[AppSession]:
    """The app session of one laptop command: the store unlocked, closed again at the end."""
    from iep_desktop.app_session import AppSession

    session = AppSession(actor=actor(args), store=open_store(args))
    try:
        yield session
    finally:
        session.lock()


def actor(args: argparse.Namespace) -> str:
    """--actor, else the login name; an office command that records the login says so when it is done."""
    if args.actor:
        return str(args.actor)
    args.actor_defaulted = True
    return getpass.getuser()


def _announce_actor(args: argparse.Namespace) -> None:
    if getattr(args, "central_command", None) and getattr(args, "actor_defaulted", False):
        print(f"(Recorded in the hub's audit trail as {getpass.getuser()!r}, your login name; --actor NAME "
              "records who is acting instead.)")


def emit_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


# -- commands ---------------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    from iep_desktop.services.unlock import read_recovery_key
    from iep_desktop.store.store import Store

    recovery = read_recovery_key(Path(args.recovery_key)) if args.recovery_key else None
    with Store.create(Path(args.db), passphrase(args, confirm=True), recovery_public=recovery):
        pass
    print(f"Created an encrypted IEP store at {args.db} (key file {args.db}.keys). Back up both files.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from iep_desktop.demo import fill_demo_store

    summary = fill_demo_store(Path(args.db), passphrase(args), participants=args.participants, seed=args.seed)
    print(summary)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    try:
        with laptop_session(args) as session:
            report = session.with_store(lambda store, _who: store.verify(), changes=frozenset())
    except StoreCorrupt as exc:
        print(f"FAILED: {exc}")
        return 4
    for line in report.lines():
        print(line)
    print("OK: the store is intact." if report.ok else "FAILED: the store is damaged or was tampered with.")
    return 0 if report.ok else 4


def cmd_passwd(args: argparse.Namespace) -> int:
    from iep_desktop.services.passphrase import change_passphrase

    with laptop_session(args) as session:
        new = new_passphrase(args)
        session.with_store(lambda store, _who: change_passphrase(store, new), changes=frozenset())
    print("Passphrase changed. The old passphrase no longer opens this store.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from iep_desktop.services.recovery import is_pem_key, office_recovery_key, recover_store

    key_file = Path(args.office_key)
    # The PEM of 'iep office-recovery-key' is under that command's passphrase; the central office's
    # recovery key file under its own recovery passphrase.
    secret = office_passphrase(args) if is_pem_key(key_file) else recovery_passphrase(args)
    office_key = office_recovery_key(key_file, secret)
    recover_store(Path(args.db), office_key, new_passphrase(args))
    print("Store recovered with the office key; the coach's new passphrase is set.")
    return 0


def cmd_recovery_keygen(args: argparse.Namespace) -> int:
    from iep_desktop.crypto.office_keys import generate_recovery_key
    from iep_desktop.store.keys import check_passphrase_strength

    secret = office_passphrase(args)
    check_passphrase_strength(secret)
    key_id = generate_recovery_key(Path(args.private), Path(args.public), secret)
    print(f"Office recovery key {key_id}: private part {args.private} (keep at the office), "
          f"public part {args.public} (give to every laptop).")
    return 0


def cmd_set_recovery_key(args: argparse.Namespace) -> int:
    from iep_desktop.services.recovery import read_recovery_public, set_recovery_key

    public = read_recovery_public(Path(args.public))
    with laptop_session(args) as session:
        session.with_store(lambda store, _who: set_recovery_key(store, public), changes=frozenset())
    print("The office recovery key can now open this store if the passphrase is forgotten.")
    return 0


def cmd_participants(args: argparse.Namespace) -> int:
    from iep_desktop.services.participants import search_participants

    with laptop_session(args) as session:
        found = session.read(lambda uow: search_participants(uow, args.search or "", limit=args.limit))
    return _print_participants(found, args.json)


def _print_participants(found: Sequence[Any], as_json: bool) -> int:
    rows = [{"id": p.id, "first_name": p.first_name, "last_name": p.last_name,
             "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
             "program": p.program.value, "board": p.board} for p in found]
    if as_json:
        emit_json(rows)
        return 0
    for r in rows:
        dob = f"{r['date_of_birth'][5:7]}/{r['date_of_birth'][8:10]}/{r['date_of_birth'][:4]}" if r["date_of_birth"] else "          "
        print(f"{r['id']}  {dob}  {r['program']:<17}  {r['last_name']}, {r['first_name']}")
    print(f"{len(rows)} participant(s)", file=sys.stderr)
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from iep_desktop.services.participants import resolve_participant_id
    from iep_desktop.services.snapshots import load_snapshot

    with laptop_session(args) as session:
        snapshot = session.read(lambda uow: load_snapshot(uow, resolve_participant_id(uow, args.participant_id)))
    data = snapshot.model_dump(mode="json", exclude={"counseling_statements"} if not args.confidential else set())
    if args.json:
        emit_json(data)
        return 0
    _print_plan(snapshot)
    return 0


def _print_plan(snapshot: Any) -> None:
    plan = snapshot.plan
    print(f"{snapshot.participant.display_name} ({snapshot.participant.program.label})")
    if plan is None:
        print("No plan yet.")
        return
    closed = f", closed {plan.closed_date:%m/%d/%Y} ({plan.close_reason})" if plan.closed_date else ""
    print(f"{plan.plan_kind.value} started {plan.start_date:%m/%d/%Y}, {plan.status.value}{closed}, {plan.office}")
    for goal in snapshot.goals:
        print(f"  Goal [{goal.goal_type.value}, {goal.term.value}] {goal.description}{_closed_text(goal.closed_on, goal.close_reason)}")
        for objective in snapshot.objectives_of(goal.id):
            review = f" (review {objective.review_on:%m/%d/%Y})" if objective.review_on else ""
            print(f"    - {objective.title}{review}{_closed_text(objective.closed_on, objective.outcome)}")
    for service in (s for s in snapshot.services if s.plan_id == plan.id):
        print(f"  Service {service.code}: {_service_text(service)}")


def cmd_edit(args: argparse.Namespace) -> int:
    from iep_desktop.services.participants import edit_participant_fields, resolve_participant_id

    values = _field_values(args)
    with laptop_session(args) as session:
        participant = session.write(lambda uow: edit_participant_fields(
            uow, resolve_participant_id(uow, args.participant), values).id)
    print(f"Participant {participant[:8]} edited; the change goes to the office with the next export.")
    return 0


def _closed_text(closed_on: date | None, outcome: object) -> str:
    if closed_on is None:
        return ""
    return f" [closed {closed_on:%m/%d/%Y}, {getattr(outcome, 'value', 'no outcome')}]"


def _service_text(service: Any) -> str:
    """Status and actual dates, as the printed plan gives them (R-S3)."""
    from iep_desktop.domain.plan_content import effective_status

    status = effective_status(service)
    parts = [status.label]
    if service.actual_start:
        parts.append(f"from {service.actual_start:%m/%d/%Y}")
    if service.actual_end:
        parts.append(f"to {service.actual_end:%m/%d/%Y}")
    if service.outcome:
        parts.append(f"outcome: {service.outcome}")
    if service.not_completed_reason:
        parts.append(f"reason: {service.not_completed_reason}")
    return ", ".join(parts)


def cmd_rules(args: argparse.Namespace) -> int:
    from iep_desktop.services.participants import resolve_participant_id
    from iep_desktop.services.plans import plan_findings

    with laptop_session(args) as session:
        findings = session.read(lambda uow: plan_findings(uow, resolve_participant_id(uow, args.participant_id)))
    language = args.language  # English unless asked (issue 18): scripts read the same words
    if args.json:
        emit_json([{**f.model_dump(mode="json"), "message": f.text(language)} for f in findings])
    else:
        for f in findings:
            print(f"{f.severity.value.upper():<10} {f.text(language)}")
        errors = sum(f.blocks for f in findings)
        print(f"{len(findings)} finding(s), {errors} error(s)", file=sys.stderr)
    return 1 if any(f.blocks for f in findings) else 0


def cmd_profile_show(args: argparse.Namespace) -> int:
    """Every setting of a board profile with where it comes from (a document or a default)."""
    from iep_desktop.profiles import load_profile, load_profile_file

    origin: dict[str, Any] | None = None
    if args.db and not args.file:
        from iep_desktop.services.laptop_sync import profile_origin

        with laptop_session(args) as session:
            profile, origin = session.read(lambda uow: (uow.profiles.get(args.board),
                                                        profile_origin(uow, args.board)))
    else:
        profile = load_profile_file(Path(args.file)) if args.file else load_profile(args.board)
    rows = profile.setting_sources()
    if args.json:
        emit_json([{"setting": path, "value": value, "source": source} for path, value, source in rows])
        return 0
    print(f"{profile.name} ({profile.id})")
    if args.db and not args.file:
        print(f"Published by the office: version {origin['version']}, in return bundle {origin['return_sequence']}, "
              f"taken in {_when(datetime.fromisoformat(str(origin['received_at'])))}" if origin else
              "As shipped with this app (the office has published no version of it to this laptop).")
    if profile.source:
        print(f"Document: {profile.source}")
    for path, value, source in rows:
        print(f"{path} = {value}")
        print(f"    source: {source}")
    missing = profile.missing_labels("es")
    labels = len(profile.list_labels())
    if missing:
        print(f"Spanish labels: {len(missing)} of {labels} list labels have none (shown in English):")
        for where, label in missing:
            print(f"    {where}: {label}")
    else:
        print(f"Spanish labels: all {labels} list labels have one.")
    return 0


def cmd_profile_list(args: argparse.Namespace) -> int:
    from iep_desktop.profiles import available_profiles, load_profile

    for profile_id in available_profiles():
        print(f"{profile_id:<16} {load_profile(profile_id).name}")
    return 0


def cmd_sign_status(args: argparse.Namespace) -> int:
    from iep_desktop.services.participants import resolve_participant_id
    from iep_desktop.services.signing import SignState, sign_status_of_participant

    with laptop_session(args) as session:
        status, versions = session.read(
            lambda uow: sign_status_of_participant(uow, resolve_participant_id(uow, args.participant)))
    for line in status.lines():
        print(line)
    for v in versions:
        print(f"  version {v.number}: {v.digest[:12]} frozen {v.created_at:%m/%d/%Y %H:%M} UTC"
              + ("" if v.needs_signature else " (no new signature needed, R-V3)"))
    if status.state is SignState.TAMPERED:  # issue 14, finding 7: said on stderr too, and not exit 0
        print("This plan's signed record was changed outside IEP Desktop: its signatures do not count (R-X2).",
              file=sys.stderr)
        return 1
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from iep_desktop.fsutil import atomic_write_bytes
    from iep_desktop.services.participants import resolve_participant_id
    from iep_desktop.services.printing import plan_pdf

    out = Path(args.out)
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist; create it or choose another --out.")
    with laptop_session(args) as session:
        data = session.read(lambda uow: plan_pdf(uow, resolve_participant_id(uow, args.participant),
                                                 version=args.version, copy=args.copy, language=args.language))
    atomic_write_bytes(out, data, mode=0o600)
    print(f"Wrote {out} ({len(data) // 1024} KiB).")
    return 0


# -- sync: the laptop side ------------------------------------------------------------------

def cmd_enroll(args: argparse.Namespace) -> int:
    from iep_desktop.services.laptop_sync import enroll, key_fingerprint, spend_enrollment_file

    from iep_desktop.sync.identity import read_enrollment

    # A file that is no enrollment file, or one already used, is told before any prompt.
    read_enrollment(Path(args.enrollment_file))
    fingerprint = _office_fingerprint(args)
    with laptop_session(args) as session:
        enrollment = session.with_store(
            lambda store, who: enroll(store, Path(args.enrollment_file), who, fingerprint))
        key = session.read(key_fingerprint)
        spent = session.with_store(lambda store, _who: spend_enrollment_file(store, Path(args.enrollment_file),
                                                                             enrollment), changes=frozenset())
    print(f"Enrolled as {enrollment.device_name} with office {enrollment.office['office_id'][:8]}; "
          "the office recovery key is set.")
    if spent:
        print(f"{args.enrollment_file} is used up: it now only says which store it enrolled, and enrolls no other.")
    else:
        print(f"Delete {args.enrollment_file} now: it could not be rewritten, and it could enroll another store.")
    print(f"This laptop's key fingerprint: {key} (office IT sees it in 'iep central devices' after the "
          "first export)")
    return 0


def _office_fingerprint(args: argparse.Namespace) -> str:
    """From --office-fingerprint, else $IEP_OFFICE_FINGERPRINT (IT may provision it), else a prompt."""
    given = args.office_fingerprint or os.environ.get("IEP_OFFICE_FINGERPRINT", "")
    if given:
        return str(given)
    if not sys.stdin.isatty():
        raise InvalidInput("Give the office fingerprint with --office-fingerprint (office IT has it: 'iep central "
                           "init' printed it and 'iep central status' shows it); nothing was changed.")
    return input("Office fingerprint (from office IT, not from the file): ")


def cmd_export(args: argparse.Namespace) -> int:
    from iep_desktop.services.printing import version_pdf
    from iep_desktop.services.laptop_sync import export

    with laptop_session(args) as session:
        result = session.with_store(lambda store, who: export(store, Path(args.out), who, render_pdf=version_pdf))
    print(f"Wrote {result.path} (bundle {result.sequence}: {result.changes} changes, "
          f"{result.signed_pdfs} signed plan PDFs). Take it to the office.")
    return 0


def cmd_import_return(args: argparse.Namespace) -> int:
    from iep_desktop.services.laptop_sync import import_returns_in

    with laptop_session(args) as session:
        given = Path(args.bundle)
        if not given.is_dir():
            _print_return(session.with_store(partial(_import_one, given)))
            return 0
        # A folder (the USB stick): this laptop's returns, oldest first; one that is refused
        # is told and the others still come in; the command fails at the end.
        done = session.with_store(lambda store, who: import_returns_in(store, given, who))
    problems = [one.problem for one in done if one.problem is not None]
    for one in done:
        if one.result is not None:
            _print_return(one.result)
        elif one.problem is not None:
            print(f"iep: {one.path.name}: {one.problem.message}", file=sys.stderr)
    if problems:
        taken = sum(1 for one in done if one.result is not None and not one.result.older
                    and not one.result.already_imported)
        print(f"iep: {len(problems)} of the {len(done)} return bundles in {given} were not taken in (see above); "
              f"{taken} were.", file=sys.stderr)
        return problems[0].exit_code
    return 0


def _import_one(bundle: Path, store: Any, who: str) -> Any:
    from iep_desktop.services.laptop_sync import import_return

    return import_return(store, bundle, who)


def _print_return(result: Any) -> None:
    if result.older:
        print(f"Return bundle {result.sequence} is older than return bundle {result.last_taken_in}, which this "
              "laptop already took in: it is not needed and was skipped; nothing changed.")
        return
    if result.already_imported:
        print(f"Return bundle {result.sequence} was already imported; nothing changed.")
        return
    print(f"Imported return bundle {result.sequence}: {result.acknowledged} changes acknowledged, "
          f"{result.conflicts} in the office's conflict queue, {result.records_updated} records updated.")
    if result.conflicts:
        print(f"{result.conflicts} of your changes are kept on this laptop, waiting for the office to decide.")
    if result.refused:
        print(f"{result.refused} of your changes were refused by the office: this laptop may not change those "
              "participants. They are kept on this laptop; ask the office to share the participants with it.")
    if result.resent:
        print(f"The office was restored from a backup: {result.resent} changes will go to it again with "
              "your next export.")


# -- the central office hub -------------------------------------------------------------------

def _office_dir(args: argparse.Namespace) -> Path:
    from iep_desktop.central.hub import default_office_dir

    return Path(args.office_dir) if args.office_dir else default_office_dir()


def hub_url(args: argparse.Namespace) -> str | None:
    """--url, else $IEP_HUB_URL, else the URL 'init' remembered in the office folder; with the
    database password from --db-password-file or $IEP_HUB_DB_PASSWORD (never on the command line)."""
    from sqlalchemy import make_url

    from iep_desktop.central.office import check_url
    from iep_desktop.central.office import hub_url as configured_url

    url = configured_url(_office_dir(args), args.url)
    if not url:
        return None
    check_url(url, unencrypted=args.unencrypted)  # a URL that does not parse is told here
    parsed = make_url(url)
    # A command line is visible to other users of the machine; libpq also takes ?password=.
    if parsed.password is not None or any(key.casefold() == "password" for key in parsed.query):
        raise InvalidInput("Do not put the database password in --url: give it in $IEP_HUB_DB_PASSWORD or with "
                           "--db-password-file. Nothing was changed.")
    password = _read_secret_file(args.db_password_file) if args.db_password_file else \
        os.environ.get("IEP_HUB_DB_PASSWORD")
    if not password:
        return str(url)
    return make_url(url).set(password=password).render_as_string(hide_password=False)


_hub_url = hub_url


def open_hub(args: argparse.Namespace, *, upgrade: bool = True) -> Any:
    from iep_desktop.central.hub import Hub

    hub = Hub.open(_office_dir(args), office_passphrase(args), url=hub_url(args), upgrade=upgrade,
                   unencrypted=args.unencrypted)
    if hub.keys.holds_recovery:
        print("iep: warning: office-keys.json still holds the office recovery key, so every daily command unlocks "
              "it; run 'iep central split-recovery-key' once to move it to its own file.", file=sys.stderr)
    return hub


def cmd_central_init(args: argparse.Namespace) -> int:
    from iep_desktop.central.hub import Hub

    from iep_desktop.central.office import RECOVERY_KEY_FILE, check_recovery_passphrase

    secret = _secret(args.office_passphrase_file, "IEP_OFFICE_PASSPHRASE", "New office passphrase: ", confirm=True)
    recovery = recovery_passphrase(args, confirm=True)
    check_recovery_passphrase(recovery, secret)
    recovery_out = Path(args.recovery_out) if args.recovery_out else _office_dir(args) / RECOVERY_KEY_FILE
    with Hub.init(_office_dir(args), secret, url=hub_url(args), unencrypted=args.unencrypted,
                  recovery_passphrase=recovery, recovery_out=recovery_out) as hub:
        office, fingerprint = hub.keys.office_id, hub.office_fingerprint
    print(f"Office {office[:8]} set up in {_office_dir(args)}. Back up office-keys.json and keep the "
          "office passphrase safe: without them no bundle can be read.")
    print(f"The office recovery key is in {recovery_out}, under the recovery passphrase. Move it OFFLINE now "
          "(a USB stick in a safe) with a backup copy: no daily command needs it; only 'iep recover' does, when "
          "a coach forgot a passphrase.")
    print(f"Office fingerprint: {fingerprint}")
    print("Give this fingerprint to each coach in person or by phone, never with the enrollment file: "
          "'iep enroll' asks for it.")
    _warn_plain_database(args)
    return 0


def _warn_plain_database(args: argparse.Namespace) -> None:
    from iep_desktop.central.office import database_protection

    warning = database_protection(configured_hub_url(args))["warning"]
    if warning:
        print(f"iep: warning: {warning}", file=sys.stderr)


def configured_hub_url(args: argparse.Namespace) -> str | None:
    """The hub's database URL as configured (never with its password), for what is shown to a person."""
    from iep_desktop.central.office import hub_url as configured_url

    return configured_url(_office_dir(args), args.url)


def cmd_central_split_recovery_key(args: argparse.Namespace) -> int:
    from iep_desktop.central.office import KEYS_FILE, RECOVERY_KEY_FILE, split_recovery_key
    from iep_desktop.errors import NotFound
    from iep_desktop.sync.identity import OfficeKeys

    office_dir = _office_dir(args)
    if not (office_dir / KEYS_FILE).exists():
        raise NotFound(f"No office is set up in {office_dir}; run 'iep central init' first.")
    secret = office_passphrase(args)
    if not OfficeKeys.load(office_dir / KEYS_FILE, secret).holds_recovery:
        print("office-keys.json does not hold the office recovery key (it has its own file); nothing to do.")
        return 0
    out = split_recovery_key(office_dir, secret, recovery_passphrase(args, confirm=True),
                             Path(args.recovery_out) if args.recovery_out else office_dir / RECOVERY_KEY_FILE)
    print(f"The office recovery key is now in {out}, under its own recovery passphrase; office-keys.json no "
          "longer holds it. Move the file OFFLINE now (a USB stick in a safe) with a backup copy.")
    return 0


def cmd_central_enroll(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        device = hub.enroll_device(args.device, Path(args.out), actor(args), valid_days=args.valid_days,
                                   replace=args.replace)
    if args.replace:
        print(f"The old keys of {args.device} are revoked: bundles signed with them are kept aside. The new "
              f"enrollment takes over the participants {args.device} shared.")
    print(f"Enrollment file for {args.device} (device {device[:8]}) written to {args.out}. "
          "Give it to the laptop once; it holds a one-time secret.")
    return 0


def cmd_central_ingest(args: argparse.Namespace) -> int:
    quarantined = 0
    names: list[str] = []
    for given in args.bundles:  # a folder (a USB stick) is searched for laptops' export bundles
        folder = Path(given)
        names += (sorted(str(p) for p in folder.rglob("iep-export-*.iepb") if p.is_file()) if folder.is_dir()
                  else [given])
    if not names:
        raise NotFound("No laptop bundle files (iep-export-*.iepb) were found there; nothing was ingested.")
    with open_hub(args) as hub:
        for name in names:
            try:
                data = Path(name).read_bytes()
            except OSError as exc:
                print(f"skipped: {name}: {exc.strerror}")
                quarantined += 1
                continue
            result = hub.ingest(data, actor(args))
            # Anything but a clean apply or a byte-identical duplicate needs a person: exit 1.
            quarantined += not result.clean
            print(f"{Path(name).name}: {result.line()}")
    return 1 if quarantined else 0


def _when(value: Any) -> str:
    return f"{value:%m/%d/%Y %H:%M} UTC" if value is not None else "unknown time"


def _conflict_lines(c: dict[str, Any]) -> list[str]:
    def show(v: Any) -> str:
        return "(empty)" if v in (None, "") else json.dumps(v, ensure_ascii=False)

    who = c["participant_name"] or "(participant not found)"
    pid = (c["participant_id"] or "")[:8]
    lines = [f"#{c['id']} {who} ({pid}) · {c['record_kind'].replace('_', ' ')} {c['record_id'][:8]} · "
             f"field {c['field']}",
             f"    before:      {show(c['device_before'])}",
             f"    office copy (hub): {show(c['hub_value'])}  written by {c['hub_author'] or 'unknown'}, "
             f"{_when(c['hub_at'])}",
             f"    laptop (device): {show(c['device_value'])}  written by {c['device_author'] or 'unknown'} on "
             f"laptop {c['device_name'] or c['device_id'][:8]}, {_when(c['device_at'])}"]
    if c["status"] == "resolved":
        lines.append(f"    decided: kept the {c['resolution']} value, by {c['resolved_by']}, {_when(c['resolved_at'])}")
    elif c["reopened_by"]:
        lines.append(f"    reopened by {c['reopened_by']}, {_when(c['reopened_at'])}")
    return lines


def cmd_central_devices(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        items = hub.devices()
    if args.json:
        emit_json(items)
        return 0
    for d in items:
        print("\n".join(_device_lines(d)))
    print(f"{len(items)} laptop(s)", file=sys.stderr)
    return 0


def _device_lines(d: dict[str, Any]) -> list[str]:
    key = f", key {d['key_fingerprint']}" if d["key_fingerprint"] else ""
    lines = [f"{d['name']}: {d['state']}{key}"]
    heard = (f"last bundle {d['last_bundle']} ({_when(d['last_bundle_at'])})" if d["last_bundle_at"] is not None
             else "no bundle received yet")
    detail = f"    enrolled {_when(d['enrolled_at'])}; {heard}"
    if d["missing_bundles"]:
        detail += f"; bundles never received: {', '.join(map(str, d['missing_bundles']))}"
    lines.append(detail)
    waiting = []
    if d["open_conflicts"]:
        waiting.append(f"{d['open_conflicts']} open conflict(s)")
    if d["refused_changes"]:
        waiting.append(f"{d['refused_changes']} refused change(s)")
    if d["returns_pending"]:
        waiting.append(f"{d['returns_pending']} return bundle(s) not yet taken in")
    if d["resend_requested"]:
        waiting.append("asked to send its changes again (the hub was restored)")
    lines.append("    pending: " + ("; ".join(waiting) if waiting else "nothing"))
    coming = []
    if d["records_to_send"]:
        coming.append(f"{d['records_to_send']} record(s) changed at the office or on another laptop")
    if d["participants_newly_shared"]:
        coming.append(f"{d['participants_newly_shared']} participant(s) shared with it")
    if coming:
        lines.append("    its next return brings: " + "; ".join(coming))
    return lines


def cmd_central_revoke(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        hub.revoke(args.device, actor(args))
    print(f"{args.device} is revoked: its bundles are kept aside and it gets no more return bundles. Enroll it "
          f"again with 'iep central enroll --device {args.device}' when it is found or replaced.")
    return 0


def cmd_central_conflicts(args: argparse.Namespace) -> int:
    if args.keep and args.resolve is None:
        raise InvalidInput("--keep goes with --resolve ID; nothing was changed.")
    with open_hub(args) as hub:
        if args.resolve is not None:
            if not args.keep:
                raise InvalidInput("Say which value to keep: --keep hub (the office's value) or --keep device "
                                   "(the laptop's value). Nothing was changed; 'iep central conflicts' shows both.")
            hub.resolve(args.resolve, args.keep, actor(args))
            print(f"Conflict {args.resolve} resolved: kept the {args.keep} value. The laptop gets the decision "
                  "in its next return bundle; 'iep central conflicts --reopen "
                  f"{args.resolve}' undoes it.")
            return 0
        if args.reopen is not None:
            hub.reopen(args.reopen, actor(args))
            print(f"Conflict {args.reopen} is open again; decide it with --resolve {args.reopen} --keep ...")
            return 0
        items = hub.conflicts("resolved" if args.resolved else "open")
    if args.json:
        emit_json(items)
        return 0
    for c in items:
        print("\n".join(_conflict_lines(c)))
    print(f"{len(items)} {'resolved' if args.resolved else 'open'} conflict(s)", file=sys.stderr)
    return 0


def cmd_central_quarantine(args: argparse.Namespace) -> int:
    from iep_desktop.central import quarantine

    with open_hub(args) as hub:
        if args.release is not None:
            result = quarantine.release(hub.ctx, args.release, actor(args))
            print(f"Released quarantined bundle {args.release}: {result.line()}")
            return 1 if result.status == "quarantined" else 0
        if args.delete is not None:
            quarantine.delete_entry(hub.ctx, args.delete, actor(args))
            print(f"Deleted quarantined bundle {args.delete} and its file.")
            return 0
        items = quarantine.list_quarantine(hub.ctx)
    if args.json:
        emit_json(items)
        return 0
    for q in items:
        laptop = q["device_name"] or (f"unknown sender {q['device_id'][:8]}" if q["device_id"] else "unknown sender")
        sequence = f" bundle {q['sequence']}" if q["sequence"] else ""
        # A header is only a claim until the signature over the bundle is checked.
        sender = (f"laptop {laptop}{sequence}" if q["sender_verified"]
                  else f"claims to be laptop {laptop}{sequence} (not verified)")
        print(f"#{q['id']} {_when(q['received_at'])} · {sender} · {q['reason']}"
              + ("" if q["file_kept"] else " (file missing)"))
    print(f"{len(items)} quarantined bundle(s); --release ID once the cause is fixed, --delete ID to drop one",
          file=sys.stderr)
    return 0


def cmd_central_backup(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        out = hub.backup(Path(args.out))
    print(f"Backed up the hub to {out} (encrypted with the office key: keep it with office-keys.json, "
          "apart from this computer).")
    return 0


def cmd_central_restore(args: argparse.Namespace) -> int:
    from iep_desktop.central.backup import REVOKE_AGAIN_HINT, restore_file

    restored = None
    if args.from_file:
        if _hub_url(args):
            raise InvalidInput("--from restores the embedded hub; for PostgreSQL use pg_restore, then run "
                               "'iep central restore --url URL' without --from.")
        restored = restore_file(_office_dir(args), office_passphrase(args), Path(args.from_file), actor=actor(args))
    with open_hub(args) as hub:
        result = hub.mark_restored(actor(args))
    if restored is not None and restored.kept is not None:
        print(f"The hub file that was replaced is kept as {restored.kept}.")
    lost = restored.rolled_back if restored is not None else None
    if lost is not None and not lost.nothing:
        print(f"Rolled back by this restore (the replaced hub held it, the backup does not): {lost.bundles} laptop "
              f"bundle(s), which the laptops will send again; {lost.office_actions} office action(s) of its audit "
              "trail (edits and conflict decisions made at the office must be made again)"
              + (f"; laptops enrolled after the backup, to enroll again: {', '.join(lost.laptops)}" if lost.laptops
                 else "") + ".")
    elif lost is not None:
        print("The backup holds everything the replaced hub held: nothing was rolled back.")
    if restored is not None and restored.revoked_again:
        print("Kept revoked, as in the hub that was replaced (the backup still trusted them): "
              + ", ".join(restored.revoked_again) + ".")
    if restored is None or restored.replaced_unread:
        print(("The hub that was replaced did not open, so what it revoked could not be carried over. "
               if restored is not None else "") + REVOKE_AGAIN_HINT)
    print(f"Hub restored. {len(result.laptops)} laptop(s) will be asked, in their next return bundle, to send "
          "again every change the office does not hold: " + (", ".join(result.laptops) or "none enrolled") + ".")
    return 0


def cmd_central_edit(args: argparse.Namespace) -> int:
    from iep_desktop.central.conflicts import check_editable
    from iep_desktop.central.lookup import resolve_record_id
    from iep_desktop.central.tables import HUB_RECORDS as RECORD_KINDS

    if bool(args.participant) == bool(args.record):
        raise InvalidInput("Say what to edit: --participant ID, or --record KIND:ID (for example goal:1a2b3c4d, as "
                           "'iep central conflicts' names it); nothing was changed.")
    kind, _, typed = (("participant", ":", args.participant) if args.participant
                      else str(args.record).partition(":"))
    kind = kind.strip().replace(" ", "_")
    if kind in RECORD_KINDS:
        check_editable(kind)
    values = _field_values(args)
    with open_hub(args) as hub:
        record_id = resolve_record_id(hub.ctx, kind, typed)
        hub.update_record(kind, record_id, values, actor(args))
    print(f"{kind.replace('_', ' ').capitalize()} {record_id[:8]} edited at the office; laptops that share its "
          "participant get the change in their next return bundle.")
    return 0


def _field_values(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in args.set or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InvalidInput(f"Write each change as FIELD=VALUE (got {item!r}); nothing was changed.")
        values[name.strip()] = value if value != "" else None
    if not values:
        raise InvalidInput("Say what to change with --set FIELD=VALUE; nothing was changed.")
    return values


def cmd_central_participants(args: argparse.Namespace) -> int:
    from iep_desktop.central.lookup import find_participants

    with open_hub(args) as hub:
        found = find_participants(hub.ctx, args.search or "", limit=args.limit)
    return _print_participants(found, args.json)


def cmd_central_plan(args: argparse.Namespace) -> int:
    from iep_desktop.central.lookup import office_plan

    with open_hub(args) as hub:
        view = office_plan(hub.ctx, args.participant_id)
    if args.json:
        emit_json(view.snapshot.model_dump(mode="json", exclude={"counseling_statements", "case_notes"})
                  | {"laptops": view.laptops})
        return 0
    _print_plan(view.snapshot)
    print(f"  Laptops receiving this participant: {', '.join(view.laptops) or 'none'}")
    return 0


def cmd_central_refused(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        items = hub.refused_changes()
    if args.json:
        emit_json(items)
        return 0
    for r in items:
        print(f"#{r['id']} from {r['device'] or r['device_id'][:8]}: {r['record_kind']} {r['record_id'][:8]} — {r['reason']}")
    print(f"{len(items)} refused change(s)", file=sys.stderr)
    return 0


def cmd_central_return(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        path, records = hub.make_return(args.device, Path(args.out), actor(args))
    print(f"Wrote {path} for {args.device} ({records} records).")
    return 0


def cmd_central_share(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        participant = hub.share(args.device, args.participant, actor(args))
    print(f"{args.device} will receive participant {participant[:8]} in its next return bundle.")
    return 0


def cmd_central_publish_profile(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        from iep_desktop.central.profiles import published

        profile_id = hub.publish_profile(Path(args.profile), actor(args))
        version = next(p["version"] for p in published(hub.ctx) if p["id"] == profile_id)
    print(f"Board profile {profile_id} version {version} published; every laptop gets it with its next return "
          "bundle ('iep central status' shows which laptops have taken it in).")
    return 0


def cmd_central_status(args: argparse.Namespace) -> int:
    from iep_desktop.central.status import device_overview

    from iep_desktop.central.profiles import published

    from iep_desktop.central.office import database_protection

    with open_hub(args) as hub:
        status = hub.status()
        laptops = device_overview(hub.ctx)
        profiles = published(hub.ctx)
    database = database_protection(configured_hub_url(args))
    if args.json:
        emit_json(status | {"laptops": laptops, "profiles": profiles, "hub_database": database})
        return 0
    print("hub database: " + ("the embedded file, encrypted with the office key" if database["encrypted_by_app"]
                              else f"{database['where']}, NOT encrypted by IEP Desktop (see the warning below)"))
    for key, value in status.items():
        if key != "devices":
            print(f"{key.replace('_', ' ')}: {value}")
    for d in laptops:
        line = f"  laptop {d['name']}: enrolled {_when(d['enrolled_at'])}, "
        line += (f"last bundle {d['last_bundle']} ({_when(d['last_bundle_at'])})" if d["registered"]
                 else "not yet heard from")
        if d["missing_bundles"]:
            line += f"; bundles never received: {', '.join(map(str, d['missing_bundles']))}"
        if d["open_conflicts"]:
            line += f"; {d['open_conflicts']} open conflict(s)"
        if d["resend_requested"]:
            line += "; asked to send its changes again (the hub was restored)"
        print(line)
    for p in profiles:
        print(f"  board profile {p['id']} version {p['version']}, published {_when(p['published_at'])} by "
              f"{p['published_by']}: taken in by {', '.join(p['laptops_with_it']) or 'no laptop yet'}"
              + (f"; not yet by {', '.join(p['laptops_without_it'])}" if p["laptops_without_it"] else ""))
    _warn_plain_database(args)
    return 0


def cmd_central_upgrade(args: argparse.Namespace) -> int:
    with open_hub(args, upgrade=False) as hub:
        before, after = hub.upgrade_schema()
    if before == after:
        print(f"The hub database is at schema {after}, this app's; nothing to do.")
    else:
        print(f"Upgraded the hub database from schema {before or 'before migrations'} to {after}.")
    return 0


def cmd_central_pirl(args: argparse.Namespace) -> int:
    from iep_desktop.central.pirl import OTHER_BOARD, OTHER_STATE, OUTSIDE_PERIOD, REASONS, PirlFilter, write_pirl

    wanted = PirlFilter(board=args.board, state=args.state.strip().upper() if args.state else None,
                        start=_us_date(args.from_date, "--from"), end=_us_date(args.to_date, "--to"))
    who = actor(args)
    with open_hub(args) as hub:
        result = write_pirl(hub, Path(args.out), wanted, who)
    print(f"Wrote {result.path}: {result.rows} participant(s), PIRL elements {', '.join(result.elements)}.")
    print(f"Crosswalk from element 100 to the office's participant id and name: {result.crosswalk} (readable by "
          "you alone; keep it at the office, never send it with the CSV).")
    print(f"Left out: {len(result.left_out)} participant(s).")
    period = f"{args.from_date or 'the start'} to {args.to_date or 'today'}"
    told = {OTHER_BOARD: f"on another board than {wanted.board}", OTHER_STATE: f"on a board outside {wanted.state}",
            OUTSIDE_PERIOD: f"participation outside {period}"}
    for reason in REASONS:
        these = [p for p in result.left_out if p.reason == reason]
        if not these:
            continue
        print(f"  {len(these)}: {told.get(reason, reason)}")
        for person in these[:PIRL_NAMES_SHOWN]:
            print(f"      {person.name} ({person.participant_id[:8]})")
        if len(these) > PIRL_NAMES_SHOWN:
            print(f"      ... and {len(these) - PIRL_NAMES_SHOWN} more")
    return 0


PIRL_NAMES_SHOWN = 20


def _us_date(text: str | None, option: str) -> date | None:
    """A date typed MM/DD/YYYY, as everywhere in the app."""
    from datetime import datetime

    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), "%m/%d/%Y").date()
    except ValueError:
        raise InvalidInput(f"{option} takes a date as MM/DD/YYYY (for example 07/01/2026); nothing was written.") \
            from None


# -- the parser -------------------------------------------------------------------------------

def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, help="the store file (its key file sits beside it as FILE.keys)")
    p.add_argument("--passphrase-file", help="read the passphrase from this file (else $IEP_PASSPHRASE, else a prompt)")
    p.add_argument("--actor", help="who is acting, for the audit trail (default: your login name)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="iep", description="IEP Desktop: encrypted Individual Employment Plans.")
    parser.add_argument("--version", action="version", version=f"iep {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_: str, db: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        if db:
            _db(p)
        p.set_defaults(handler=handler)
        return p

    p = command("init", cmd_init, "create a new encrypted store")
    p.add_argument("--recovery-key", help="the office recovery public key file")
    p = command("demo", cmd_demo, "create or fill a store with synthetic participants and plans")
    p.add_argument("--participants", type=int, default=60)
    p.add_argument("--seed", type=int, default=1)
    command("verify", cmd_verify, "check integrity, cipher integrity and the audit chain")
    p = command("passwd", cmd_passwd, "change the passphrase (the data key is re-wrapped)")
    p.add_argument("--new-passphrase-file", help="else $IEP_NEW_PASSPHRASE, else a prompt")
    p = command("recover", cmd_recover, "set a new passphrase using the office recovery key", db=False)
    p.add_argument("--db", required=True)
    p.add_argument("--office-key", required=True,
                   help="the office recovery PRIVATE key: the central office's office-recovery-key.json, or "
                        "office.pem of 'iep office-recovery-key'")
    p.add_argument("--recovery-passphrase-file", help="for office-recovery-key.json: its recovery passphrase "
                   "(else $IEP_RECOVERY_PASSPHRASE, else a prompt)")
    p.add_argument("--office-passphrase-file", help="for office.pem: its passphrase (else $IEP_OFFICE_PASSPHRASE, "
                   "else a prompt)")
    p.add_argument("--new-passphrase-file", help="else $IEP_NEW_PASSPHRASE, else a prompt")
    p = command("office-recovery-key", cmd_recovery_keygen, "create an office recovery key pair", db=False)
    p.add_argument("--private", required=True)
    p.add_argument("--public", required=True)
    p.add_argument("--office-passphrase-file", help="else $IEP_OFFICE_PASSPHRASE, else a prompt")
    p = command("set-recovery-key", cmd_set_recovery_key, "let the office recovery key open this store")
    p.add_argument("public", help="the office recovery public key file")
    p = command("participants", cmd_participants, "list or search participants")
    p.add_argument("--search", help="name, id, date of birth (MM/DD/YYYY) or SSN last 4")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p = command("plan", cmd_plan, "show a participant's current plan")
    p.add_argument("participant_id")
    p.add_argument("--json", action="store_true")
    p.add_argument("--confidential", action="store_true", help="include counseling statements (R-A2)")
    p = command("sign-status", cmd_sign_status, "show whether the plan is draft, awaiting signature or signed")
    p.add_argument("--participant", required=True)
    p = command("pdf", cmd_pdf, "print a plan version (default: the latest) to a PDF file")
    p.add_argument("--participant", required=True)
    p.add_argument("--version", type=int, help="the plan version number (see sign-status)")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--copy", choices=["office", "participant"], default="office")
    p.add_argument("--language", choices=["en", "es"], help="the language of the printed words (default: the "
                   "participant's preferred language for the participant copy, English for the office copy)")
    p = command("enroll", cmd_enroll, "enroll this laptop's store with the office")
    p.add_argument("enrollment_file")
    p.add_argument("--office-fingerprint", help="from office IT, not from the file (else $IEP_OFFICE_FINGERPRINT, "
                                                 "else a prompt)")
    p = command("export", cmd_export, "write a sync bundle for the office")
    p.add_argument("--out", required=True, help="the folder (for example a USB stick)")
    p = command("import-return", cmd_import_return, "take in a return bundle from the office")
    p.add_argument("bundle", help="the return bundle file, or a folder (the USB stick): this laptop's return "
                   "bundles in it are taken in, oldest first")
    _central(sub)
    p = command("edit", cmd_edit, "change fields of a participant (audited, sent to the office like any edit)")
    p.add_argument("--participant", required=True, help="the participant id (its first 8 characters will do)")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE", help="a field and its new value (repeat; "
                   "an empty VALUE clears the field)")
    _profile(sub)
    p = command("rules", cmd_rules, "check a participant's plan against the board's rules")
    p.add_argument("participant_id")
    p.add_argument("--json", action="store_true")
    p.add_argument("--language", choices=["en", "es"], default="en", help="the language of the messages "
                   "(the rule ids stay the same)")
    return parser


def _profile(sub: Any) -> None:
    profile = sub.add_parser("profile", help="show the board profiles and where each setting comes from",
                             description="The board profiles shipped with this app.")
    psub = profile.add_subparsers(dest="profile_command", required=True, metavar="COMMAND")
    p = psub.add_parser("show", help="every setting of a board profile, with its source",
                        description="Every setting of a board profile, with its source: the board's "
                                    "document and section, or 'default of this app'.")
    p.add_argument("board", nargs="?", default="default", help="the profile id (see 'iep profile list')")
    p.add_argument("--file", help="show this profile file instead of a shipped profile")
    p.add_argument("--db", help="show the version this store uses (the office's, if it published one), and "
                                "where it came from")
    p.add_argument("--passphrase-file", help="with --db: the passphrase (else $IEP_PASSPHRASE, else a prompt)")
    p.add_argument("--actor", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_profile_show)
    p = psub.add_parser("list", help="the installed board profiles", description="The installed board profiles.")
    p.set_defaults(handler=cmd_profile_list)


def _central(sub: Any) -> None:
    central = sub.add_parser("central", help="the central office hub", description="The central office hub.")
    csub = central.add_subparsers(dest="central_command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = csub.add_parser(name, help=help_, description=help_)
        p.add_argument("--url", help="SQLAlchemy database URL without a password (default: $IEP_HUB_URL, else "
                       "the URL 'init' remembered in the office folder, else the encrypted embedded database)")
        p.add_argument("--db-password-file", help="the database password for the URL (else $IEP_HUB_DB_PASSWORD)")
        p.add_argument("--unencrypted", action="store_true",
                       help="allow a plain sqlite: --url (its file is not encrypted)")
        p.add_argument("--office-dir", help="where the office keys live (default: $IEP_OFFICE_DIR or the user data folder)")
        p.add_argument("--office-passphrase-file", help="else $IEP_OFFICE_PASSPHRASE, else a prompt")
        p.add_argument("--actor", help=f"who is acting, for the audit trail (default: your login name, "
                       f"{getpass.getuser()!r})")
        p.set_defaults(handler=handler)
        return p

    p = command("init", cmd_central_init, "set up the office: key set, hub database and the recovery key file")
    p.add_argument("--recovery-passphrase-file", help="the recovery key file's own passphrase (else "
                   "$IEP_RECOVERY_PASSPHRASE, else a prompt); not the office passphrase")
    p.add_argument("--recovery-out", metavar="FILE", help="where to write the recovery key file (default: "
                   "office-recovery-key.json in the office folder; move it offline)")
    p = command("split-recovery-key", cmd_central_split_recovery_key, "move the recovery key of an office set up "
                "before it had its own file out of office-keys.json")
    p.add_argument("--recovery-passphrase-file", help="the new recovery passphrase (else $IEP_RECOVERY_PASSPHRASE, "
                   "else a prompt); not the office passphrase")
    p.add_argument("--recovery-out", metavar="FILE", help="where to write it (default: office-recovery-key.json "
                   "in the office folder; move it offline)")
    p = command("enroll", cmd_central_enroll, "make an enrollment file for a laptop")
    p.add_argument("--device", required=True)
    p.add_argument("--out", required=True, metavar="FILE", help="the enrollment file to write: a new name, outside "
                   "the office folder (an existing file is never written over)")
    p.add_argument("--valid-days", type=int, default=14, help="days the enrollment file is good for (default 14)")
    p.add_argument("--replace", action="store_true", help="the laptop was reinstalled or replaced: revoke its old "
                   "keys and enroll it again under its name")
    p = command("devices", cmd_central_devices, "list laptops: state, key fingerprint, enrollment date, last "
                "bundle, bundles never received and what waits at the office")
    p.add_argument("--json", action="store_true")
    p = command("revoke", cmd_central_revoke, "stop a lost laptop: its bundles are refused, no more returns")
    p.add_argument("--device", required=True)
    p = command("ingest", cmd_central_ingest, "verify and apply laptop bundles")
    p.add_argument("bundles", nargs="+", help="bundle files, or folders (a USB stick) searched for iep-export-*.iepb")
    p = command("conflicts", cmd_central_conflicts, "list open conflicts, list past decisions, resolve or reopen one")
    one = p.add_mutually_exclusive_group()  # one thing at a time: never quietly only the first of two
    one.add_argument("--resolve", type=int, metavar="ID", help="decide conflict ID (needs --keep)")
    p.add_argument("--keep", choices=["hub", "device"], help="with --resolve: the office's value (hub) or the "
                   "laptop's (device); required, there is no default")
    one.add_argument("--resolved", action="store_true", help="list past decisions, with who decided and when")
    one.add_argument("--reopen", type=int, metavar="ID", help="put a decided conflict back in the queue")
    p.add_argument("--json", action="store_true")
    p = command("quarantine", cmd_central_quarantine, "list bundles set aside with their reason, laptop and time; "
                "release or delete one")
    one = p.add_mutually_exclusive_group()
    one.add_argument("--release", type=int, metavar="ID", help="ingest quarantined bundle ID again (its cause fixed)")
    one.add_argument("--delete", type=int, metavar="ID", help="drop quarantined bundle ID and its file")
    p.add_argument("--json", action="store_true")
    p = command("backup", cmd_central_backup, "write a consistent, encrypted copy of the hub while it runs")
    p.add_argument("--out", required=True, metavar="FILE", help="the backup file to write (a new name each time)")
    p = command("restore", cmd_central_restore, "bring the hub back from a backup; laptops then send again "
                "what it lacks")
    p.add_argument("--from", dest="from_file", metavar="FILE", help="the backup file (embedded hub); without it, "
                   "only tell laptops to resend (after a PostgreSQL pg_restore)")
    p = command("edit", cmd_central_edit, "change fields of a participant or of one of its records at the "
                "office (audited, merged like any other edit)")
    p.add_argument("--participant", help="the participant id (its first 8 characters will do)")
    p.add_argument("--record", metavar="KIND:ID", help="another record instead: goal, objective, service, plan, "
                   "barrier or assessment, and its id (8 characters will do), as 'iep central conflicts' names it")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE", help="a field and its new value (repeat)")
    p = command("participants", cmd_central_participants, "list or search the office's participants")
    p.add_argument("--search", help="name, id, date of birth (MM/DD/YYYY) or SSN last 4")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p = command("plan", cmd_central_plan, "show a participant's current plan as the office holds it")
    p.add_argument("participant_id", help="the participant id (its first 8 characters will do)")
    p.add_argument("--json", action="store_true")
    p = command("refused", cmd_central_refused, "list changes laptops sent to participants they may not change")
    p.add_argument("--json", action="store_true")
    p = command("return", cmd_central_return, "write a return bundle for a laptop")
    p.add_argument("--device", required=True)
    p.add_argument("--out", required=True)
    p = command("share", cmd_central_share, "send a participant's records to another laptop")
    p.add_argument("--device", required=True)
    p.add_argument("--participant", required=True, help="the participant id (its first 8 characters will do)")
    p = command("publish-profile", cmd_central_publish_profile, "send an updated board profile to every laptop")
    p.add_argument("profile", help="the board profile JSON file")
    p = command("status", cmd_central_status, "counts of participants, plans, bundles and conflicts")
    p.add_argument("--json", action="store_true")
    command("upgrade", cmd_central_upgrade, "upgrade the hub database to this app's schema (every command "
                                            "does this on open; this one says what it did)")
    p = command("pirl", cmd_central_pirl, "write the PIRL (ETA-9172) state reporting CSV")
    p.add_argument("--out", required=True, metavar="FILE.csv", help="the CSV file to write (its crosswalk, "
                   "FILE-crosswalk.csv, is written beside it)")
    p.add_argument("--board", help="only this board's participants (a profile id, see 'iep profile list')")
    p.add_argument("--state", metavar="XX", help="only participants of boards in this state (two letters)")
    p.add_argument("--from", dest="from_date", metavar="MM/DD/YYYY", help="first day of the reporting period")
    p.add_argument("--to", dest="to_date", metavar="MM/DD/YYYY", help="last day of the reporting period")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = int(args.handler(args))
        if code == 0:
            _announce_actor(args)
        return code
    except IepError as exc:
        return _fail(exc.message, exc.exit_code)
    except BrokenPipeError:  # output piped into 'head' and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return _fail("Interrupted; nothing more was changed.", 130)
    except (OperationalError, OSError) as exc:
        problem = storage_problem(exc)
        if problem is not None:
            return _fail(problem.message, problem.exit_code)
        if isinstance(exc, OSError):
            return _fail(f"The file system refused the operation ({exc.strerror or type(exc).__name__}); "
                         "nothing was changed. Check the folder and try again.", 1)
        return _fail("The store could not be read or written (it may be in use by another program); "
                     "close other copies of the app and try again.", 4)
    except DatabaseError:
        return _fail("The store is damaged. Run 'iep verify' and restore it from a backup.", 4)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        return _fail(f"Unexpected problem ({type(exc).__name__}); nothing was changed. Please report this.", 1)


def _fail(message: str, code: int) -> int:
    print(f"iep: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
