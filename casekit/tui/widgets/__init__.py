"""Widgets: no I/O; data arrives by method calls or messages, intent leaves as messages."""
