"""Benchmarks printed by `make bench`: measured figures, never asserted by tests."""
