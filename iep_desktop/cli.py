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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DatabaseError, OperationalError

from iep_desktop import __version__
from iep_desktop.errors import InvalidInput, IepError, StoreCorrupt
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
    return args.actor or getpass.getuser()


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
    from iep_desktop.services.recovery import office_recovery_key, recover_store

    office_key = office_recovery_key(Path(args.office_key), office_passphrase(args))
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
    rows = [{"id": p.id, "first_name": p.first_name, "last_name": p.last_name,
             "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
             "program": p.program.value, "board": p.board} for p in found]
    if args.json:
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
    plan = snapshot.plan
    print(f"{snapshot.participant.display_name} ({snapshot.participant.program.label})")
    if plan is None:
        print("No plan yet.")
        return 0
    closed = f", closed {plan.closed_date:%m/%d/%Y} ({plan.close_reason})" if plan.closed_date else ""
    print(f"{plan.plan_kind.value} started {plan.start_date:%m/%d/%Y}, {plan.status.value}{closed}, {plan.office}")
    for goal in snapshot.goals:
        print(f"  Goal [{goal.goal_type.value}, {goal.term.value}] {goal.description}{_closed_text(goal.closed_on, goal.close_reason)}")
        for objective in snapshot.objectives_of(goal.id):
            review = f" (review {objective.review_on:%m/%d/%Y})" if objective.review_on else ""
            print(f"    - {objective.title}{review}{_closed_text(objective.closed_on, objective.outcome)}")
    for service in (s for s in snapshot.services if s.plan_id == plan.id):
        print(f"  Service {service.code}: {_service_text(service)}")
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
    if args.json:
        emit_json([f.model_dump(mode="json") for f in findings])
    else:
        for f in findings:
            print(f"{f.severity.value.upper():<10} {f.message}")
        errors = sum(f.blocks for f in findings)
        print(f"{len(findings)} finding(s), {errors} error(s)", file=sys.stderr)
    return 1 if any(f.blocks for f in findings) else 0


def cmd_sign_status(args: argparse.Namespace) -> int:
    from iep_desktop.services.participants import resolve_participant_id
    from iep_desktop.services.signing import sign_status_of_participant

    with laptop_session(args) as session:
        status, versions = session.read(
            lambda uow: sign_status_of_participant(uow, resolve_participant_id(uow, args.participant)))
    for line in status.lines():
        print(line)
    for v in versions:
        print(f"  version {v.number}: {v.digest[:12]} frozen {v.created_at:%m/%d/%Y %H:%M} UTC"
              + ("" if v.needs_signature else " (no new signature needed, R-V3)"))
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
                                                 version=args.version, copy=args.copy))
    atomic_write_bytes(out, data, mode=0o600)
    print(f"Wrote {out} ({len(data) // 1024} KiB).")
    return 0


# -- sync: the laptop side ------------------------------------------------------------------

def cmd_enroll(args: argparse.Namespace) -> int:
    from iep_desktop.services.laptop_sync import enroll

    from iep_desktop.sync.identity import read_enrollment

    read_enrollment(Path(args.enrollment_file))  # a file that is no enrollment file is told before any prompt
    fingerprint = _office_fingerprint(args)
    with laptop_session(args) as session:
        enrollment = session.with_store(
            lambda store, who: enroll(store, Path(args.enrollment_file), who, fingerprint))
    print(f"Enrolled as {enrollment.device_name} with office {enrollment.office['office_id'][:8]}; "
          "the office recovery key is set.")
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
    from iep_desktop.services.laptop_sync import import_return

    with laptop_session(args) as session:
        result = session.with_store(lambda store, who: import_return(store, Path(args.bundle), who))
    if result.already_imported:
        print(f"Return bundle {result.sequence} was already imported; nothing changed.")
    else:
        print(f"Imported return bundle {result.sequence}: {result.acknowledged} changes acknowledged, "
              f"{result.conflicts} in the office's conflict queue, {result.records_updated} records updated.")
    return 0


# -- the central office hub -------------------------------------------------------------------

def _office_dir(args: argparse.Namespace) -> Path:
    from iep_desktop.central.hub import default_office_dir

    return Path(args.office_dir) if args.office_dir else default_office_dir()


def open_hub(args: argparse.Namespace, *, upgrade: bool = True) -> Any:
    from iep_desktop.central.hub import Hub

    return Hub.open(_office_dir(args), office_passphrase(args), url=args.url, upgrade=upgrade)


def cmd_central_init(args: argparse.Namespace) -> int:
    from iep_desktop.central.hub import Hub

    secret = _secret(args.office_passphrase_file, "IEP_OFFICE_PASSPHRASE", "New office passphrase: ", confirm=True)
    with Hub.init(_office_dir(args), secret, url=args.url) as hub:
        office, fingerprint = hub.keys.office_id, hub.office_fingerprint
    print(f"Office {office[:8]} set up in {_office_dir(args)}. Back up office-keys.json and keep the "
          "office passphrase safe: without them no bundle can be read.")
    print(f"Office fingerprint: {fingerprint}")
    print("Give this fingerprint to each coach in person or by phone, never with the enrollment file: "
          "'iep enroll' asks for it.")
    return 0


def cmd_central_enroll(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        device = hub.enroll_device(args.device, Path(args.out), actor(args))
    print(f"Enrollment file for {args.device} (device {device[:8]}) written to {args.out}. "
          "Give it to the laptop once; it holds a one-time secret.")
    return 0


def cmd_central_ingest(args: argparse.Namespace) -> int:
    quarantined = 0
    with open_hub(args) as hub:
        for name in args.bundles:
            try:
                data = Path(name).read_bytes()
            except OSError as exc:
                print(f"skipped: {name}: {exc.strerror}")
                quarantined += 1
                continue
            result = hub.ingest(data, actor(args))
            quarantined += result.status == "quarantined"
            print(f"{Path(name).name}: {result.line()}")
    return 1 if quarantined else 0


def cmd_central_conflicts(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        if args.resolve is not None:
            hub.resolve(args.resolve, args.keep, actor(args))
            print(f"Conflict {args.resolve} resolved: kept the {args.keep} value.")
            return 0
        items = hub.open_conflicts()
    if args.json:
        emit_json(items)
        return 0
    for c in items:
        print(f"#{c['id']} {c['record_kind']} {c['record_id'][:8]} field {c['field']}: "
              f"office {json.dumps(c['hub_value'], ensure_ascii=False)} / laptop {json.dumps(c['device_value'], ensure_ascii=False)}")
    print(f"{len(items)} open conflict(s)", file=sys.stderr)
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
        hub.share(args.device, args.participant, actor(args))
    print(f"{args.device} will receive participant {args.participant[:8]} in its next return bundle.")
    return 0


def cmd_central_publish_profile(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        profile_id = hub.publish_profile(Path(args.profile), actor(args))
    print(f"Board profile {profile_id} published; every laptop gets it with its next return bundle.")
    return 0


def cmd_central_status(args: argparse.Namespace) -> int:
    with open_hub(args) as hub:
        status = hub.status()
    if args.json:
        emit_json(status)
        return 0
    for key, value in status.items():
        if key != "devices":
            print(f"{key.replace('_', ' ')}: {value}")
    for d in status["devices"]:
        print(f"  laptop {d['name']}: last bundle {d['last_sequence']}" + ("" if d["registered"] else " (not yet heard from)"))
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
    from iep_desktop.central.pirl import write_pirl

    with open_hub(args) as hub:
        result = write_pirl(hub, Path(args.out))
    print(f"Wrote {result.path}: {result.rows} participant(s), PIRL elements {', '.join(result.elements)}.")
    return 0


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
                   help="the office recovery PRIVATE key file (office.pem), or the central office key set "
                        "(office-keys.json)")
    p.add_argument("--office-passphrase-file", help="else $IEP_OFFICE_PASSPHRASE, else a prompt")
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
    p = command("enroll", cmd_enroll, "enroll this laptop's store with the office")
    p.add_argument("enrollment_file")
    p.add_argument("--office-fingerprint", help="from office IT, not from the file (else $IEP_OFFICE_FINGERPRINT, "
                                                 "else a prompt)")
    p = command("export", cmd_export, "write a sync bundle for the office")
    p.add_argument("--out", required=True, help="the folder (for example a USB stick)")
    p = command("import-return", cmd_import_return, "take in a return bundle from the office")
    p.add_argument("bundle")
    _central(sub)
    p = command("rules", cmd_rules, "check a participant's plan against the board's rules")
    p.add_argument("participant_id")
    p.add_argument("--json", action="store_true")
    return parser


def _central(sub: Any) -> None:
    central = sub.add_parser("central", help="the central office hub", description="The central office hub.")
    csub = central.add_subparsers(dest="central_command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = csub.add_parser(name, help=help_, description=help_)
        p.add_argument("--url", help="SQLAlchemy database URL (default: the encrypted embedded database)")
        p.add_argument("--office-dir", help="where the office keys live (default: $IEP_OFFICE_DIR or the user data folder)")
        p.add_argument("--office-passphrase-file", help="else $IEP_OFFICE_PASSPHRASE, else a prompt")
        p.add_argument("--actor", help="who is acting, for the audit trail")
        p.set_defaults(handler=handler)
        return p

    command("init", cmd_central_init, "set up the office: key set and hub database")
    p = command("enroll", cmd_central_enroll, "make an enrollment file for a laptop")
    p.add_argument("--device", required=True)
    p.add_argument("--out", required=True)
    p = command("ingest", cmd_central_ingest, "verify and apply laptop bundles")
    p.add_argument("bundles", nargs="+")
    p = command("conflicts", cmd_central_conflicts, "list conflicts, or resolve one")
    p.add_argument("--resolve", type=int, metavar="ID")
    p.add_argument("--keep", choices=["hub", "device"], default="hub")
    p.add_argument("--json", action="store_true")
    p = command("refused", cmd_central_refused, "list changes laptops sent to participants they may not change")
    p.add_argument("--json", action="store_true")
    p = command("return", cmd_central_return, "write a return bundle for a laptop")
    p.add_argument("--device", required=True)
    p.add_argument("--out", required=True)
    p = command("share", cmd_central_share, "send a participant's records to another laptop")
    p.add_argument("--device", required=True)
    p.add_argument("--participant", required=True, help="the participant's full id")
    p = command("publish-profile", cmd_central_publish_profile, "send an updated board profile to every laptop")
    p.add_argument("profile", help="the board profile JSON file")
    p = command("status", cmd_central_status, "counts of participants, plans, bundles and conflicts")
    p.add_argument("--json", action="store_true")
    command("upgrade", cmd_central_upgrade, "upgrade the hub database to this app's schema (every command "
                                            "does this on open; this one says what it did)")
    p = command("pirl", cmd_central_pirl, "write the PIRL (ETA-9172) state reporting CSV")
    p.add_argument("--out", required=True, metavar="FILE.csv", help="the CSV file to write")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
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
