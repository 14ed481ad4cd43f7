"""Where the key is looked for: CASEKIT_KEY_FILE, the user's config dir, the OS keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from casekit.errors import KeyMismatch
from casekit.store import keys


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in: a dict, never the developer's real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("CASEKIT_KEY_FILE")
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def test_casekit_key_file_wins(key_file: Path) -> None:
    location = keys.locate()
    assert location.kind == "file" and location.path == key_file and location.explicit


def test_without_a_file_a_new_key_goes_to_the_os_keyring(memory_keyring: MemoryKeyring) -> None:
    location = keys.locate()
    assert location.kind == "keyring" and "OS keyring" in location.describe()
    ring = keys.create(location)
    assert (keys.KEYRING_SERVICE, keys.KEYRING_USER) in memory_keyring.items
    loaded = keys.load(keys.locate())
    assert loaded is not None and loaded.active == ring.active
    assert not keys.default_key_file().exists()


def test_an_existing_key_file_in_the_config_dir_comes_before_the_keyring(
    memory_keyring: MemoryKeyring, key_file: Path
) -> None:
    default = keys.default_key_file()
    default.parent.mkdir(parents=True)
    default.write_bytes(key_file.read_bytes())
    location = keys.locate()
    assert location.kind == "file" and location.path == default and not location.explicit


def test_without_keyring_the_config_dir_file_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEKIT_KEY_FILE")
    from keyring.backends import null

    # The null backend, whatever an earlier test in this worker left keyring holding.
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    try:
        location = keys.locate()
    finally:
        keyring.set_keyring(previous)
    assert location.kind == "file" and location.path == keys.default_key_file()
    keys.create(location)
    assert oct(keys.default_key_file().stat().st_mode & 0o777) == "0o600"
    assert oct(keys.default_key_file().parent.stat().st_mode & 0o777) == "0o700"


def test_a_damaged_key_file_is_one_clear_line(key_file: Path) -> None:
    key_file.write_text("{not json")
    with pytest.raises(KeyMismatch, match="damaged or not a casekit key file") as caught:
        keys.load(keys.locate())
    assert "\n" not in str(caught.value)
