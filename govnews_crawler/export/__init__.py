"""Exported articles as tables for analysts."""
