"""The one entry point for benchmarks: runs the chosen suites, prints a table, writes JSON.

    python -m benchmarks.run                      # every suite, full size (100,000 participants)
    python -m benchmarks.run --quick              # small and fast (about a minute)
    python -m benchmarks.run --only store --participants 20000 --json /tmp/store.json

Targets are reported (met / MISSED), never asserted; the exit status is 0 either way.
A suite is a module in benchmarks/suites with ``run(options) -> list[Result]``; register it in
SUITES below.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.common import Options, Result, format_table, log, write_json
from benchmarks.suites import pdf, store, sync, ui

Suite = Callable[[Options], list[Result]]

SUITES: dict[str, Suite] = {
    "store": store.run,
    "pdf": pdf.run,
    "sync": sync.run,
    "ui": ui.run,
    "startup": ui.run_startup,  # the ui suite's start-up and memory rows alone; not in the default run
    "search": ui.run_search,  # the ui suite's search rows alone; not in the default run
}
DEFAULT_SUITES = ["store", "pdf", "sync", "ui"]

RESULTS = Path(__file__).resolve().parent / "results"  # git-ignored
# Built stores outlive a checkout: every worktree (and main) on this machine reuses one build.
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "iep-desktop-benchmarks"
FULL_PARTICIPANTS = 100_000
QUICK_PARTICIPANTS = 5_000


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=None,
                        help=f"participants in the large store (default {FULL_PARTICIPANTS:,}; "
                             f"{QUICK_PARTICIPANTS:,} with --quick)")
    parser.add_argument("--quick", action="store_true", help="small store, fewer repetitions")
    parser.add_argument("--only", type=_suite_list, default=DEFAULT_SUITES,
                        help=f"comma-separated suites to run (of: {', '.join(SUITES)})")
    parser.add_argument("--seed", type=int, default=1, help="seed for the synthetic data (default 1)")
    parser.add_argument("--json", type=Path, default=None,
                        help="where to write the JSON results (default benchmarks/results/<suites>.json)")
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help="folder that keeps built stores between runs (default $XDG_CACHE_HOME/iep-desktop-benchmarks)")
    parser.add_argument("--no-cache", action="store_true", help="always build the large store afresh")
    return parser.parse_args(argv)


def _suite_list(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in SUITES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown suite(s) {', '.join(unknown) or '(none)'}; "
                                         f"choose from {', '.join(SUITES)}")
    return names


def options_from(args: argparse.Namespace) -> Options:
    default = QUICK_PARTICIPANTS if args.quick else FULL_PARTICIPANTS
    return Options(participants=args.participants or default, seed=args.seed, quick=args.quick,
                   cache_dir=None if args.no_cache else args.cache)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    options = options_from(args)
    results: list[Result] = []
    loads = [os.getloadavg()]
    for name in args.only:
        log(f"suite {name}")
        results += SUITES[name](options)
        loads.append(os.getloadavg())
    json_path = args.json or RESULTS / f"{'-'.join(args.only)}{'-quick' if options.quick else ''}.json"
    write_json(json_path, results, options, args.only)
    print(format_table(results))
    goals = [r for r in results if r.met is not None and "issue 17" in r.note]
    if goals:
        print("\nIssue 17 goals (figure, same-run baseline, ratio, goal, met/MISSED, 1-min load average):")
        print(format_table(goals))
    print("\nload average (1, 5, 15 min): " + "; ".join(
        f"{when} {a:.1f} {b:.1f} {c:.1f}" for when, (a, b, c) in zip(["start", *args.only], loads, strict=True)))
    print(f"\nJSON: {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
