"""The customer-create benchmark's baseline stores what the service stores (bench/run.py
compares their times; a baseline writing less would flatter the framework's ratio)."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_noop

from bench.baselines import customer_create_raw
from core.i18n import Text, stored
from core.models import AuditEvent
from customers import services
from customers.models import Customer
from customers.validators import id_check_char

pytestmark = pytest.mark.django_db

SKIP = {"id", "created", "updated", "history_id", "history_date", "when", "object_id"}


def _id(first17):
    return first17 + id_check_char(first17)


def _person(number, mobile):
    return {
        "kind": "individual",
        "name": "測試 客戶",
        "id_type": "prc_id",
        "id_number": number,
        "mobile": mobile,
        "gender": "male",
        "birth_date": dt.date(1990, 1, 1),
        "province": "北京市",
        "city": "北京市",
        "street": "建國路1號",
        "occupation": "教師",
        "occupation_class": "1",
        "source_channel": "referral",
        "stage": "intending",
        "email": "bench@example.com",
    }


def _columns(row):
    return {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}


def test_the_raw_create_writes_the_same_three_rows(clerk, salesperson):
    by_service = services.customer_create(
        actor=clerk, owner=salesperson, **_person(_id("11010119900101001"), "13900001234")
    )
    number = _id("11010119900101002")
    person = _person(number, "13900005678")
    report = Customer(**person).completeness_report()
    pk = customer_create_raw(
        clerk_id=clerk.pk,
        owner_id=salesperson.pk,
        team_id=salesperson.employee.team_id,
        person=person,
        completeness=(report.score, report.missing),
        content_type_id=ContentType.objects.get_for_model(Customer).pk,
        message=stored(Text(gettext_noop("Customer file opened")), 500),
    )
    by_hand = Customer.objects.get(pk=pk)

    differ = {"id_number", "id_number_hash", "mobile", "mobile_hash", "mobile_last4_hash"}
    ours, theirs = _columns(by_service), _columns(by_hand)
    assert {k: v for k, v in ours.items() if k not in SKIP | differ} == {
        k: v for k, v in theirs.items() if k not in SKIP | differ
    }
    # The sensitive values went through the same encryption and digests: they read back.
    assert by_hand.id_number == number and by_hand.mobile == "13900005678"
    assert Customer.objects.filter(mobile_hash=by_hand.mobile_hash).get() == by_hand

    history_service = by_service.history.get()
    history_hand = by_hand.history.get()
    assert {k: v for k, v in _columns(history_service).items() if k not in SKIP | differ} == {
        k: v for k, v in _columns(history_hand).items() if k not in SKIP | differ
    }
    events = [
        AuditEvent.objects.get(verb="created", object_id=str(c.pk)) for c in (by_service, by_hand)
    ]
    assert {k: v for k, v in _columns(events[0]).items() if k not in SKIP} == {
        k: v for k, v in _columns(events[1]).items() if k not in SKIP
    }
