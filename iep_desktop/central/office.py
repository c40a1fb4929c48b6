"""Office set-up: the office key set, the hub database (made or upgraded), published profiles."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, insert, inspect, make_url, select
from sqlalchemy.exc import DBAPIError, NoSuchModuleError, OperationalError

from iep_desktop.central import schema
from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import hub_meta, published_profiles
from iep_desktop.clock import Clock, SystemClock
from iep_desktop.crypto.office_keys import PUBLIC_FORMAT
from iep_desktop.crypto.sealed import b64e, key_id
from iep_desktop.errors import (
    HubDatabaseLogin,
    HubDatabaseMissing,
    HubDriverMissing,
    HubUnreachable,
    InvalidInput,
    NotAStore,
    NotFound,
)
from iep_desktop.fsutil import atomic_write_bytes, private_dir
from iep_desktop.store import migrate
from iep_desktop.store.engine import create_private, make_engine
from iep_desktop.store.keys import check_passphrase_strength
from iep_desktop.sync.identity import OfficeKeys, raw_public, read_recovery_key_file, write_recovery_key_file

KEYS_FILE = "office-keys.json"
DB_FILE = "hub.iephub"
RECOVERY_PUBLIC_FILE = "office-recovery-public.json"
RECOVERY_KEY_FILE = "office-recovery-key.json"  # the recovery PRIVATE key, own passphrase; move it offline


def default_office_dir() -> Path:
    override = os.environ.get("IEP_OFFICE_DIR")
    return Path(override) if override else Path(user_data_dir("iep-desktop", appauthor=False)) / "office"


def init_office(office_dir: Path, passphrase: str, *, url: str | None = None, clock: Clock | None = None,
                kdf: Any = None, unencrypted: bool = False, recovery_passphrase: str | None = None,
                recovery_out: Path | None = None) -> HubContext:
    """A new office: its key set, and a hub database at this app's schema.

    The office recovery key goes to its own file (``recovery_out``, default
    ``office-recovery-key.json`` in the office folder) under ``recovery_passphrase``, which must
    differ from the office passphrase: no daily hub command opens it, so it can be kept offline.
    Without a recovery passphrase the office keeps no recovery key at all (the private part is
    discarded; laptops' stores then cannot be recovered) - the ``iep`` command always asks for one.

    Writes nothing unless it succeeds: the database is set up first and the key files are written
    last, and a failure removes whatever this call made, so the retry starts clean."""
    office_dir = Path(office_dir)
    check_url(url, unencrypted=unencrypted)  # before anything is made
    recovery_path = Path(recovery_out) if recovery_out else office_dir / RECOVERY_KEY_FILE
    if recovery_passphrase is not None:
        check_recovery_passphrase(recovery_passphrase, passphrase)
        if recovery_path.exists():
            raise InvalidInput(f"{recovery_path} already exists; pick another --recovery-out. Nothing was changed.")
        if recovery_path.parent != office_dir and not recovery_path.parent.is_dir():
            raise InvalidInput(f"The folder {recovery_path.parent} does not exist; pick another --recovery-out.")
    if (office_dir / KEYS_FILE).exists():
        raise InvalidInput(f"{office_dir} already holds an office key set; use it, or pick another --office-dir.")
    if not url and (office_dir / DB_FILE).exists():
        raise InvalidInput(f"{office_dir} already holds a hub database ({DB_FILE}) but no office key set; "
                           "restore office-keys.json there, or pick another --office-dir.")
    made_dir = not office_dir.exists()
    if made_dir:  # ours: the user's alone; a folder the user gave keeps the mode they chose
        office_dir.parent.mkdir(parents=True, exist_ok=True)
        private_dir(office_dir)
    made: list[Path] = [] if url else [office_dir / f"{DB_FILE}{suffix}" for suffix in ("", "-wal", "-shm")]
    keys, recovery = OfficeKeys.generate_with_recovery()
    ctx: HubContext | None = None
    try:
        ctx = HubContext(_engine(office_dir, keys, url), keys, office_dir, clock or SystemClock())
        if _office_of(ctx.engine) is not None:
            raise InvalidInput("That database already belongs to an office; give an empty database with --url.")
        schema.upgrade(ctx.engine)
        with ctx.engine.begin() as conn:
            conn.execute(insert(hub_meta), [{"key": "office_id", "value": keys.office_id},
                                             {"key": "schema", "value": migrate.head_revision()}])
        made += [office_dir / KEYS_FILE, office_dir / RECOVERY_PUBLIC_FILE]
        if recovery_passphrase is not None:
            made.append(recovery_path)
            write_recovery_key_file(recovery_path, keys.office_id, recovery, recovery_passphrase, kdf)
        del recovery  # never in the daily key set
        keys.save(office_dir / KEYS_FILE, passphrase, kdf)
        _write_recovery_public(office_dir / RECOVERY_PUBLIC_FILE, keys)
        if url:
            remember_url(office_dir, url)
    except BaseException:
        if ctx is not None:
            ctx.engine.dispose()
        for path in made:
            path.unlink(missing_ok=True)
        if made_dir:
            shutil.rmtree(office_dir, ignore_errors=True)
        raise
    return ctx


URL_FILE = "hub-url.txt"


def remember_url(office_dir: Path, url: str) -> None:
    """The hub's database URL, kept in the office folder (without its password) so later commands
    need no --url."""
    from sqlalchemy.engine import make_url

    # URL.set(password=None) leaves the password as it was; _replace really drops it.
    safe = make_url(url)._replace(password=None).render_as_string(hide_password=False)
    atomic_write_bytes(Path(office_dir) / URL_FILE, (safe + "\n").encode(), mode=0o600)


def hub_url(office_dir: Path, given: str | None) -> str | None:
    """The database URL: --url, else $IEP_HUB_URL, else the one remembered in the office folder,
    else None (the embedded hub). A password comes from $IEP_HUB_DB_PASSWORD or --db-password-file."""
    if given:
        return given
    if os.environ.get("IEP_HUB_URL"):
        return os.environ["IEP_HUB_URL"]
    remembered = Path(office_dir) / URL_FILE
    if remembered.exists():
        return remembered.read_text("utf-8").strip() or None
    return None


def open_office(office_dir: Path, passphrase: str, *, url: str | None = None, clock: Clock | None = None,
                upgrade: bool = True, unencrypted: bool = False) -> HubContext:
    """The office's keys and its hub database, upgraded in place to this app's schema.

    The database must belong to this office's key set; one written by a newer app is refused
    before anything is changed."""
    office_dir = Path(office_dir)
    check_url(url, unencrypted=unencrypted)
    if not (office_dir / KEYS_FILE).exists():
        raise NotFound(f"No office is set up in {office_dir}; run 'iep central init' first.")
    keys = OfficeKeys.load(office_dir / KEYS_FILE, passphrase, clock)  # backs off after wrong passphrases
    if not url and not (office_dir / DB_FILE).exists():
        # Never make an empty hub file by mistake (a PostgreSQL office that forgot its URL).
        raise NotFound(f"There is no hub database ({DB_FILE}) in {office_dir}. If this office's hub is on "
                       "PostgreSQL, give --url or set IEP_HUB_URL; else restore it with 'iep central restore'.")
    ctx = HubContext(_engine(office_dir, keys, url), keys, office_dir, clock or SystemClock())
    try:
        if _office_of(ctx.engine) != keys.office_id:
            raise InvalidInput("That database belongs to another office's key set; check --url and --office-dir.")
        if upgrade:
            schema.upgrade(ctx.engine)
        else:
            schema.check_not_newer(schema.revision_of(ctx.engine))
    except BaseException:
        ctx.engine.dispose()
        raise
    return ctx


def _office_of(engine: Engine) -> str | None:
    """The office a hub database belongs to, or None for an empty database."""
    if not inspect(engine).has_table(hub_meta.name):
        if inspect(engine).get_table_names():
            raise NotAStore("That database holds tables but is not an IEP office hub; give an empty database.")
        return None
    with engine.connect() as conn:
        value = conn.execute(select(hub_meta.c.value).where(hub_meta.c.key == "office_id")).scalar()
    return None if value is None else str(value)


def publish_profile(ctx: HubContext, path: Path, actor: str) -> str:
    """Send an updated board profile to every laptop with its next return bundle."""
    from iep_desktop.profiles import load_profile_file

    profile = load_profile_file(Path(path))
    with ctx.engine.begin() as conn:
        conn.execute(published_profiles.delete().where(published_profiles.c.id == profile.id))
        conn.execute(insert(published_profiles).values(id=profile.id, profile=profile.model_dump(mode="json"),
                                                       published_at=ctx.clock.now(), published_by=actor))
        ctx.audit(conn, actor, "hub.publish_profile", "board_profile", profile.id)
    return profile.id


PLAIN_DATABASE_WARNING = (
    "This hub's database ({where}) holds participants' names, dates of birth and SSN last 4 in ordinary "
    "columns: IEP Desktop encrypts only the embedded hub file. Put the database's data directory on an "
    "encrypted disk, let only the office's computer connect (pg_hba.conf, TLS), give the hub's role rights on "
    "this one database only, and encrypt its dumps (README, 'The central office hub', step 1).")


def database_protection(url: str | None) -> dict[str, Any]:
    """How the hub's database protects participants' data at rest (issue 15, item 9): the embedded
    file is encrypted by the app; any other database holds plain columns and needs IT to protect it."""
    if not url:
        return {"kind": "embedded", "encrypted_by_app": True, "warning": None}
    parsed = make_url(url)
    where = f"{parsed.get_backend_name()} {parsed.database or ''} on {parsed.host or 'this computer'}".strip()
    return {"kind": parsed.get_backend_name(), "encrypted_by_app": False,
            "where": where, "warning": PLAIN_DATABASE_WARNING.format(where=where)}


def check_url(url: str | None, *, unencrypted: bool) -> None:
    """A hub database URL the office may use: no plain SQLite file unless the office says it means it."""
    if not url:
        return
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - a bad URL must read as a message, not a traceback
        raise InvalidInput("The database URL is not usable; check --url.") from None
    if parsed.get_backend_name() == "sqlite" and not unencrypted:
        raise InvalidInput("A sqlite: URL makes a hub database that is not encrypted (names, dates of birth, SSN "
                           "last 4 in a plain file). Leave out --url for the encrypted hub file, or add "
                           "--unencrypted if the office means it. Nothing was changed.")


def _engine(office_dir: Path, keys: OfficeKeys, url: str | None) -> Engine:
    if url:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            create_private(Path(parsed.database))  # even a plain file is its owner's only
        try:
            engine = create_engine(url, hide_parameters=True, pool_pre_ping=True)
        except (ImportError, NoSuchModuleError):
            raise HubDriverMissing("The database driver for that URL is not installed (for PostgreSQL the URL "
                                   "starts postgresql+psycopg://); check --url or install the driver.") from None
        except Exception as exc:  # noqa: BLE001 - a bad URL must read as a message, not a traceback
            raise InvalidInput(f"The database URL is not usable ({type(exc).__name__}); check --url.") from None
        check_server(engine)
        return engine
    return make_engine(office_dir / DB_FILE, keys.hub_db_key)


def check_server(engine: Engine) -> None:
    """Connect once, and say plainly what is wrong: unreachable server, missing database, login."""
    try:
        with engine.connect() as conn:
            encoding = (conn.exec_driver_sql("SHOW server_encoding").scalar()
                        if engine.dialect.name == "postgresql" else "UTF8")
    except OperationalError as exc:
        engine.dispose()
        text = str(exc.orig).lower()
        if "does not exist" in text and "database" in text:
            raise HubDatabaseMissing("The database server has no database of that name; create it (createdb) "
                                     "or check the name at the end of the URL.") from None
        if "password" in text or "authentication" in text or "role" in text:
            raise HubDatabaseLogin("The database server refused the user name or password; check the URL's user "
                                   "and IEP_HUB_DB_PASSWORD or --db-password-file.") from None
        raise HubUnreachable("The database server cannot be reached (wrong host or port, server down, or a "
                             "firewall); check the URL and that the server runs.") from None
    except DBAPIError:
        engine.dispose()
        raise HubUnreachable("The database server did not accept the connection; check the URL.") from None
    except TypeError:  # a SQL_ASCII database answers in bytes: SQLAlchemy cannot read even its version
        encoding = "SQL_ASCII"
    if isinstance(encoding, bytes):  # SQL_ASCII: psycopg gives text as bytes
        encoding = encoding.decode("ascii", "replace")
    if str(encoding).upper() not in ("UTF8", "UTF-8"):
        engine.dispose()  # (SQL_ASCII stores bytes as given, so names would not read back as text either)
        # A LATIN1 database cannot hold "Nguyễn": the laptop's bundle would be set aside for good.
        raise InvalidInput(f"The hub's database uses the {encoding} encoding, which cannot hold every name (such as "
                           "Nguyễn); a hub needs a UTF8 database. Create one with 'createdb --owner iep_hub "
                           "--encoding=UTF8 --template=template0 iephub' (move an existing hub's data into it with "
                           "pg_dump and pg_restore), then run the command again. Nothing was changed.")



def check_recovery_passphrase(recovery_passphrase: str, office_passphrase: str) -> None:
    check_passphrase_strength(recovery_passphrase)
    if recovery_passphrase == office_passphrase:
        raise InvalidInput("The recovery passphrase must differ from the office passphrase: whoever runs the daily "
                           "commands must not be able to open laptop stores. Nothing was changed.")


def split_recovery_key(office_dir: Path, passphrase: str, recovery_passphrase: str,
                       recovery_out: Path | None = None, kdf: Any = None) -> Path | None:
    """Move the recovery private key of an office set up before it had its own file out of
    ``office-keys.json``: into ``recovery_out`` under its own passphrase, then rewrite the key set
    without it. Returns the new file, or None when the key set no longer held it."""
    office_dir = Path(office_dir)
    keys_path = office_dir / KEYS_FILE
    if not keys_path.exists():
        raise NotFound(f"No office is set up in {office_dir}; run 'iep central init' first.")
    keys, legacy = OfficeKeys.load_with_legacy_recovery(keys_path, passphrase)
    if legacy is None:
        return None
    check_recovery_passphrase(recovery_passphrase, passphrase)
    out = Path(recovery_out) if recovery_out else office_dir / RECOVERY_KEY_FILE
    if out.exists():
        raise InvalidInput(f"{out} already exists; pick another --recovery-out. Nothing was changed.")
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist; pick another --recovery-out.")
    write_recovery_key_file(out, keys.office_id, legacy, recovery_passphrase, kdf)
    # The new file must open before the only other copy of the key goes.
    if raw_public(read_recovery_key_file(out, recovery_passphrase).public_key()) != raw_public(keys.recovery_public):
        out.unlink(missing_ok=True)
        raise InvalidInput("The recovery key file did not read back; nothing was changed.")
    keys.save(keys_path, passphrase, kdf)
    return out


def _write_recovery_public(path: Path, keys: OfficeKeys) -> None:
    public = keys.recovery_public
    doc = {"format": PUBLIC_FORMAT, "version": 1, "key_id": key_id(public), "public": b64e(raw_public(public))}
    atomic_write_bytes(path, json.dumps(doc, indent=2).encode())  # 0600, as every file the app makes
