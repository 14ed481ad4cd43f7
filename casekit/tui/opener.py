"""Open a file with the system's default application (a generated document, an evidence copy).

One small function, so tests replace it (``monkeypatch.setattr(opener, "open_file", ...)``) and
nothing is launched. Screens call it from a thread worker: starting a program is I/O.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from casekit.errors import ConfigurationError


def open_file(path: Path) -> None:
    """Hand ``path`` to the desktop's default application and return at once.

    Raises:
        ConfigurationError: No way to open files here (no ``xdg-open`` on a server, say).
    """
    if sys.platform.startswith("win"):
        os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606 - the user's own file
        return
    program = "open" if sys.platform == "darwin" else "xdg-open"
    found = shutil.which(program)
    if found is None:
        raise ConfigurationError(
            f"this computer has no program to open files ({program}); open it from the files "
            "folder instead"
        )
    subprocess.Popen(  # noqa: S603 - a fixed program and the user's own file
        [found, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
