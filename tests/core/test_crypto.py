"""Sensitive fields: encryption at rest, the keyed hash for look-ups, masking."""

import pytest
from django.db import connection

from core.crypto import EncryptedTextField, decrypt, encrypt, keyed_hash, mask

ID_NUMBER = "11010519491231002X"


def test_encrypt_decrypt_round_trip():
    token = encrypt(ID_NUMBER)
    assert token != ID_NUMBER
    assert ID_NUMBER not in token
    assert decrypt(token) == ID_NUMBER
    # random IV: the same value encrypts differently each time
    assert encrypt(ID_NUMBER) != token
    assert decrypt(encrypt("張偉")) == "張偉"


def test_empty_values_pass_through():
    for empty in (None, ""):
        assert encrypt(empty) == empty
        assert decrypt(empty) == empty
    assert keyed_hash("") == ""
    assert keyed_hash(None) == ""


def test_wrong_key_is_a_clear_error(settings):
    token = encrypt(ID_NUMBER)
    settings.FIELD_ENCRYPTION_KEY = "another-key-entirely-for-this-test"
    with pytest.raises(ValueError, match="FIELD_ENCRYPTION_KEY"):
        decrypt(token)


def test_keyed_hash_is_stable_and_normalised():
    digest = keyed_hash(ID_NUMBER)
    assert len(digest) == 64
    assert ID_NUMBER not in digest
    assert keyed_hash(ID_NUMBER) == digest
    assert keyed_hash(" 110105 19491231 002x ") == digest  # spaces and case do not matter
    assert keyed_hash("110105194912310021") != digest


def test_keyed_hash_depends_on_the_key(settings):
    digest = keyed_hash(ID_NUMBER)
    settings.FIELD_ENCRYPTION_KEY = "another-key-entirely-for-this-test"
    assert keyed_hash(ID_NUMBER) != digest


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("110105194912311234", "110***********1234"),
        ("13800138000", "138****8000"),
        ("1234567", "*******"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask(value, masked):
    assert mask(value) == masked


def test_masked_template_filter():
    from django.template import Context, Template

    html = Template("{{ v|masked }}").render(Context({"v": "110105194912311234"}))
    assert html == "110***********1234"


def test_field_is_marked_sensitive():
    assert EncryptedTextField().sensitive
    name, path, args, kwargs = EncryptedTextField(blank=True).deconstruct()
    assert path == "core.crypto.EncryptedTextField"


@pytest.mark.django_db
def test_database_holds_ciphertext_only(probe):
    record = probe.Probe.objects.create(name="x", secret=ID_NUMBER)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT secret FROM {probe.Probe._meta.db_table} WHERE id = %s", [record.pk]
        )
        stored = cursor.fetchone()[0]
    assert stored != ID_NUMBER
    assert "1949" not in stored
    assert decrypt(stored) == ID_NUMBER
    assert probe.Probe.objects.get(pk=record.pk).secret == ID_NUMBER
