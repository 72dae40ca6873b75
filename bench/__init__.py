"""Benchmarks: a data generator and the measurements (python -m bench.run)."""
