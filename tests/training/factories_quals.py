"""Factories of qualifications and careers, through the services."""

import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from training import services
from training.models import (
    Course,
    DevelopmentPlan,
    JobRotation,
    PromotionStep,
    QualificationKind,
)

_seq = itertools.count(1)
TODAY = dt.date.today

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_file(name="cert.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_kind(name=None, *, validity_years=3, licence_required=False, reward="1000"):
    n = next(_seq)
    return QualificationKind.objects.create(
        name=name or f"資格 {n}",
        issuing_body="保險監理機關",
        validity_years=validity_years,
        licence_required=licence_required,
        default_reward=Decimal(reward),
    )


def make_certificate(user, actor, *, kind=None, issued_on=None, expires_on=None, **extra):
    """A certificate of ``user`` recorded by ``actor`` (HR: verified at once)."""
    n = next(_seq)
    issued_on = issued_on or TODAY() - dt.timedelta(days=400)
    if expires_on is not None and expires_on <= issued_on:
        issued_on = expires_on - dt.timedelta(days=365 * 3)
    return services.certificate_record(
        actor=actor,
        employee=user.employee,
        kind=kind or make_kind(),
        number=extra.pop("number", f"C{n:06d}"),
        issued_on=issued_on,
        expires_on=expires_on,
        **extra,
    )


def make_course(code=None, title=None):
    n = next(_seq)
    return Course.objects.create(
        code=code or f"Q-{n}",
        title=title or f"課程 {n}",
        content_type="sales_skills",
        delivery="internal",
        duration_hours=Decimal("3"),
        credit_hours=Decimal("3"),
    )


def make_plan(user, *, steps=1, direction="團隊主管方向"):
    plan = DevelopmentPlan.objects.create(
        employee=user.employee, direction=direction, target_position="supervisor"
    )
    for i in range(steps):
        PromotionStep.objects.create(plan=plan, order=i + 1, title=f"第 {i + 1} 步")
    return plan


def make_rotation(user, to_team, **fields):
    employee = user.employee
    defaults = {
        "from_team": employee.team,
        "from_position": employee.position,
        "to_team": to_team,
        "to_position": employee.position,
        "starts_on": TODAY() - dt.timedelta(days=90),
        "ends_on": TODAY() - dt.timedelta(days=1),
        "purpose": "熟悉其他團隊的客戶經營",
    }
    defaults.update(fields)
    return JobRotation.objects.create(employee=employee, **defaults)
