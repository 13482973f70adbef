"""Training's appraisal evidence (``core.evidence``): courses completed, online test scores and
certificates obtained in the period, for the product knowledge, sales skills and learning
items. Registered by ``providers.register``."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from core import evidence

from .models import Certificate, TestAttempt, TrainingRecord


def _local_midnight(day):
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def _course_line(record):
    parts = [_("%(hours)s h") % {"hours": record.hours}]
    if record.score is not None:
        parts.append(_("score %(score)s") % {"score": record.score})
    if record.passed is not None:
        parts.append(_("passed") if record.passed else _("not passed"))
    return evidence.EvidenceLine(
        _("%(date)s · %(title)s (%(kind)s)")
        % {
            "date": record.completed_on.isoformat(),
            "title": record.title,
            "kind": record.get_kind_display(),
        },
        " · ".join(parts),
        record.get_absolute_url(),
    )


def _attempt_line(attempt):
    if attempt.status == TestAttempt.Status.EXPIRED and attempt.score is None:
        value = _("time ran out")
    else:
        value = _("%(score)s of 100 (pass mark %(mark)s): %(result)s") % {
            "score": attempt.score,
            "mark": attempt.pass_mark,
            "result": _("passed") if attempt.passed else _("not passed"),
        }
    submitted = timezone.localtime(attempt.submitted_at or attempt.deadline).date()
    return evidence.EvidenceLine(
        _("%(date)s · %(course)s, attempt %(number)s")
        % {"date": submitted.isoformat(), "course": attempt.course.title, "number": attempt.number},
        value,
        attempt.get_absolute_url(),
    )


def _certificate_line(certificate):
    return evidence.EvidenceLine(
        _("%(date)s · %(qualification)s")
        % {"date": certificate.issued_on.isoformat(), "qualification": certificate.kind.name},
        _("No. %(number)s · %(status)s")
        % {"number": certificate.number, "status": certificate.get_status_display()},
        certificate.get_absolute_url(),
    )


def training_evidence(employee, start, end):
    """Three groups of ``employee``'s training in ``[start, end)``; three queries."""
    records = list(
        TrainingRecord.objects.filter(
            employee=employee, completed_on__gte=start, completed_on__lt=end
        ).order_by("completed_on", "pk")
    )
    attempts = list(
        TestAttempt.objects.filter(
            employee=employee,
            status__in=[TestAttempt.Status.SUBMITTED, TestAttempt.Status.EXPIRED],
            started_at__gte=_local_midnight(start),
            started_at__lt=_local_midnight(end),
        )
        .select_related("course")
        .order_by("started_at", "pk")
    )
    certificates = list(
        Certificate.objects.filter(employee=employee, issued_on__gte=start, issued_on__lt=end)
        .exclude(status=Certificate.Status.REJECTED)
        .select_related("kind")
        .order_by("issued_on", "pk")
    )
    hours = sum((record.hours for record in records), 0)
    course_lines = [_course_line(record) for record in records]
    if records:
        course_lines = [
            evidence.EvidenceLine(
                _("Total"),
                _("%(count)s completed, %(hours)s h") % {"count": len(records), "hours": hours},
            ),
            *course_lines,
        ]
    return [
        evidence.EvidenceGroup(
            "training_courses",
            _("Courses completed"),
            ("product_knowledge", "sales_skills", "learning"),
            evidence.capped(course_lines),
            _("No course completed in the period."),
            order=10,
        ),
        evidence.EvidenceGroup(
            "training_tests",
            _("Online test scores"),
            ("product_knowledge", "learning"),
            evidence.capped([_attempt_line(attempt) for attempt in attempts]),
            _("No online test taken in the period."),
            order=11,
        ),
        evidence.EvidenceGroup(
            "training_certificates",
            _("Certificates obtained"),
            ("product_knowledge", "learning"),
            evidence.capped([_certificate_line(c) for c in certificates]),
            _("No certificate obtained in the period."),
            order=12,
        ),
    ]


def register():
    evidence.register(training_evidence)
