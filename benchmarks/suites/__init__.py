"""Benchmark suites. Each module exports ``run(options) -> list[Result]``; run.py registers it."""
