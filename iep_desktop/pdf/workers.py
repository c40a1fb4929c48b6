"""Plan PDFs rendered in worker processes, one per core, for printing many plans (issue 17).

Rendering is pure CPU in Python, so threads do not help; processes do. A worker gets a
``RenderJob`` (the frozen content, digest and signatures the caller already read from the
store) and sends back the PDF bytes. Workers never touch the store or the disk: the caller
writes each file whole (``atomic_write_bytes``), so stopping the workers at any moment (Cancel,
the window locking) leaves only complete files. Jobs and PDFs cross in pipes, never on disk.

A worker is a fresh interpreter (``python -m iep_desktop.pdf.workers``, or the frozen app with
``--pdf-worker``: packaging/launcher.py): forking a process that runs Qt and database threads is
not safe, and multiprocessing's "spawn" would import the app's main module (Qt and all) in every
worker. Jobs and PDFs are pickled frames on the worker's stdin and stdout; each worker imports
only the PDF code and parses the fonts once.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any, Literal

from iep_desktop.domain.models import Signature
from iep_desktop.errors import IepError
from iep_desktop.profiles.schema import BoardProfile

Copy = Literal["office", "participant"]
POLL_S = 0.05  # how often a wait for a PDF looks at the stop flag
WORKER_FLAG = "--pdf-worker"  # the frozen app's way to start as a worker (packaging/launcher.py)
_FRAME = struct.Struct("!I")  # each frame: its length, then a pickle


@dataclass(frozen=True)
class RenderJob:
    """Everything one PDF needs, read from the store beforehand (picklable)."""

    content: dict[str, Any]
    digest: str
    version_number: int | None
    signatures: tuple[Signature, ...]
    profile: BoardProfile  # the open store's profile of the plan's board (published ones included)
    copy: Copy
    draft: bool
    delivered: tuple[dict[str, Any], ...] | None = None  # services recorded since signing (R-S3)
    # What the app prints is in this language (issue 18): the participant's for their copy, the
    # office's for the office copy. Fixed when the job is made: a worker has no app language.
    language: str = "en"


def render_job(job: RenderJob) -> bytes:
    from iep_desktop.pdf.plan_pdf import render_plan_pdf

    return render_plan_pdf(job.content, digest=job.digest, version_number=job.version_number,
                           signatures=job.signatures, profile=job.profile, copy=job.copy,
                           draft=job.draft, delivered=job.delivered, language=job.language)


class RenderFailed(IepError):
    """A worker could not render a plan; the message is the app's own words, never a traceback."""


class PoolStopped(Exception):
    """The pool was stopped (Cancel) while a PDF was awaited."""


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def worker_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "iep_desktop.pdf.workers"]


# (ticket, pdf or None, message or None); ticket -1: a worker's pipe closed
_Reply = tuple[int, bytes | None, str | None]


class RenderPool:
    """``workers`` processes rendering ``RenderJob``s. ``submit`` returns a ticket, ``result``
    waits for that ticket's PDF; ``stop`` kills the workers at once (safe from any thread)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._replies: queue.Queue[_Reply] = queue.Queue()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._processes: list[subprocess.Popen[bytes]] = []
        self._busy: list[int] = []  # jobs in flight per worker
        self._owner: dict[int, int] = {}  # ticket -> worker
        self._arrived: dict[int, tuple[bytes | None, str | None]] = {}
        self._next = 0
        for index in range(self.workers):
            process = subprocess.Popen(worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            self._processes.append(process)
            self._busy.append(0)
            assert process.stdout is not None
            threading.Thread(target=self._read, args=(process.stdout,), daemon=True,
                             name=f"iep-pdf-reader-{index}").start()

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._processes]

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def submit(self, job: RenderJob) -> int:
        """Queue ``job`` on the least busy worker; its ticket for ``result``."""
        if self.stopped:
            raise PoolStopped()
        ticket = self._next
        self._next += 1
        worker = min(range(self.workers), key=lambda w: self._busy[w])
        try:
            _write_frame(self._processes[worker].stdin, (ticket, job))
        except (OSError, ValueError):  # the pipe was closed by stop() just now
            if self.stopped:
                raise PoolStopped() from None
            raise RuntimeError("a PDF worker process stopped unexpectedly") from None
        self._busy[worker] += 1
        self._owner[ticket] = worker
        return ticket

    def result(self, ticket: int, should_stop: Callable[[], bool] = lambda: False) -> bytes:
        """The PDF of ``ticket``. Raises PoolStopped once ``stop`` was called (or ``should_stop``
        says so: the pool is stopped then), RenderFailed when the plan could not be rendered,
        RuntimeError when a worker died."""
        while ticket not in self._arrived:
            if should_stop():
                self.stop()
            if self.stopped:
                raise PoolStopped()
            try:
                got, data, error = self._replies.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if got < 0:
                if self.stopped:
                    raise PoolStopped()
                raise RuntimeError("a PDF worker process stopped unexpectedly")
            self._arrived[got] = (data, error)
            self._busy[self._owner.pop(got)] -= 1
        data, error = self._arrived.pop(ticket)
        if data is None:
            raise RenderFailed(error or "This plan could not be printed.")
        return data

    def stop(self) -> None:
        """Kill the workers now: a PDF being rendered is dropped, never half-written anywhere."""
        with self._lock:
            if self._stopped.is_set():
                return
            self._stopped.set()
            for process in self._processes:
                if process.poll() is None:
                    process.kill()
            for process in self._processes:
                process.wait()
                for pipe in (process.stdin, process.stdout):
                    if pipe is not None:
                        try:
                            pipe.close()
                        except OSError:
                            pass

    def close(self) -> None:
        """Let the workers finish and exit (every result read), then make sure they are gone."""
        if not self.stopped:
            for process in self._processes:
                try:
                    if process.stdin is not None:
                        process.stdin.close()  # end of jobs: the worker exits
                except OSError:
                    pass
            for process in self._processes:
                try:
                    process.wait(2)
                except subprocess.TimeoutExpired:
                    pass
        self.stop()

    def _read(self, pipe: IO[bytes]) -> None:
        """One worker's replies, onto the shared queue (a reader thread per worker)."""
        while True:
            try:
                reply = _read_frame(pipe)
            except (OSError, ValueError, EOFError, pickle.UnpicklingError):
                reply = None
            if reply is None:
                self._replies.put((-1, None, None))
                return
            self._replies.put(reply)


@contextmanager
def render_pool(workers: int | None = None) -> Iterator[RenderPool]:
    pool = RenderPool(workers)
    try:
        yield pool
    finally:
        pool.close()


def _write_frame(pipe: IO[bytes] | None, value: object) -> None:
    if pipe is None:
        raise ValueError("no pipe")
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_FRAME.pack(len(data)) + data)
    pipe.flush()


def _read_frame(pipe: IO[bytes]) -> Any:
    """The next pickled frame, or None at the end of the pipe."""
    head = pipe.read(_FRAME.size)
    if len(head) < _FRAME.size:
        return None
    (size,) = _FRAME.unpack(head)
    data = pipe.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)  # frames from our own parent (or worker) process, over a private pipe


def serve(inbox: IO[bytes], outbox: IO[bytes]) -> int:
    """A worker's loop: render each job from ``inbox`` until it closes."""
    from iep_desktop.pdf.document import warm_up

    warm_up()  # parse the fonts while the first job is being read from the store
    while True:
        item = _read_frame(inbox)
        if item is None:
            return 0
        ticket, job = item
        reply: _Reply
        try:
            reply = (ticket, render_job(job), None)
        except IepError as exc:
            reply = (ticket, None, exc.message)
        except Exception:  # noqa: BLE001 - a message may hold participant data: say only that it failed
            reply = (ticket, None, None)
        _write_frame(outbox, reply)


def main() -> int:
    # The pipes carry pickles: nothing else may write to stdout (a print would corrupt a frame).
    outbox = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    return serve(sys.stdin.buffer, outbox)


if __name__ == "__main__":
    sys.exit(main())
