"""Benchmarks for IEP Desktop: figures and ratios against baselines measured in the same run.

Run ``python -m benchmarks.run`` (see ``benchmarks/run.py``). Speed targets are reported, never
asserted: a benchmark prints what it measured and whether the target was met.
"""
