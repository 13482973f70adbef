"""Encryption at rest for sensitive fields, and the keyed hash that finds them.

Values are encrypted with Fernet (AES-128-CBC + HMAC) under a key derived from
FIELD_ENCRYPTION_KEY; a separate HMAC-SHA256 key gives a stable, non-reversible digest for
exact look-ups and duplicate checks.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models


def _derive(label):
    return hashlib.sha256(f"{label}:{settings.FIELD_ENCRYPTION_KEY}".encode()).digest()


@lru_cache(maxsize=4)
def _fernet(key):
    return Fernet(base64.urlsafe_b64encode(_derive("fernet")))


def encrypt(value):
    if value in (None, ""):
        return value
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(str(value).encode()).decode()


def decrypt(token):
    if token in (None, ""):
        return token
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("cannot decrypt a sensitive field: wrong FIELD_ENCRYPTION_KEY?") from exc


def keyed_hash(value):
    """A stable digest of a normalised value, for exact search without storing the value."""
    if value in (None, ""):
        return ""
    normalised = "".join(str(value).split()).upper()
    return hmac.new(_derive("hash"), normalised.encode(), hashlib.sha256).hexdigest()


def mask(value, keep_start=3, keep_end=4):
    """``110***********1234``: the ends kept, the middle hidden, the length preserved."""
    if not value:
        return ""
    value = str(value)
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


class EncryptedTextField(models.TextField):
    """A text field stored encrypted. It can't be filtered on: pair it with a hash field."""

    sensitive = True

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "core.crypto.EncryptedTextField", args, kwargs
