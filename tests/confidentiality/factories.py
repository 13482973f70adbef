"""Confidentiality test data, made through the services."""

import datetime as dt
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from confidentiality import services
from confidentiality.models import AgreementVersion
from tests.customers.factories import PDF_BYTES

_seq = itertools.count(1)
TODAY = dt.date.today


def pdf_file(name="agreement.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_version(code=None, *, active=True):
    n = next(_seq)
    return AgreementVersion.objects.create(
        code=code or f"V{n:03d}",
        title="員工保密協議",
        effective_from=dt.date(2026, 1, 1),
        text="員工對客戶信息負有保密義務。",
        active=active,
    )


def make_agreement(user, hr, *, version=None, signed=True, signed_on=None, **fields):
    """An agreement of ``user`` recorded by ``hr``: signed (a year ago) unless ``signed`` is
    False."""
    if signed:
        fields.setdefault("signed_on", signed_on or TODAY() - dt.timedelta(days=365))
    return services.agreement_record(
        actor=hr, employee=user.employee, version=version or make_version(), **fields
    )


def make_breach(employee_user, actor, **fields):
    fields.setdefault("what", "將客戶資料轉寄至私人信箱。")
    fields.setdefault("found_on", TODAY() - dt.timedelta(days=5))
    fields.setdefault("severity", "serious")
    return services.breach_record(actor=actor, employee=employee_user.employee, **fields)
