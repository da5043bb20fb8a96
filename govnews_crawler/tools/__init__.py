"""Maintenance commands that regenerate the package's data files."""
