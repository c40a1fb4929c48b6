"""Shared pieces of the reliability suite: scale (fast/long), figures, child processes, guards.

The fast part runs in CI. ``IEP_LONG=1`` scales every count up (kills, copies, fuzz examples).
Figures measured by the tests are collected here and written, at the end of the session, to
``benchmarks/results/reliability-{fast,long}.json`` (git-ignored) and printed in pytest's
terminal summary, so they show up without ``-s``.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HELPERS = Path(__file__).resolve().parent / "helpers"
RESULTS = ROOT / "benchmarks" / "results"

LONG = os.environ.get("IEP_LONG", "") not in ("", "0")
MODE = "long" if LONG else "fast"


def scale(fast: int, long: int) -> int:
    """A count for this run: ``fast`` in CI, ``long`` with IEP_LONG=1."""
    return long if LONG else fast


def _run_seed() -> int:
    if os.environ.get("IEP_SEED"):
        return int(os.environ["IEP_SEED"])
    return random.SystemRandom().randrange(2**32) if LONG else 20261123


_SEED = _run_seed()


def seed() -> int:
    """Seed for the random choices of this run (kill moments, flipped bytes, positions).

    Fixed in the fast run so CI is repeatable; IEP_SEED picks another, and the long run takes a
    fresh one unless told (drawn once per run). Every figure records the seed it was measured
    with, so a failure can be replayed with IEP_SEED."""
    return _SEED


# -- figures ------------------------------------------------------------------------------------

FIGURES: dict[str, Any] = {}


def record(name: str, value: Any) -> None:
    FIGURES[name] = value


def write_figures() -> Path | None:
    if not FIGURES:
        return None
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"reliability-{MODE}.json"
    try:
        previous = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        previous = {}
    figures = {**previous.get("figures", {}), **FIGURES}
    doc = {"mode": MODE, "updated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "figures": figures}
    path.write_text(json.dumps(doc, indent=2, sort_keys=True, default=str) + "\n", "utf-8")
    return path


# -- guards -------------------------------------------------------------------------------------

class Hang(BaseException):
    """Raised by :func:`time_limit`. A BaseException, so no ``except Exception`` in the app hides it."""


@contextmanager
def time_limit(seconds: int = 5) -> Iterator[None]:
    """Fail a call that takes longer than ``seconds`` (SIGALRM; main thread only)."""
    def _expired(_signum: int, _frame: object) -> None:
        raise Hang(f"the call did not return within {seconds} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- child processes ----------------------------------------------------------------------------

def child_env(**extra: str | Path) -> dict[str, str]:
    """The environment for a child: this one, without the caller's IEP_* settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IEP_") or k == "IEP_STATE_DIR"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def iep(*args: str | Path, env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run the ``iep`` command in a child process, as a coach or office IT would."""
    return subprocess.run([sys.executable, "-m", "iep_desktop.cli", *map(str, args)], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=timeout, cwd=ROOT)


def one_clean_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command (asserting there is exactly one, no traceback)."""
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {result.stderr!r}"
    return lines[0]


@dataclass
class Round:
    """What one forked worker printed before it died, and how it died."""

    lines: list[str]
    status: int
    ready_at: float
    killed_at: float | None

    @property
    def killed(self) -> bool:
        return os.WIFSIGNALED(self.status) and os.WTERMSIG(self.status) == signal.SIGKILL

    def values(self, word: str) -> list[str]:
        return [line.split(" ", 1)[1] for line in self.lines if line.startswith(word + " ")]


@dataclass
class ForkServer:
    """helpers/crash_worker.py, running: forks one worker per round for the parent to SIGKILL.

    The worker is a real separate process (its own open files, locks and page cache state); the
    fork server only saves the ~1 s of imports per round, which is what makes 300 kills cheap.
    """

    env: dict[str, str]
    log: Path
    proc: subprocess.Popen[str] | None = None
    lines: queue.Queue[str] = field(default_factory=queue.Queue)

    def __enter__(self) -> ForkServer:
        self._stderr = self.log.open("w")
        self.proc = subprocess.Popen([sys.executable, str(HELPERS / "crash_worker.py")], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._stderr, text=True, bufsize=1,
                                     env=self.env, cwd=ROOT)
        threading.Thread(target=self._pump, daemon=True).start()
        self._next(lambda line: line == "SERVER READY", 120)
        return self

    def _pump(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("SERVER GONE")

    def _next(self, wanted: Any, timeout: float) -> tuple[str, list[str]]:
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the crash worker said nothing for {timeout} s; log: {self._log()}") from None
            if line == "SERVER GONE":
                raise AssertionError(f"the crash worker's fork server died; log: {self._log()}")
            if line.startswith("ERROR "):
                raise AssertionError(f"the crash worker failed: {line}; log: {self._log()}")
            if wanted(line):
                return line, seen
            seen.append(line)

    def _log(self) -> str:
        self._stderr.flush()
        return self.log.read_text(errors="replace")[-3000:]

    def kill_round(self, work: dict[str, Any], rng: random.Random, delay: tuple[float, float] = (0.05, 0.5)) -> Round:
        """Start a worker, let it run for a random moment after it is ready, SIGKILL it, reap it."""
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(work) + "\n")
        self.proc.stdin.flush()
        ready, early = self._next(lambda line: line.startswith(("READY ", "EXIT ")), 120)
        if ready.startswith("EXIT "):
            raise AssertionError(f"the worker ended before it was ready: {early}; log: {self._log()}")
        pid, ready_at = int(ready.split()[1]), time.monotonic()
        time.sleep(rng.uniform(*delay))
        killed_at = time.monotonic()
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            killed_at = None
        end, lines = self._next(lambda line: line.startswith(f"EXIT {pid} "), 60)
        return Round(early + lines, int(end.split()[2]), ready_at, killed_at)

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.write(json.dumps({"work": "quit"}) + "\n")
                self.proc.stdin.close()
                self.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        self._stderr.close()


# -- data ---------------------------------------------------------------------------------------

TODAY = date(2026, 11, 23)


def save_plan(uow: Any, participant_id: str | None = None, *, first: str = "Crash", last: str = "Test") -> str:
    """One unit of work's content: a participant with a plan, one goal and one objective."""
    from iep_desktop.domain.models import Goal, GoalTerm, GoalType, Objective, Participant, Plan, Program
    from iep_desktop.services import plan_items

    fields = {"id": participant_id} if participant_id else {}
    person = uow.add(Participant(first_name=first, last_name=last, program=Program.ADULT, board="default",
                                 **fields))
    plan = uow.add(Plan(participant_id=person.id, program=Program.ADULT, board="default", region="R",
                        office="O", start_date=TODAY))
    goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                                         description="Full-time welding job", established_on=TODAY,
                                         estimated_completion_on=TODAY + timedelta(days=100)))
    plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id=goal.id, title="Attend Tutoring",
                                            justification="Math refresher", established_on=TODAY,
                                            review_on=TODAY + timedelta(days=90)))
    return str(person.id)
