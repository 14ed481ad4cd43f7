"""Word documents from domain objects, rendered in one sandboxed, autoescaping Jinja environment."""
