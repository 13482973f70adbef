"""The demo: three closed monthly rounds and the previous month's open with every stage
represented; a second run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from appraisal.models import Appraisal, AppraisalRound, Stage

pytestmark = pytest.mark.django_db


def test_demo_rounds_with_every_stage():
    call_command("seed_demo", "--force", stdout=StringIO())
    assert AppraisalRound.objects.filter(status="closed").count() == 3
    (open_round,) = AppraisalRound.objects.filter(status="open")
    stages = set(open_round.appraisals.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    closed = Appraisal.objects.filter(round__status="closed")
    # six salespeople and clerks and two supervisors a month
    assert closed.count() == 24 and not closed.exclude(stage=Stage.CLOSED).exists()
    sup1 = open_round.appraisals.get(employee__user__username="sup1")
    assert sup1.supervisor.username == "mgr1" and sup1.stage == Stage.SUPERVISOR
    assert all(a.final_score is not None and a.grade for a in closed)
    count = Appraisal.objects.count()
    call_command("seed_demo", "--force", stdout=StringIO())
    assert Appraisal.objects.count() == count
