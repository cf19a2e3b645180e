"""Operator tools behind the CLI: backups and restores of the whole database."""
