"""Benchmarks: a deterministic large-scale seed (seed.py) and the measurements (run.py)."""
