"""A team meeting's action item: the assignee is a type-ahead over the members of the
meeting's team (core.pickers), bound to the user, never a list of every colleague."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import Role
from sales import services
from sales.forms import ActionItemForm
from sales.models import SalesTask, TeamMeeting
from tests.factories import make_employee

pytestmark = pytest.mark.django_db


def _meeting(actor, team):
    return services.meeting_save(
        actor=actor,
        meeting=TeamMeeting(team=team, date=dt.date.today(), agenda="Monthly review"),
        attendees=[],
    )


def _data(assignee, **extra):
    return {"assignee": assignee.pk, "title": "Call back", "due_date": "2026-12-31", **extra}


def _search(client, team):
    response = client.get(reverse("core:picker", args=["sales.team_member"]), {"team": team.pk})
    assert response.status_code == 200
    return {int(k) for k in re.findall(r'data-value="(\d+)"', response.content.decode())}


def test_the_search_offers_the_members_of_the_meetings_team(
    client_for, supervisor, salesperson, clerk, other_salesperson, team_a, team_b
):
    assert salesperson.pk in _search(client_for(supervisor), team_a)
    assert other_salesperson.pk not in _search(client_for(supervisor), team_a)
    # team B is not led by the supervisor: nothing of it is offered
    assert _search(client_for(supervisor), team_b) == set()


def test_an_assignee_of_another_team_is_a_field_error(
    superuser, supervisor, salesperson, other_salesperson, team_a, team_b
):
    meeting = _meeting(supervisor, team_a)
    form = ActionItemForm(_data(other_salesperson), team=meeting.team, user=supervisor)
    assert not form.is_valid() and "assignee" in form.errors
    # the superuser leads every team, yet a posted "team" does not widen the meeting's team
    form = ActionItemForm(
        _data(other_salesperson, team=team_b.pk), team=meeting.team, user=superuser
    )
    assert not form.is_valid() and "assignee" in form.errors
    # unbound from a user, nobody is choosable
    form = ActionItemForm(_data(salesperson), team=meeting.team)
    assert not form.is_valid() and "assignee" in form.errors
    form = ActionItemForm(_data(salesperson), team=meeting.team, user=supervisor)
    assert form.is_valid(), form.errors
    assert "team" not in form.cleaned_data


def test_posting_an_outsider_creates_no_task(
    client_for, supervisor, salesperson, other_salesperson, team_a
):
    meeting = _meeting(supervisor, team_a)
    url = reverse("sales:teammeeting_action", args=[meeting.pk])
    assert client_for(supervisor).post(url, _data(other_salesperson)).status_code == 302
    assert not SalesTask.objects.exists()
    assert client_for(supervisor).post(url, _data(salesperson)).status_code == 302
    assert SalesTask.objects.get().assignee == salesperson


def test_the_meeting_page_costs_the_same_for_5_and_40_members(
    client_for, supervisor, team_a, django_assert_num_queries
):
    meeting = _meeting(supervisor, team_a)
    client = client_for(supervisor)
    url = meeting.get_absolute_url()

    def add(n):
        for _ in range(n):
            make_employee(Role.SALESPERSON, team=team_a)

    add(5)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-picker" in page
    options = page.count("<option")
    expected = len(ctx.captured_queries)  # now: the query log is a bounded deque
    add(35)
    client.get(url)  # warm again: the new rows moved the cached tables' versions
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.content.decode().count("<option") == options
