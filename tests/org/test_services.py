"""People services: hiring, role groups, team moves, departures, years of service."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from core.roles import Role
from core.services import acting_as
from org import services
from org.models import Employee
from tests.factories import make_employee

pytestmark = pytest.mark.django_db


def group_names(user):
    return sorted(user.groups.values_list("name", flat=True))


def test_employee_create_puts_the_login_in_the_role_group(hr, team_a):
    employee = services.employee_create(
        actor=hr,
        username="zhangwei",
        password="Long-Enough-Pass-1",
        employee_no="E0100",
        name="張偉",
        position=Role.CLERK,
        team=team_a,
        hire_date=dt.date(2024, 3, 1),
    )
    user = employee.user
    assert group_names(user) == ["clerk"]
    assert user.full_name == "張偉"
    assert user.check_password("Long-Enough-Pass-1")
    assert user.has_perm("org.view_employee")
    assert not user.has_perm("org.change_employee")
    event = AuditEvent.objects.get(verb="hired", object_id=str(employee.pk))
    assert (event.actor, event.target) == (hr, employee)


def test_employee_create_is_atomic(hr):
    with pytest.raises(ValidationError):
        services.employee_create(
            actor=hr,
            username="nobody",
            employee_no="E0101",
            name="",  # required
            position=Role.CLERK,
            hire_date=dt.date(2024, 3, 1),
        )
    assert not Employee.objects.filter(employee_no="E0101").exists()
    assert not hr._meta.model.objects.filter(username="nobody").exists()


def test_position_change_moves_the_role_group_and_keeps_other_groups(hr, salesperson):
    extra = Group.objects.create(name="fire wardens")
    salesperson.groups.add(extra)
    services.employee_update(actor=hr, employee=salesperson.employee, position=Role.SUPERVISOR)
    assert group_names(salesperson) == ["fire wardens", "supervisor"]


def test_position_change_through_the_edit_view_moves_the_role_group(hr, salesperson, client_for):
    employee = salesperson.employee
    response = client_for(hr).post(
        f"/org/employees/{employee.pk}/edit/",
        {
            "employee_no": employee.employee_no,
            "name": employee.name,
            "position": Role.SUPERVISOR,
            "team": employee.team_id,
            "hire_date": employee.hire_date.isoformat(),
            "prior_years_service": "0",
            "status": "active",
        },
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.position == Role.SUPERVISOR
    assert group_names(salesperson) == ["supervisor"]


def test_employee_add_through_the_view(hr, team_a, client_for):
    response = client_for(hr).post(
        "/org/employees/add/",
        {
            "username": "newclerk",
            "employee_no": "E0200",
            "name": "劉芳",
            "position": Role.CLERK,
            "team": team_a.pk,
            "hire_date": "2025-02-01",
            "prior_years_service": "1.5",
            "status": "active",
        },
    )
    employee = Employee.objects.get(employee_no="E0200")
    assert response.status_code == 302
    assert response["Location"] == employee.get_absolute_url()
    assert group_names(employee.user) == ["clerk"]
    assert employee.history.get().history_user == hr


def test_team_change_is_recorded_in_history(hr, salesperson, team_b):
    employee = salesperson.employee
    with acting_as(hr):
        services.employee_update(actor=hr, employee=employee, team=team_b)
    new, old = employee.history.all()[:2]
    assert (old.team.code, new.team.code) == ("A", "B")
    assert new.history_user == hr
    diff = new.diff_against(old)
    assert diff.changed_fields == ["team"]


def test_employee_leave_disables_the_login_and_records_it(hr, salesperson):
    employee = salesperson.employee
    with acting_as(hr):
        services.employee_leave(
            actor=hr, employee=employee, left_on=dt.date(2026, 1, 31), reason="Resigned"
        )
    employee.refresh_from_db()
    salesperson.refresh_from_db()
    assert employee.status == Employee.Status.LEFT
    assert employee.left_on == dt.date(2026, 1, 31)
    assert not salesperson.is_active
    record = employee.history.latest()
    assert (record.status, record.history_user, record.history_change_reason) == (
        "left",
        hr,
        "Resigned",
    )
    event = AuditEvent.objects.get(verb="left")
    assert (event.actor, event.target, event.data) == (hr, employee, {"reason": "Resigned"})
    with pytest.raises(ValidationError):
        services.employee_leave(actor=hr, employee=employee, left_on=dt.date(2026, 2, 1))


def test_leaver_is_logged_out_on_the_next_request(hr, salesperson, client_for):
    client = client_for(salesperson)
    assert client.get("/").status_code == 200
    services.employee_leave(actor=hr, employee=salesperson.employee, left_on=dt.date(2026, 1, 31))
    response = client.get("/org/employees/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # the session is gone, not just refused once
    assert "_auth_user_id" not in client.session


def test_leave_through_the_view(hr, salesperson, client_for):
    employee = salesperson.employee
    response = client_for(hr).post(
        f"/org/employees/{employee.pk}/leave/", {"left_on": "2026-01-31", "reason": "Moved away"}
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.status == Employee.Status.LEFT
    assert employee.history.latest().history_user == hr


def test_a_leaver_needs_a_date(salesperson):
    employee = salesperson.employee
    employee.status = Employee.Status.LEFT
    with pytest.raises(ValidationError):
        employee.full_clean()


@pytest.mark.parametrize(
    ("hired", "prior", "on", "expected"),
    [
        (dt.date(2020, 1, 1), Decimal("0"), dt.date(2025, 1, 1), Decimal("5.0")),
        (dt.date(2020, 1, 1), Decimal("1.5"), dt.date(2025, 1, 1), Decimal("6.5")),
        (dt.date(2024, 7, 1), Decimal("0"), dt.date(2025, 3, 1), Decimal("0.6")),
        (dt.date(2026, 1, 1), Decimal("2"), dt.date(2025, 1, 1), Decimal("2.0")),  # not yet
    ],
)
def test_years_of_service(hired, prior, on, expected, db):
    user = make_employee(Role.CLERK, hire_date=hired, prior_years_service=prior)
    assert user.employee.years_of_service(on) == expected
