"""A throwaway PostgreSQL server for the central hub's tests.

``PgServer.start()`` finds the server binaries, runs ``initdb`` into a new temporary folder,
starts ``postgres`` on a free TCP port bound to 127.0.0.1 only (its Unix socket lives in the
same folder, so nothing under /var/run is needed), waits until it answers, and creates the
database ``iep_test``. ``stop()`` shuts it down and removes the folder.

Trust authentication is safe here: the server listens on the loopback address and a socket in
a folder only its owner can enter, and it lives only as long as the test session. fsync is off
because nothing in it has to survive a crash.

PostgreSQL refuses to run as root. When the tests run as root (CI containers), the folder is
given to the ``postgres`` OS user (which the Debian ``postgresql`` package creates) and initdb
and pg_ctl run as that user. The tests themselves connect over TCP, so they need no
permission on the folder.

No pytest here: failures raise ``PgServerError`` with a message that says what is missing; the
fixtures in tests/pg_fixtures.py turn that into a failed test.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

OS_USER = "postgres"  # the OS user the server runs as when the tests run as root
DB_USER = "postgres"  # the database superuser initdb makes
DATABASE = "iep_test"
READY_TIMEOUT = 30.0
SETUP_HINT = (
    "Install the PostgreSQL server package (Debian/Ubuntu: `postgresql`); `.ci/setup` installs it."
)
_SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
_SERVER_SETTINGS = """
# tests/pgserver.py: a throwaway test server
listen_addresses = '127.0.0.1'
unix_socket_directories = '{socket_dir}'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
logging_collector = off
"""


class PgServerError(RuntimeError):
    """The test server could not be found, made, or started. The message says why."""


@dataclass(frozen=True)
class PgBinaries:
    bindir: Path
    version: tuple[int, ...]

    def __getitem__(self, program: str) -> str:
        return str(self.bindir / program)


def _version_of(bindir: Path) -> tuple[int, ...] | None:
    """The server version in ``bindir`` ("initdb (PostgreSQL) 15.8" -> (15, 8)), or None if
    the folder lacks any of the server programs or they do not run."""
    if not all(os.access(bindir / program, os.X_OK) for program in _SERVER_PROGRAMS):
        return None
    try:
        out = subprocess.run(
            [str(bindir / "initdb"), "--version"], capture_output=True, text=True, timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"(\d+)(?:\.(\d+))?", out)
    if not found:
        return None
    return tuple(int(part) for part in found.groups() if part is not None)


def candidate_bindirs() -> list[Path]:
    """Where the server binaries may be: $IEP_PG_BINDIR, `pg_config --bindir` from PATH,
    Debian's /usr/lib/postgresql/*/bin, and the folder of an initdb on PATH."""
    found: list[Path] = []
    if os.environ.get("IEP_PG_BINDIR"):
        found.append(Path(os.environ["IEP_PG_BINDIR"]))
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            found.append(Path(out))
    found.extend(Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin"))
    initdb = shutil.which("initdb")
    if initdb:
        found.append(Path(initdb).resolve().parent)
    unique: list[Path] = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique


def find_binaries() -> PgBinaries:
    """The newest complete set of server binaries; $IEP_PG_BINDIR wins when it is set."""
    looked = candidate_bindirs()
    usable = [(version, path) for path in looked if (version := _version_of(path)) is not None]
    if not usable:
        where = ", ".join(str(p) for p in looked) or "nowhere (no pg_config on PATH, no /usr/lib/postgresql/*/bin)"
        raise PgServerError(
            f"PostgreSQL server binaries ({', '.join(_SERVER_PROGRAMS)}) not found; looked in: "
            f"{where}. {SETUP_HINT}"
        )
    override = os.environ.get("IEP_PG_BINDIR")
    if override:
        for version, path in usable:
            if path == Path(override):
                return PgBinaries(path, version)
    version, path = max(usable, key=lambda item: item[0])
    return PgBinaries(path, version)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clean_env(home: Path) -> dict[str, str]:
    """The environment for initdb/pg_ctl: no PG* variables that could redirect them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["HOME"] = str(home)
    env["LC_ALL"] = "C"
    env.pop("LANG", None)
    return env


def _world_traversable(folder: Path) -> bool:
    folder = folder.resolve()
    return all(os.stat(p).st_mode & 0o001 for p in (folder, *folder.parents))


@dataclass
class PgServer:
    binaries: PgBinaries
    root: Path
    port: int = 0
    _as_user: str | None = None
    _running: bool = False
    _log: Path = field(init=False)

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def admin_conninfo(self) -> str:
        return f"host=127.0.0.1 port={self.port} user={DB_USER} dbname=postgres connect_timeout=5"

    def url(self, database: str = DATABASE) -> str:
        return f"postgresql+psycopg://{DB_USER}@127.0.0.1:{self.port}/{database}"

    # -- starting and stopping -------------------------------------------------------------

    @classmethod
    def start(cls, binaries: PgBinaries | None = None) -> PgServer:
        """Make and start a server; raises PgServerError (with the server's own words) when
        it cannot. The folder is removed again on failure."""
        binaries = binaries or find_binaries()
        as_user = None
        if os.geteuid() == 0:
            as_user = OS_USER
            try:
                account = pwd.getpwnam(OS_USER)
            except KeyError:
                raise PgServerError(
                    f"The tests run as root and PostgreSQL refuses to; there is no `{OS_USER}` "
                    f"OS user to run it as. {SETUP_HINT} (the package creates that user)"
                ) from None
            base = tempfile.gettempdir()
            if not _world_traversable(Path(base)):
                base = "/tmp"
            root = Path(tempfile.mkdtemp(prefix="iep-pg-", dir=base))
            os.chown(root, account.pw_uid, account.pw_gid)
        else:
            root = Path(tempfile.mkdtemp(prefix="iep-pg-"))
        server = cls(binaries=binaries, root=root, _as_user=as_user)
        server._log = root / "server.log"
        try:
            server._initdb()
            server._start_on_free_port()
            server._wait_ready()
            server.create_database(DATABASE)
        except BaseException:
            server.stop()
            raise
        atexit.register(server.stop)  # if the session ends without the fixture's teardown
        return server

    def _run(self, args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self._as_user:
            kwargs.update(user=self._as_user, group=pwd.getpwnam(self._as_user).pw_gid, extra_groups=[])
        return subprocess.run(
            args, capture_output=True, text=True, timeout=timeout, cwd=self.root,
            env=_clean_env(self.root), stdin=subprocess.DEVNULL, **kwargs,  # type: ignore[arg-type]
        )

    def _initdb(self) -> None:
        args = [
            self.binaries["initdb"], "-D", str(self.datadir), "-U", DB_USER, "-A", "trust",
            "-E", "UTF8", "--no-locale", "--no-sync",
        ]
        try:
            done = self._run(args, timeout=120)
        except (OSError, subprocess.SubprocessError) as exc:
            raise PgServerError(f"initdb could not run ({exc}). {SETUP_HINT}") from exc
        if done.returncode != 0:
            raise PgServerError(
                f"initdb failed (exit {done.returncode}) making {self.datadir}:\n"
                f"{(done.stderr or done.stdout).strip()}\n{SETUP_HINT}"
            )
        with open(self.datadir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(_SERVER_SETTINGS.format(socket_dir=self.root))

    def _start_on_free_port(self, attempts: int = 3) -> None:
        # Another process may take the free port between our look and the server's bind: retry.
        last = ""
        for _ in range(attempts):
            self.port = free_port()
            args = [
                self.binaries["pg_ctl"], "start", "-D", str(self.datadir), "-l", str(self._log),
                "-w", "-t", str(int(READY_TIMEOUT)), "-o", f"-p {self.port}",
            ]
            try:
                done = self._run(args, timeout=READY_TIMEOUT + 15)
            except (OSError, subprocess.SubprocessError) as exc:
                raise PgServerError(f"pg_ctl start could not run ({exc}). {SETUP_HINT}") from exc
            if done.returncode == 0:
                self._running = True
                return
            last = f"{(done.stderr or done.stdout).strip()}\n{self.log_tail()}"
            self._pg_ctl_stop()  # in case it half-started
        raise PgServerError(f"PostgreSQL did not start (pg_ctl start failed {attempts} times):\n{last}")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            try:
                with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
                    conn.execute("select 1")
                return
            except psycopg.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise PgServerError(
                        f"PostgreSQL on 127.0.0.1:{self.port} did not answer within "
                        f"{READY_TIMEOUT:.0f} s: {exc}\n{self.log_tail()}"
                    ) from exc
                time.sleep(0.1)

    def _pg_ctl_stop(self) -> None:
        if not self.datadir.joinpath("postmaster.pid").exists():
            return
        try:
            self._run([self.binaries["pg_ctl"], "stop", "-D", str(self.datadir), "-m", "fast", "-w"], timeout=60)
        except (OSError, subprocess.SubprocessError):
            pass

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder. Safe to call twice."""
        if self._running or self.datadir.exists():
            self._pg_ctl_stop()
        self._running = False
        if self.root.exists():
            shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self._log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "server log:\n" + "\n".join(text.splitlines()[-lines:])

    # -- databases -------------------------------------------------------------------------

    def create_database(self, name: str) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name)))
        return self.url(name)

    def require_password(self, role: str) -> None:
        """Make ``role`` log in with its password (SCRAM) over TCP; every other role stays on
        trust. The first matching pg_hba.conf line wins, so the new line goes on top."""
        hba = self.datadir / "pg_hba.conf"
        hba.write_text(f"host all {role} 127.0.0.1/32 scram-sha-256\n" + hba.read_text("utf-8"), "utf-8")
        with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")

    def drop_database(self, name: str) -> None:
        """Drop a database, closing any connections a test left open."""
        with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
