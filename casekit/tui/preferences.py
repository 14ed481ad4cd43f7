"""The user's preferences in the TUI: the theme (remembered), the keymap, the user's name.

All three live in ``config.toml`` in CASEKIT_HOME (:mod:`casekit.userconfig`). At start the theme
and the keymap are applied; a problem with the file is one notification, and the app starts
anyway. A theme chosen later (``ctrl+t`` or the palette's "Change theme") is written back, and so
is a name given in the "Your name" dialog.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.keys import Keys

from casekit.domain.text import one_line
from casekit.tui.bindings import binding_ids
from casekit.userconfig import read_user_config, save_user_setting

if TYPE_CHECKING:
    from textual.theme import Theme

    from casekit.tui.app import CasekitApp

_MODIFIERS = ("ctrl", "shift", "alt", "super", "meta", "hyper")
_KEY_NAMES = {k.value for k in Keys} | {f"f{n}" for n in range(1, 25)}
_WORD = re.compile(r"^[a-z0-9_]+$")


def valid_key(key: str) -> bool:
    """Whether ``key`` names a key ("q", "?", "ctrl+f", "question_mark", "f2", "pageup")."""
    *modifiers, name = key.strip().split("+") if key.strip() != "+" else ["+"]
    if any(m.lower() not in _MODIFIERS for m in modifiers) or not name:
        return False
    if len(name) == 1 and name.isprintable():
        return True
    if name.lower() in _KEY_NAMES:
        return True
    if _WORD.match(name):  # a character's name: question_mark, full_stop...
        try:
            unicodedata.lookup(name.replace("_", " ").upper())
        except KeyError:
            return False
        return True
    return False


def check_keymap(keymap: dict[str, str], known_ids: set[str] | None) -> list[str]:
    """One line per bad entry: an unknown key name, or (if ``known_ids`` is given) an unknown id."""
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        if known_ids is not None and binding_id not in known_ids:
            problems.append(
                f"config.toml: [keymap] {binding_id} is not a binding id "
                "(the README lists them); ignored"
            )
            continue
        bad = [k for k in keys.split(",") if not valid_key(k)]
        if bad:
            problems.append(
                f'config.toml: [keymap] {binding_id} = "{keys}": "{bad[0].strip()}" is not a key; '
                "ignored"
            )
    return problems


def apply_at_start(app: CasekitApp) -> None:
    """Apply the theme and keymap of ``config.toml``; say what was wrong with it, if anything."""
    config = read_user_config(app.services.settings.config_file)
    problems = list(config.problems)
    if config.theme:
        if config.theme in app.available_themes:
            app.theme = config.theme
        else:
            problems.append(f'config.toml: [tui] theme "{config.theme}" is not a theme; ignored')
    keymap_problems = check_keymap(config.keymap, None)
    good = {
        binding_id: keys
        for binding_id, keys in config.keymap.items()
        if not any(p.startswith(f"config.toml: [keymap] {binding_id} ") for p in keymap_problems)
    }
    problems += keymap_problems
    if good:
        app.set_keymap(good)
    for problem in problems:
        app.notify(problem, severity="warning", timeout=10)
    saved = [app.theme]

    def changed(theme: Theme) -> None:
        if theme.name != saved[0]:  # not the theme just read from the file
            saved[0] = theme.name
            remember_theme(app, theme)

    app.theme_changed_signal.subscribe(app, changed)


def check_binding_ids(app: CasekitApp) -> None:
    """Report keymap entries that name no binding (run in a thread after the first paint: it
    imports every screen to learn their ids)."""

    keymap = read_user_config(app.services.settings.config_file).keymap
    if not keymap:
        return
    known = binding_ids()
    for problem in check_keymap({k: v for k, v in keymap.items() if k not in known}, known):
        app.call_from_thread(app.notify, problem, severity="warning", timeout=10)


def remember_theme(app: CasekitApp, theme: Theme) -> None:
    """Write the theme just chosen to ``config.toml`` (in a thread: it is a file write)."""
    path = app.services.settings.config_file

    def save() -> None:
        try:
            save_user_setting(path, "tui", "theme", theme.name)
        except (OSError, ValueError) as exc:
            app.call_from_thread(
                app.notify, f"the theme was not remembered: {exc}", severity="warning"
            )

    app.run_worker(save, thread=True, group="preferences", exit_on_error=False)


#: Longest name accepted in the dialog.
MAX_NAME = 100


def clean_name(text: str) -> str:
    """The name as typed, trimmed; ``ValueError`` with the reason if it cannot sign anything."""
    name = one_line(text)
    if not name:
        raise ValueError("type your name")
    if len(name) > MAX_NAME:
        raise ValueError(f"a name of at most {MAX_NAME} characters")
    if not name.isprintable():
        raise ValueError("the name holds a control character")
    return name


def set_user_name(app: CasekitApp, name: str) -> None:
    """Sign notes and the history with ``name`` from now on, and remember it (call in a thread).

    Raises:
        ValueError: ``config.toml`` is not valid TOML (it is not overwritten).
        OSError: It cannot be written.
    """
    save_user_setting(app.services.settings.config_file, "user", "name", name)
    app.services.settings = replace(app.services.settings, actor=name)
