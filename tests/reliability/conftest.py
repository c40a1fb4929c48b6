"""The reliability suite: crash, full disk, tamper, leak, hostile input and guessing figures.

``python -m pytest tests/reliability`` is the fast part (CI). ``IEP_LONG=1`` runs the long
version of every test (many more kills, copies and fuzz examples). The figures each test
measures are printed at the end of the run and written to
``benchmarks/results/reliability-{fast,long}.json``; docs/promises.md quotes them.
"""

from __future__ import annotations

import pytest

from tests.reliability._support import FIGURES, MODE, write_figures


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    write_figures()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> None:
    if not FIGURES:
        return
    terminalreporter.section(f"reliability figures ({MODE} run)")
    for name in sorted(FIGURES):
        terminalreporter.write_line(f"{name}: {FIGURES[name]}")
