"""The 18-digit resident ID (format, region, birth date, checksum) and mobile numbers."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from customers.validators import (
    id_check_char,
    normalise_mobile,
    parse_prc_id,
    validate_mobile,
    validate_prc_id,
    validate_uscc,
)
from tests.customers.factories import id_number

# Published example numbers with known check characters.
KNOWN = ["11010519491231002X", "440524198001010013", "110101199003074477"]


@pytest.mark.parametrize("number", KNOWN)
def test_known_numbers_are_valid(number):
    validate_prc_id(number)


def test_parse_gives_birth_date_gender_and_province():
    parsed = parse_prc_id("11010519491231002X")
    assert parsed.birth_date == dt.date(1949, 12, 31)
    assert parsed.gender == "female"  # 17th digit 2 is even
    assert parsed.province == "北京市"
    male = parse_prc_id(id_number(birth=dt.date(1988, 2, 29), male=True, region="440106"))
    assert (male.birth_date, male.gender, male.province) == (dt.date(1988, 2, 29), "male", "廣東省")


def test_lower_case_x_and_spaces_are_normalised():
    assert parse_prc_id(" 11010519491231002x ").number == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("1101051949123100", "format"),  # too short
        ("1101051949123100211", "format"),  # too long
        ("11010519491231002Y", "format"),  # only X is allowed as a letter
        ("A1010519491231002X", "format"),
        ("990105194912310025", "region"),  # no province 99
        ("110105194902300028", "birth_date"),  # 30 February
        ("110105189912310021", "birth_date"),  # before 1900
        ("110105209912310020", "birth_date"),  # in the future
    ],
)
def test_bad_numbers_say_why(number, code):
    with pytest.raises(ValidationError) as exc:
        parse_prc_id(number)
    assert exc.value.code == code


def test_every_wrong_check_character_is_caught():
    good = id_number()
    for char in "0123456789X":
        if char == good[-1]:
            continue
        with pytest.raises(ValidationError) as exc:
            parse_prc_id(good[:17] + char)
        assert exc.value.code == "checksum"


def test_a_single_mistyped_digit_fails_the_checksum():
    good = "11010519491231002X"
    bad = good[:14] + "1" + good[15:]  # one digit of the sequence changed
    assert id_check_char(bad[:17]) != "X"
    with pytest.raises(ValidationError) as exc:
        parse_prc_id(bad)
    assert exc.value.code == "checksum"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("008613800138000", "13800138000"),
        ("+852 9123 4567", "+85291234567"),
        ("+853 6612 3456", "+85366123456"),
        ("+886 0912 345 678", "+886912345678"),
    ],
)
def test_mobiles_are_normalised_and_valid(raw, stored):
    assert normalise_mobile(raw) == stored
    validate_mobile(raw)


@pytest.mark.parametrize(
    "raw", ["12800138000", "1380013800", "138001380001", "02012345678", "+85212345678", "abc"]
)
def test_bad_mobiles(raw):
    with pytest.raises(ValidationError):
        validate_mobile(raw)


def test_unified_social_credit_code_format():
    validate_uscc("91110101MA01ABCD3X")
    with pytest.raises(ValidationError):
        validate_uscc("91110101")
