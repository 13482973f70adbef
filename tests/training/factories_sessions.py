"""Training test data of the catalogue, sessions, external courses and plans, made through
the services."""

import datetime as dt
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from training import services
from training.models import Course, Enrolment, Session, TrainingPlan

_seq = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _hr():
    User = get_user_model()
    user = User.objects.filter(is_superuser=True).first()
    if user is None:
        user = User.objects.create_superuser(f"factory{next(_seq)}", "f@example.com", "Pw-2026-x")
    return user


def make_course(**fields):
    n = next(_seq)
    fields.setdefault("code", f"C-{n:04d}")
    fields.setdefault("title", f"課程{n}")
    fields.setdefault("content_type", Course.ContentType.SALES_SKILLS)
    fields.setdefault("delivery", Course.Delivery.INTERNAL)
    fields.setdefault("duration_hours", Decimal("3"))
    fields.setdefault("credit_hours", Decimal("3"))
    course = Course(**fields)
    course.full_clean()
    course.save()
    return course


def make_session(course=None, *, actor=None, trainer=None, starts_at=None, seats=10, **fields):
    """A session (by default run by an outside expert, starting in a week)."""
    course = course or make_course()
    session = Session(
        course=course,
        trainer=trainer,
        trainer_name="" if trainer else "外聘講師",
        starts_at=starts_at or timezone.now() + dt.timedelta(days=7),
        hours=fields.pop("hours", course.credit_hours),
        place="培訓室",
        seats=seats,
        format=fields.pop("format", Session.Format.LECTURE),
        **fields,
    )
    return services.session_save(actor=actor or _hr(), session=session)


def enrol(session, *users, actor=None):
    return services.session_enrol(
        actor=actor or _hr(), session=session, employees=[u.employee for u in users]
    )


def attend(enrolment, *, score=80, passed=True, actor=None):
    return services.enrolment_record_result(
        actor=actor or _hr(),
        enrolment=enrolment,
        attendance=Enrolment.Attendance.ATTENDED,
        score=Decimal(score) if score is not None else None,
        passed=passed,
    )


def make_record(user, *, course=None, completed_on=None, hours="2", passed=True, actor=None):
    return services.record_completion(
        actor=actor or _hr(),
        employee=user.employee,
        kind="other",
        completed_on=completed_on or timezone.localdate(),
        hours=Decimal(hours),
        course=course,
        title="" if course else "其他培訓",
        passed=passed,
        check=False,
    )


def make_external(user, *, course=None, days_ago=10, **fields):
    today = timezone.localdate()
    return services.external_request(
        actor=user,
        provider=fields.pop("provider", "外部機構"),
        title=fields.pop("title", "外部研討會"),
        course=course,
        starts_on=today - dt.timedelta(days=days_ago),
        ends_on=today - dt.timedelta(days=days_ago - 1),
        hours=Decimal(fields.pop("hours", "6")),
        cost=Decimal(fields.pop("cost", "1500")),
        reason="提升專業能力",
    )


def approve(external, supervisor):
    return services.external_decide(actor=supervisor, external=external, approve=True, note="OK")


def upload_evidence(external, score=None):
    return services.external_upload_evidence(
        actor=external.employee.user,
        external=external,
        file=ContentFile(PDF_BYTES, name="cert.pdf"),
        score=score,
    )


def make_plan(user, courses=None, *, actor=None, **kwargs):
    return services.training_plan_create(
        actor=actor or _hr(),
        employee=user.employee,
        courses=courses or [make_course()],
        reason=kwargs.pop("reason", "加強產品知識"),
        source=kwargs.pop("source", TrainingPlan.Source.MANUAL),
        **kwargs,
    )
