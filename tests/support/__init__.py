"""Helpers shared by the test suites (importable because pytest adds `tests/` to sys.path)."""
