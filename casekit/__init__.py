"""casekit: case management for Connecticut Trust Act (C.G.S. § 54-192h) litigation.

The package is layered (see README and DESIGN): ``domain`` (pure rules), ``store`` (tables,
migrations), ``docgen`` (Word documents), ``services`` (use cases in one transaction each),
``tui`` (Textual) and ``cli`` (typer). Importing ``casekit`` itself is cheap and pulls in none
of the heavy libraries.
"""

__version__ = "0.1.0"
