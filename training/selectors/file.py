"""The training file (培訓檔案) and training hours: the reads appraisal and promotion use.

``training_file(employee, user)`` is the whole file of one employee as ``user`` may see it;
``hours_by_employee(user=, start=, end=, employees=None)`` the credit hours per employee in a
period (appraisal reads it as product-knowledge evidence, with ``course__content_type`` to
narrow to product courses).
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from .. import file_sections
from ..models import TrainingRecord
from .mandatory import mandatory_status
from .sessions import plan_list


def record_list(*, user):
    """The training records ``user`` may see (own, the team's, everyone's for HR)."""
    return TrainingRecord.objects.visible_to(user).select_related("course", "employee__team")


def training_file(employee, user):
    """``employee``'s training file as ``user`` sees it (the caller has checked that ``user``
    may see ``employee``): a dict with

    * ``records``: every TrainingRecord, newest first (course, kind, date, hours, score,
      passed);
    * ``years``: ``[(year, hours, count)]``, newest year first, and ``total_hours``;
    * ``mandatory``: the employee's mandatory courses (``selectors.mandatory_status`` rows);
    * ``plans``: the employee's training plans with ``item_count`` and ``done_count``;
    * ``sections``: what other subjects registered in ``training.file_sections``.

    Constant in queries whatever the number of records.
    """
    records = list(record_list(user=user).filter(employee=employee))
    by_year = defaultdict(lambda: [Decimal(0), 0])
    for record in records:
        by_year[record.completed_on.year][0] += record.hours
        by_year[record.completed_on.year][1] += 1
    years = [(year, hours, count) for year, (hours, count) in sorted(by_year.items(), reverse=True)]
    return {
        "employee": employee,
        "records": records,
        "years": years,
        "total_hours": sum((r.hours for r in records), Decimal(0)),
        "mandatory": mandatory_status(employees=[employee]),
        "plans": list(plan_list(user=user).filter(employee=employee)),
        "sections": file_sections.sections_for(employee, user),
    }


def hours_by_employee(*, user, start, end, employees=None, filters=None):
    """``{employee_id: {"hours": Decimal, "count": int, "passed": int}}`` of the training
    records completed from ``start`` to ``end`` (inclusive) that ``user`` may see; only for
    ``employees`` when given; ``filters`` are extra lookups on TrainingRecord (e.g.
    ``{"course__content_type": "products"}``). One query."""
    qs = TrainingRecord.objects.visible_to(user).filter(
        completed_on__gte=start, completed_on__lte=end, **(filters or {})
    )
    if employees is not None:
        qs = qs.filter(employee__in=[getattr(e, "pk", e) for e in employees])
    return {
        row["employee_id"]: {
            "hours": row["hours"] or Decimal(0),
            "count": row["count"],
            "passed": row["passed"],
        }
        for row in qs.values("employee_id").annotate(
            hours=Sum("hours"), count=Count("pk"), passed=Count("pk", filter=Q(passed=True))
        )
    }


def last_completed_subquery(content_type, employee_field="pk"):
    """A subquery to annotate a queryset with: the date the employee at ``employee_field``
    last completed (and did not fail) a course of ``content_type`` (``Course.ContentType``),
    or None. Confidentiality shows the confidentiality training beside each agreement."""
    return Subquery(
        TrainingRecord.objects.filter(
            employee=OuterRef(employee_field), course__content_type=content_type
        )
        .exclude(passed=False)
        .order_by("-completed_on")
        .values("completed_on")[:1]
    )
