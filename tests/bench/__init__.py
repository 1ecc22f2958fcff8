"""Tests of bench/: the parts of the benchmark scripts that write files (no browser)."""
