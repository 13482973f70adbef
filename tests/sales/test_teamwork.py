"""Targets (only the team's supervisor sets them), tasks, meetings, market research."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core import mywork
from sales import services
from sales.models import SalesTarget, SalesTask, TeamMeeting
from tests.factories import make_employee

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MONTH = dt.date(2026, 12, 17)


def test_supervisor_sets_the_teams_and_members_targets(supervisor, salesperson, team_a):
    team_target = services.target_set(
        actor=supervisor, team=team_a, month=MONTH, premium=Decimal("500000"), visits=120
    )
    assert team_target.month == dt.date(2026, 12, 1)
    person = services.target_set(
        actor=supervisor, team=team_a, user=salesperson, month=MONTH, premium=Decimal("80000")
    )
    assert person.set_by == supervisor
    assert person.history.first().history_user == supervisor
    # Setting again changes the same row.
    again = services.target_set(
        actor=supervisor, team=team_a, user=salesperson, month=MONTH, premium=Decimal("90000")
    )
    assert again.pk == person.pk
    assert SalesTarget.objects.count() == 2


@pytest.mark.parametrize("who", ["salesperson", "clerk", "manager", "other_supervisor"])
def test_nobody_else_sets_the_teams_targets(who, personas, team_a, team_b):
    if who == "other_supervisor":
        actor = make_employee("supervisor", team=team_b, username="sup_b")
        team_b.supervisor = actor
        team_b.save()
    else:
        actor = personas[who]
    with pytest.raises(PermissionDenied):
        services.target_set(actor=actor, team=team_a, month=MONTH, premium=Decimal("1"))
    assert not SalesTarget.objects.exists()


def test_target_for_someone_outside_the_team_is_refused(supervisor, team_a, other_salesperson):
    with pytest.raises(ValidationError):
        services.target_set(actor=supervisor, team=team_a, user=other_salesperson, month=MONTH)


def test_target_form_only_offers_led_teams(supervisor, team_a, team_b, client_for):
    client = client_for(supervisor)
    response = client.get(reverse("sales:salestarget_add"))
    assert list(response.context["form"].fields["team"].queryset) == [team_a]
    response = client.post(
        reverse("sales:salestarget_add"),
        {"team": team_b.pk, "month": "2026-12-01", "premium": "1", "new_policies": 0, "visits": 0},
    )
    assert response.status_code == 200  # refused: team B is not offered
    assert not SalesTarget.objects.exists()
    response = client.post(
        reverse("sales:salestarget_add"),
        {
            "team": team_a.pk,
            "month": "2026-12-01",
            "premium": "1000",
            "new_policies": 3,
            "visits": 40,
        },
    )
    assert response.status_code == 302
    assert SalesTarget.objects.get().set_by == supervisor


def test_salesperson_sees_own_target_not_a_colleagues(supervisor, salesperson, team_a):
    colleague = make_employee("salesperson", team=team_a, username="colleague")
    mine = services.target_set(actor=supervisor, team=team_a, user=salesperson, month=MONTH)
    theirs = services.target_set(actor=supervisor, team=team_a, user=colleague, month=MONTH)
    visible = set(SalesTarget.objects.visible_to(salesperson))
    assert mine in visible and theirs not in visible
    assert {mine, theirs} <= set(SalesTarget.objects.visible_to(supervisor))


def test_tasks_assigned_show_in_my_work(supervisor, salesperson, team_a):
    task = services.task_assign(
        actor=supervisor,
        team=team_a,
        assignee=salesperson,
        title="Call back the seminar leads",
        due_date=dt.date.today() - dt.timedelta(days=1),
    )
    items = {i.label: i for i in mywork.items_for(salesperson)}
    assert items["Tasks due"].count == 1 and items["Tasks due"].overdue
    assert salesperson.notifications.filter(title__contains="seminar").exists()
    services.task_set_status(actor=salesperson, task=task, status="done")
    task.refresh_from_db()
    assert task.status == "done" and task.done_at is not None
    assert task.history.first().history_user == salesperson


def test_only_a_supervisor_assigns_tasks(salesperson, clerk, team_a):
    with pytest.raises(PermissionDenied):
        services.task_assign(
            actor=clerk, team=team_a, assignee=salesperson, title="x", due_date=dt.date.today()
        )


def test_meeting_action_items_become_tasks(supervisor, salesperson, team_a, client_for):
    meeting = services.meeting_save(
        actor=supervisor,
        meeting=TeamMeeting(team=team_a, date=dt.date.today(), agenda="Monthly review"),
        attendees=[salesperson],
    )
    client = client_for(supervisor)
    response = client.post(
        reverse("sales:teammeeting_action", args=[meeting.pk]),
        {"assignee": salesperson.pk, "title": "Prepare 3 proposals", "due_date": "2026-12-31"},
    )
    assert response.status_code == 302
    task = SalesTask.objects.get()
    assert (task.meeting, task.assignee, task.assigned_by) == (meeting, salesperson, supervisor)


def test_market_notes_are_searchable_by_everyone_selling(
    salesperson, other_salesperson, client_for
):
    from sales.models import MarketNote

    MarketNote.objects.create(
        title="平安推出新重疾險",
        competitor="平安",
        content="費率下調 5%",
        tags="重疾,價格",
        author=salesperson,
    )
    response = client_for(other_salesperson).get(reverse("sales:marketnote_list") + "?q=費率")
    assert response.context["table"].paginator.count == 1
