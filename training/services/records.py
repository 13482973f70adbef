"""Writing the training file's lines."""

from decimal import Decimal

from django.db import transaction

from core.services import require_permission, save_checked

from ..models import TrainingRecord


@transaction.atomic
def record_completion(
    *,
    actor,
    employee,
    kind,
    completed_on,
    hours,
    course=None,
    title="",
    score=None,
    passed=None,
    note="",
    check=True,
):
    """Add one completed piece of training to ``employee``'s training file.

    The sources of the file (attended sessions, approved external courses, passed online
    tests) call this and keep the returned record. ``check=False`` is for a source that has
    already checked the actor's right to complete it (an employee finishing their own
    online test holds no ``add_trainingrecord`` permission).
    """
    record = TrainingRecord(
        employee=employee,
        course=course,
        title=title or (course.title if course else ""),
        kind=kind,
        completed_on=completed_on,
        hours=Decimal(hours),
        score=score,
        passed=passed,
        note=note,
    )
    if check:
        # The record has no key yet: the actor must hold the right and see the employee.
        require_permission(actor, employee, "training.add_trainingrecord", action="view")
    return save_checked(record, actor)
