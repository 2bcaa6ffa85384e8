"""Benchmarks of zun's API and compute path against the raw engine."""
