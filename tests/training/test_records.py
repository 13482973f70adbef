"""The training file's lines are written by HR (or by a source that checked its own rights)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from training import services
from training.models import TrainingRecord

pytestmark = pytest.mark.django_db


def _record(actor, employee):
    return services.record_completion(
        actor=actor,
        employee=employee,
        kind="other",
        completed_on=dt.date.today(),
        hours="1.5",
        title="保險法規",
    )


def test_hr_adds_a_line_to_anyones_file(hr, salesperson):
    record = _record(hr, salesperson.employee)
    assert record.pk and record.history.first().history_user == hr
    assert TrainingRecord.objects.visible_to(salesperson).filter(pk=record.pk).exists()


@pytest.mark.parametrize("who", ["salesperson", "supervisor", "manager"])
def test_others_cannot_write_a_file_line(who, personas):
    with pytest.raises(PermissionDenied):
        _record(personas[who], personas["salesperson"].employee)
    assert not TrainingRecord.objects.exists()
