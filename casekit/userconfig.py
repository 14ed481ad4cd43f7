"""The user's own settings: ``config.toml`` in CASEKIT_HOME (their name, the theme, the keymap).

```toml
[user]
name = "María López"          # signs notes and the audit log (CASEKIT_USER wins if set)

[tui]
theme = "textual-light"       # remembered when changed from the command palette

[keymap]                      # binding id = key(s); the ids are listed in the README
go-matters = "M"
search-matters = "ctrl+f,slash"
```

Reading never fails: a file that cannot be read or parsed, or an entry of the wrong type, becomes
one line in :attr:`UserConfig.problems` and is otherwise ignored (the app still starts). casekit
rewrites the file when the user changes their name or the theme in the TUI; comments are not kept.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: What a bare TOML key may be; anything else is written quoted.
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
#: Longest display name accepted (a name, not a paragraph).
MAX_NAME = 100


@dataclass(frozen=True)
class UserConfig:
    """What ``config.toml`` says, and what was wrong with it."""

    name: str = ""
    theme: str = ""
    keymap: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def _table(doc: dict[str, Any], name: str, problems: list[str]) -> dict[str, Any]:
    value = doc.get(name, {})
    if isinstance(value, dict):
        return value
    problems.append(f"config.toml: [{name}] must be a table; it was ignored")
    return {}


def _text(table: dict[str, Any], section: str, key: str, problems: list[str]) -> str:
    value = table.get(key, "")
    if isinstance(value, str):
        return value.strip()
    problems.append(f"config.toml: [{section}] {key} must be text in quotes; it was ignored")
    return ""


def read_user_config(path: Path) -> UserConfig:
    """The settings in ``path``; a missing file is an empty configuration."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UserConfig()
    except (OSError, UnicodeDecodeError) as exc:
        return UserConfig(problems=(f"config.toml cannot be read ({type(exc).__name__}); ignored",))
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return UserConfig(problems=(f"config.toml is not valid TOML ({exc}); it was ignored",))
    problems: list[str] = []
    name = _text(_table(doc, "user", problems), "user", "name", problems)[:MAX_NAME]
    theme = _text(_table(doc, "tui", problems), "tui", "theme", problems)
    keymap: dict[str, str] = {}
    for binding_id, keys in _table(doc, "keymap", problems).items():
        if isinstance(keys, str) and keys.strip():
            keymap[binding_id] = keys.strip()
        else:
            problems.append(
                f'config.toml: [keymap] {binding_id} must be a key in quotes, e.g. "ctrl+f"'
            )
    return UserConfig(name=name, theme=theme, keymap=keymap, problems=tuple(problems))


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    # JSON's escapes (\" \\ \n \uXXXX) are TOML's basic-string escapes.
    return json.dumps(str(value), ensure_ascii=False)


def dump_toml(doc: dict[str, Any], prefix: str = "") -> str:
    """``doc`` (tables of text, numbers, booleans and lists) as TOML."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in doc.items() if not isinstance(v, dict)]
    for name, table in doc.items():
        if isinstance(table, dict):
            header = f"{prefix}{_key(name)}"
            body = dump_toml(table, header + ".")
            lines.append(f"\n[{header}]\n{body}" if body.strip() else f"\n[{header}]")
    return "\n".join(lines).strip("\n") + "\n" if lines else ""


def save_user_setting(path: Path, section: str, key: str, value: str) -> None:
    """Set ``[section] key = value`` in ``path`` (created owner-only), keeping the rest.

    Raises:
        ValueError: The file exists but is not valid TOML (nothing is overwritten).
    """
    doc: dict[str, Any] = {}
    if path.exists():
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"config.toml is not valid TOML ({exc}); fix it first") from exc
    table = doc.get(section)
    if not isinstance(table, dict):
        table = doc[section] = {}
    table[key] = value
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staged = path.with_name(path.name + ".tmp")
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(dump_toml(doc))
    os.replace(staged, path)
