"""The tombstones' secret: from the configuration, or a key file beside the database.

The key never lives inside the database: a copy of the database alone cannot tell whose
Telegram id a tombstone hides (ids are few enough to try them all with the key)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_BYTES = 32


def key_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.key")


def tombstone_key(database: Path, configured: str) -> bytes:
    """The configured secret, else the key file's (created 0600 at first start)."""
    if configured:
        return configured.encode()
    path = key_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(descriptor, "wb") as file:
        file.write(secrets.token_hex(KEY_BYTES).encode())
    os.chmod(path, 0o600)
    return path.read_bytes()
