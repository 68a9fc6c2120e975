"""Resident ID numbers (GB 11643-1999) and the keyed hash that replaces them.

People are keyed, never named: `person_key` = HMAC-SHA256(secret, id_number). The secret
comes from the environment (`AUXFORCE_PERSON_KEY_SECRET`) or, for the demo, a generated
local file with mode 0600 that git ignores.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import date
from pathlib import Path

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


def check_char(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def parse_id_number(value: str) -> tuple[date, str] | str:
    """Return (birth_date, gender 'M'/'F') for a valid ID, or a reason code if invalid."""
    v = value.strip().upper()
    if len(v) != 18:
        return "id_length"
    if not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        return "id_characters"
    if check_char(v[:17]) != v[17]:
        return "id_checksum"
    try:
        born = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return "id_birth_date"
    return born, ("M" if int(v[16]) % 2 else "F")


def make_id_number(admin_code: str, born: date, sequence: int, male: bool) -> str:
    """Build a valid ID number (the generator's inverse of `parse_id_number`)."""
    seq = (sequence % 500) * 2 + (1 if male else 0)
    first17 = f"{admin_code}{born:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def load_secret(secret_file: Path) -> bytes:
    """The HMAC secret: the environment wins; else a local file, created once for the demo."""
    env = os.environ.get("AUXFORCE_PERSON_KEY_SECRET")
    if env:
        return env.encode()
    if not secret_file.exists():
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return secret_file.read_text().strip().encode()


def person_key(secret: bytes, id_number: str) -> str:
    return hmac.new(secret, id_number.strip().upper().encode(), hashlib.sha256).hexdigest()
