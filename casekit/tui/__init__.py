"""The Textual terminal UI. Talks to casekit.services only, always from worker threads."""
