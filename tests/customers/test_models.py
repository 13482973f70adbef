"""Single-row rules of the customer file: derivations, stage requirements, completeness."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from customers.models import Customer
from tests.customers.factories import id_number, make_customer

pytestmark = pytest.mark.django_db


def _customer(salesperson, **fields):
    fields.setdefault("name", "張偉")
    fields.setdefault("mobile", "13800138000")
    return Customer(owner=salesperson, team=salesperson.employee.team, **fields)


def test_resident_id_fills_birth_date_gender_and_province(salesperson):
    c = _customer(
        salesperson,
        id_type="prc_id",
        id_number=id_number(dt.date(1985, 6, 1), male=False, region="310104"),
    )
    c.full_clean()
    assert (c.birth_date, c.gender, c.province) == (dt.date(1985, 6, 1), "female", "上海市")


def test_resident_id_must_agree_with_birth_date_and_gender(salesperson):
    c = _customer(
        salesperson,
        id_type="prc_id",
        id_number=id_number(dt.date(1985, 6, 1), male=False),
        birth_date=dt.date(1985, 6, 2),
        gender="male",
    )
    with pytest.raises(ValidationError) as exc:
        c.full_clean()
    assert set(exc.value.message_dict) >= {"birth_date", "gender"}


def test_bad_checksum_is_a_field_error(salesperson):
    good = id_number()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    c = _customer(salesperson, id_type="prc_id", id_number=bad)
    with pytest.raises(ValidationError) as exc:
        c.full_clean()
    assert "id_number" in exc.value.message_dict


def test_bad_mobile_is_a_field_error(salesperson):
    with pytest.raises(ValidationError) as exc:
        _customer(salesperson, mobile="12345").full_clean()
    assert "mobile" in exc.value.message_dict


def test_prospect_needs_little_customer_needs_the_full_file(salesperson):
    _customer(salesperson, stage="prospect").full_clean()  # name and mobile suffice
    with pytest.raises(ValidationError) as exc:
        _customer(salesperson, stage="customer").full_clean()
    assert {"id_number", "birth_date", "gender", "province", "street", "occupation"} <= set(
        exc.value.message_dict
    )
    with pytest.raises(ValidationError) as exc:
        _customer(salesperson, stage="prospect", mobile="").full_clean()
    assert "mobile" in exc.value.message_dict


def test_completeness_scores(salesperson):
    # prospect: required name, mobile (weight 2 each); 5 recommended (weight 1 each)
    c = _customer(salesperson, stage="prospect")
    report = c.completeness_report()
    assert report.score == round(100 * 4 / 9) == 44
    assert report.missing == ["gender", "birth_date", "source_channel", "city", "occupation"]
    assert report.missing_required == []
    c.gender, c.birth_date, c.source_channel, c.city, c.occupation = (
        "male",
        dt.date(1990, 1, 1),
        "referral",
        "北京市",
        "教師",
    )
    assert c.completeness_report().score == 100
    # The same person as a customer lacks identity and address (required: weight 2) and all
    # seven recommended fields: 2 * 8 of 2 * 11 + 7.
    c.stage = "customer"
    report = c.completeness_report()
    assert report.missing_required == ["id_number", "province", "street"]
    assert report.missing[:3] == report.missing_required
    assert report.score == round(100 * 16 / 29) == 55


def test_saved_completeness_and_missing_fields(salesperson):
    customer = make_customer(salesperson, stage="prospect", gender="female", city="上海市")
    assert customer.completeness == round(100 * 6 / 9)
    assert customer.missing_fields == ["birth_date", "source_channel", "occupation"]
    assert customer.missing_labels()[0] == str(Customer._meta.get_field("birth_date").verbose_name)


def test_company_files_need_contact_person(salesperson):
    c = _customer(
        salesperson, kind="company", name="華興電子", gender="male", birth_date=dt.date(1990, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        c.full_clean()
    assert "contact_person" in exc.value.message_dict
    c.contact_person = "李經理"
    c.full_clean()
    assert c.gender == "" and c.birth_date is None  # not for companies


def test_sensitive_fields_are_encrypted_at_rest(salesperson):
    from django.db import connection

    number = id_number()
    customer = make_customer(salesperson, id_type="prc_id", id_number=number, health_note="高血壓")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, mobile, health_note, id_number_hash FROM customers_customer "
            "WHERE id = %s",
            [customer.pk],
        )
        raw = cursor.fetchone()
    assert number not in raw[0] and customer.mobile not in raw[1] and "高血壓" not in raw[2]
    assert len(raw[3]) == 64
    assert Customer.objects.get(pk=customer.pk).id_number == number
