"""The law pack in force: its rules (with the firm's overrides), its summary, and the check that
lists the matters a new pack changes."""
