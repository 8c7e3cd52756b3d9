"""Shared helpers for the test suite (paths to real inputs, small builders)."""
