"""History: the right user on every row, from a request or a service; field-by-field diffs."""

import pytest
from django.utils import translation

from core.history import history_entries
from core.services import acting_as
from org import services as org_services
from org.models import Grade

pytestmark = pytest.mark.django_db


def edit_data(employee, **changes):
    data = {
        "employee_no": employee.employee_no,
        "name": employee.name,
        "position": employee.position,
        "grade": employee.grade_id or "",
        "team": employee.team_id or "",
        "hire_date": employee.hire_date.isoformat(),
        "prior_years_service": str(employee.prior_years_service),
        "status": employee.status,
        "left_on": "",
        "mobile": employee.mobile,
        "email": employee.email,
        "change_reason": "",
    }
    data.update(changes)
    return data


def test_edit_through_the_view_writes_one_row_by_the_requesting_user(personas, client_for, team_b):
    hr = personas["hr"]
    employee = personas["salesperson"].employee
    before = employee.history.count()
    response = client_for(hr).post(
        f"/org/employees/{employee.pk}/edit/",
        edit_data(employee, team=team_b.pk, change_reason="Moved to team B"),
    )
    assert response.status_code == 302
    assert employee.history.count() == before + 1
    latest = employee.history.latest()
    assert latest.history_user == hr
    assert latest.history_type == "~"
    assert latest.history_change_reason == "Moved to team B"
    assert latest.team_id == team_b.pk


def test_team_edit_through_the_view_is_recorded(personas, client_for, team_a):
    hr = personas["hr"]
    before = team_a.history.count()
    response = client_for(hr).post(
        f"/org/teams/{team_a.pk}/edit/",
        {
            "name": "Team A renamed",
            "code": "A",
            "supervisor": team_a.supervisor_id,
            "clerks": [personas["clerk"].pk],
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert team_a.history.count() == before + 1
    assert team_a.history.latest().history_user == hr


def test_service_outside_a_request_records_its_actor(personas, team_b):
    hr = personas["hr"]
    employee = personas["salesperson"].employee
    org_services.employee_update(actor=hr, employee=employee, team=team_b)
    assert employee.history.latest().history_user == hr


def test_the_actor_of_one_save_is_not_credited_with_the_next(personas):
    hr, manager = personas["hr"], personas["manager"]
    employee = personas["salesperson"].employee
    org_services.employee_update(actor=hr, employee=employee, mobile="1")
    org_services.employee_update(actor=None, employee=employee, mobile="2")
    assert employee.history.latest().history_user is None  # a system change
    with acting_as(manager):
        org_services.employee_update(actor=None, employee=employee, mobile="3")
    assert employee.history.latest().history_user == manager


def test_acting_as_attributes_plain_saves(personas, team_a):
    hr = personas["hr"]
    with acting_as(hr):
        team_a.description = "by HR"
        team_a.save()
    assert team_a.history.latest().history_user == hr
    team_a.description = "by nobody"
    team_a.save()
    assert team_a.history.latest().history_user is None


def test_acting_as_nests_and_restores(personas, team_a):
    hr, manager = personas["hr"], personas["manager"]
    with acting_as(hr):
        with acting_as(manager):
            team_a.description = "1"
            team_a.save()
        assert team_a.history.latest().history_user == manager
        team_a.description = "2"
        team_a.save()
        assert team_a.history.latest().history_user == hr


def test_acting_as_restores_the_request_user_after_the_block(personas, team_a):
    from simple_history.models import HistoricalRecords

    request = type("Request", (), {"user": personas["hr"]})()
    HistoricalRecords.context.request = request
    try:
        with acting_as(personas["manager"]):
            pass
        assert HistoricalRecords.context.request is request
    finally:
        del HistoricalRecords.context.request


def test_history_entries_show_each_changed_field(personas, team_a, team_b):
    hr = personas["hr"]
    employee = personas["salesperson"].employee
    grade = Grade.objects.create(code="S2", name="資深專員")
    with acting_as(hr):
        org_services.employee_update(actor=hr, employee=employee, team=team_b, grade=grade)
    with translation.override("en"):
        entries = [
            {**e, "changes": [(str(label), str(old), str(new)) for label, old, new in e["changes"]]}
            for e in history_entries(employee)
        ]
    newest, created = entries[0], entries[-1]

    assert newest["who"] == hr
    assert newest["type_code"] == "~"
    assert sorted(newest["changes"]) == [
        ("grade", "—", "S2 資深專員"),
        ("team", "Team A", "Team B"),  # foreign keys shown by name, not id
    ]
    assert created["type_code"] == "+"
    created_fields = {label: new for label, _old, new in created["changes"]}
    assert created_fields["position"] == "Salesperson"  # choices shown by label
    assert created_fields["team"] == "Team A"
    assert "created" not in created_fields and "updated" not in created_fields


def test_history_entries_resolve_names_with_constant_queries(
    personas, team_a, team_b, django_assert_max_num_queries
):
    hr = personas["hr"]
    employee = personas["salesperson"].employee
    with acting_as(hr):
        for i in range(6):
            org_services.employee_update(
                actor=hr, employee=employee, team=team_b if i % 2 == 0 else team_a
            )
    # the rows, then one query per foreign key that changed (team, user)
    with django_assert_max_num_queries(3):
        entries = history_entries(employee)
    assert len(entries) == 7


def test_history_tab_renders_the_diff(personas, client_for, team_b):
    hr = personas["hr"]
    employee = personas["salesperson"].employee
    with acting_as(hr):
        employee._change_reason = "Reorganisation"
        org_services.employee_update(actor=hr, employee=employee, team=team_b)
    response = client_for(personas["manager"]).get(f"/org/employees/{employee.pk}/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<td class="history-old">Team A</td>' in html
    assert '<td class="history-new">Team B</td>' in html
    assert hr.display_name in html
    assert "Reorganisation" in html
    assert response.context["entries"][0]["who"] == hr


def test_team_history_tab(personas, client_for, team_a):
    hr = personas["hr"]
    with acting_as(hr):
        team_a.description = "Key accounts"
        team_a.save()
    response = client_for(hr).get(f"/org/teams/{team_a.pk}/history/")
    assert response.status_code == 200
    assert '<td class="history-new">Key accounts</td>' in response.content.decode()
