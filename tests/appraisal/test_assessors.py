"""Who assesses: the team's supervisor for a salesperson or clerk, a manager for a
supervisor's own appraisal, HR or the role the setting names for a manager's; a manager
sees and assesses only the appraisals they are named on (with the private notes)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from appraisal import selectors, services
from appraisal.models import Appraisal, PrivateNote, Stage
from core import params
from tests.factories import make_employee

from .factories import make_template, open_round, ratings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def templates(hr):
    for position in ("salesperson", "clerk", "supervisor", "manager"):
        make_template(hr, position)


def _of(round_, user):
    return round_.appraisals.get(employee__user=user)


def test_a_supervisor_is_assessed_by_a_manager(templates, hr, personas):
    round_ = open_round(hr)
    manager = personas["manager"]
    assert _of(round_, personas["salesperson"]).supervisor == personas["supervisor"]
    assert _of(round_, personas["supervisor"]).supervisor == manager
    # a manager's own appraisal: HR by default (nobody named)
    assert _of(round_, manager).supervisor is None


def test_the_setting_names_the_role_that_assesses_a_manager(templates, hr, personas):
    second = make_employee("manager", username="manager2")
    params.set_value("appraisal.manager_assessor", "manager", actor=hr)
    round_ = open_round(hr)
    # each manager is assessed by the other (the first by employee number who is not them)
    assert _of(round_, personas["manager"]).supervisor == second
    assert _of(round_, second).supervisor == personas["manager"]


def test_a_supervisor_without_a_manager_goes_to_hr(templates, hr, personas):
    from org.models import Employee

    Employee.objects.filter(position="manager").update(status="left", left_on="2026-01-01")
    round_ = open_round(hr)
    assert _of(round_, personas["supervisor"]).supervisor is None


def test_the_manager_assesses_the_supervisor_and_sees_no_one_else(
    templates, hr, personas, client_for
):
    round_ = open_round(hr)
    manager, supervisor = personas["manager"], personas["supervisor"]
    theirs = _of(round_, supervisor)
    services.self_submit(actor=supervisor, appraisal=theirs, ratings=ratings(theirs))
    with pytest.raises(PermissionDenied):
        services.supervisor_submit(actor=hr, appraisal=theirs, ratings=ratings(theirs))
    services.supervisor_submit(
        actor=manager,
        appraisal=theirs,
        ratings=ratings(theirs, 5, 90),
        comment="Leads well",
        private_notes="MANAGER-NOTE",
    )
    theirs.refresh_from_db()
    assert theirs.stage == Stage.HR and theirs.assessed_by == manager
    # the manager's row scope: their own appraisal and the one they assess, not every team's
    visible = set(Appraisal.objects.visible_to(manager).values_list("pk", flat=True))
    assert visible == {theirs.pk, _of(round_, manager).pk}
    assert list(PrivateNote.objects.visible_to(manager)) == [theirs.private_note]
    assert selectors.private_note(theirs, supervisor) is None  # never the employee
    client = client_for(manager)
    page = client.get(theirs.get_absolute_url())
    assert page.status_code == 200 and "MANAGER-NOTE" in page.content.decode()
    other = _of(round_, personas["salesperson"])
    assert client.get(other.get_absolute_url()).status_code == 404
    team = client.get(reverse("appraisal:team_appraisals"))
    assert [row.pk for row in team.context["table"].data] == [theirs.pk]
    # the supervisor does not see the manager's notes on their own appraisal
    own = client_for(supervisor).get(theirs.get_absolute_url()).content.decode()
    assert "MANAGER-NOTE" not in own
    # HR still sees every appraisal
    assert Appraisal.objects.visible_to(hr).count() == round_.appraisals.count()


def test_manager_my_work_lists_the_supervisor_assessment(templates, hr, personas):
    from appraisal.providers import my_work

    round_ = open_round(hr)
    supervisor = personas["supervisor"]
    theirs = _of(round_, supervisor)
    services.self_submit(actor=supervisor, appraisal=theirs, ratings=ratings(theirs))
    items = my_work(personas["manager"])
    assert [(i.count, i.url) for i in items if "Supervisor" in str(i.label)] == [
        (1, reverse("appraisal:team_appraisals"))
    ]
