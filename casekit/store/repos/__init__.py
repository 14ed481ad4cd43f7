"""Repositories: the SQL of each capability, functions with a keyword-only ``session``."""
