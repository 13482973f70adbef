"""The permission layer: role scope per persona, explicit grants, child records, dropdowns."""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from core.forms import BaseModelForm, restrict_form_fields
from core.models import AuditEvent
from core.permissions import can, clear_profile, grant_q
from core.services import object_grant_access, object_grants, object_revoke_access
from core.views.generic import ObjectDetailView, ObjectEditView, get_visible_or_404
from org import services as org_services
from org.forms import EmployeeForm
from org.models import Employee, Grade, Team

pytestmark = pytest.mark.django_db

COMPANY_WIDE = ("hr", "manager", "compliance", "superuser")


def names(qs):
    return sorted(str(o) for o in qs)


def fresh(user):
    """The user as a new request would load it: no cached permissions or profile."""
    return get_user_model().objects.get(pk=user.pk)


# --- role scope on the org models ---------------------------------------------------------


@pytest.fixture
def people(personas):
    """Every persona's employee record, by persona name."""
    return {
        name: user.employee.name
        for name, user in personas.items()
        if user is not None and hasattr(user, "employee")
    }


EMPLOYEES_SEEN = {
    # own record only: a salesperson neither leads nor supports a team
    "salesperson": {"salesperson"},
    "other_salesperson": {"other_salesperson"},
    # the clerk supports team A, the supervisor leads it
    "clerk": {"clerk", "salesperson", "supervisor"},
    "supervisor": {"clerk", "salesperson", "supervisor"},
}


@pytest.mark.parametrize(
    "persona",
    ["clerk", "salesperson", "other_salesperson", "supervisor", "hr", "manager", "compliance"],
)
def test_employee_rows_each_persona_sees(persona, personas, people):
    seen = Employee.objects.visible_to(personas[persona])
    expected = set(people) if persona in COMPANY_WIDE else EMPLOYEES_SEEN[persona]
    assert names(seen) == sorted(people[p] for p in expected)


def test_superuser_sees_every_employee(personas, people):
    assert Employee.objects.visible_to(personas["superuser"]).count() == len(people)


TEAMS_SEEN = {
    "clerk": ["Team A"],
    "salesperson": ["Team A"],  # their own team
    "other_salesperson": ["Team B"],
    "supervisor": ["Team A"],
    "hr": ["Team A", "Team B"],
    "manager": ["Team A", "Team B"],
    "compliance": ["Team A", "Team B"],
    "superuser": ["Team A", "Team B"],
}


@pytest.mark.parametrize("persona", sorted(TEAMS_SEEN))
def test_team_rows_each_persona_sees(persona, personas):
    assert names(Team.objects.visible_to(personas[persona])) == TEAMS_SEEN[persona]


def test_grades_are_reference_data_for_whoever_may_view_them(personas):
    Grade.objects.create(code="S1", name="專員")
    for persona in ("salesperson", "hr"):
        assert Grade.objects.visible_to(personas[persona]).count() == 1


def test_a_team_move_takes_effect_at_once(personas, team_b):
    supervisor, salesperson = personas["supervisor"], personas["salesperson"]
    assert can(supervisor, salesperson.employee)
    org_services.employee_update(actor=personas["hr"], employee=salesperson.employee, team=team_b)
    assert not can(fresh(supervisor), salesperson.employee)
    assert can(fresh(personas["other_salesperson"]), team_b)


def test_losing_the_lead_of_a_team_hides_it_at_once(personas, team_a):
    supervisor = personas["supervisor"]
    team_a.supervisor = None
    team_a.save()
    # the supervisor still belongs to team A, so still sees the team, but not its people
    assert names(Employee.objects.visible_to(fresh(supervisor))) == [supervisor.employee.name]


def test_user_without_the_model_permission_sees_nothing(personas, client):
    nobody = get_user_model().objects.create_user("nobody", password="x")
    assert not Employee.objects.visible_to(nobody).exists()
    assert not Team.objects.visible_to(nobody).exists()
    client.force_login(nobody)
    assert client.get("/org/employees/").status_code == 403


def test_inactive_and_anonymous_users_see_nothing(personas):
    hr = personas["hr"]
    hr.is_active = False
    hr.save()
    assert not Employee.objects.visible_to(fresh(hr)).exists()
    assert not Employee.objects.visible_to(AnonymousUser()).exists()
    assert not Employee.objects.visible_to(None).exists()
    superuser = personas["superuser"]
    superuser.is_active = False
    superuser.save()
    assert not Employee.objects.visible_to(fresh(superuser)).exists()


def test_can_checks_one_object(personas):
    record = personas["salesperson"].employee
    assert can(personas["supervisor"], record)
    assert can(personas["salesperson"], record)
    assert not can(personas["other_salesperson"], record)
    # HR may change employees; the supervisor may only view them
    assert can(personas["hr"], record, "change")
    assert not can(personas["supervisor"], record, "change")


def test_hidden_record_is_a_404(personas, client_for):
    record = personas["salesperson"].employee
    url = record.get_absolute_url()
    assert client_for(personas["other_salesperson"]).get(url).status_code == 404
    assert client_for(personas["supervisor"]).get(url).status_code == 200
    with pytest.raises(Http404):
        get_visible_or_404(Employee, personas["other_salesperson"], record.pk)


def test_posting_a_team_outside_the_dropdown_is_refused(personas, client_for, team_b):
    """The restriction is enforced on POST too, not only in the rendered options."""
    # A clerk of team A allowed to change employees tries to move a colleague to team B.
    clerk = personas["clerk"]
    group = Group.objects.create(name="people-editors")
    group.permissions.add(
        *Group.objects.get(name="hr").permissions.filter(codename="change_employee")
    )
    clerk.groups.add(group)
    record = personas["salesperson"].employee
    data = {
        "employee_no": record.employee_no,
        "name": record.name,
        "position": record.position,
        "team": team_b.pk,
        "hire_date": "2020-01-01",
        "prior_years_service": "0",
        "status": "active",
    }
    response = client_for(clerk).post(f"/org/employees/{record.pk}/edit/", data)
    assert response.status_code == 200
    assert "team" in response.context["form"].errors
    record.refresh_from_db()
    assert record.team.code == "A"


# --- dropdowns ----------------------------------------------------------------------------


def test_employee_form_team_dropdown_is_restricted(personas, team_a, team_b):
    form = EmployeeForm(user=personas["supervisor"])
    assert list(form.fields["team"].queryset) == [team_a]
    html = str(form["team"])
    assert "Team A" in html and "Team B" not in html
    assert set(EmployeeForm(user=personas["hr"]).fields["team"].queryset) == {team_a, team_b}


def test_restrict_form_fields_on_a_plain_form(personas, team_a):
    class PickEmployee(forms.Form):
        employee = forms.ModelChoiceField(queryset=Employee.objects.all())

    form = PickEmployee()
    restrict_form_fields(form, personas["salesperson"])
    assert list(form.fields["employee"].queryset) == [personas["salesperson"].employee]


def test_filter_dropdowns_are_restricted(personas, client_for):
    response = client_for(personas["other_salesperson"]).get("/org/employees/")
    team_field = response.context["filter"].form.fields["team"]
    assert names(team_field.queryset) == ["Team B"]


# --- explicit grants on a model with direct grant tables (see tests/core/conftest.py) -------


@pytest.fixture
def shared(probe, probe_perms, personas, team_a, team_b):
    """Probe rows: one of the salesperson's, two of team B, one of nobody's."""
    Probe = probe.Probe
    other = personas["other_salesperson"]
    return {
        "own": Probe.objects.create(name="own", owner=personas["salesperson"], team=team_a),
        "team_b": Probe.objects.create(name="team_b", owner=other, team=team_b),
        "shared": Probe.objects.create(name="shared", owner=other, team=team_b),
        "orphan": Probe.objects.create(name="orphan"),
    }


def visible(probe, user, action="view"):
    return names(probe.Probe.objects.visible_to(fresh(user), action))


def test_role_scope_on_a_model_with_owner_and_team(probe, shared, personas):
    assert visible(probe, personas["salesperson"]) == ["own"]
    assert visible(probe, personas["other_salesperson"]) == ["shared", "team_b"]
    assert visible(probe, personas["supervisor"]) == ["own"]
    assert visible(probe, personas["clerk"]) == ["own"]
    for persona in COMPANY_WIDE:
        assert visible(probe, personas[persona]) == ["orphan", "own", "shared", "team_b"]


def test_user_grant_shows_the_row_until_revoked(probe, shared, personas, client_for):
    salesperson, hr = personas["salesperson"], personas["hr"]
    record = shared["shared"]
    with pytest.raises(Http404):
        get_visible_or_404(probe.Probe, salesperson, record.pk)

    object_grant_access(obj=record, actor=hr, to=salesperson, reason="co-services")
    assert visible(probe, salesperson) == ["own", "shared"]
    assert visible(probe, salesperson, "change") == ["own", "shared"]
    assert get_visible_or_404(probe.Probe, fresh(salesperson), record.pk) == record
    # nobody else gained anything
    assert visible(probe, personas["supervisor"]) == ["own"]
    assert object_grants(record) == [(salesperson, ["change", "view"])]
    event = AuditEvent.objects.get(verb="grant")
    assert event.actor == hr
    assert event.target == record
    assert event.data == {
        "user": salesperson.pk,
        "actions": ["view", "change"],
        "reason": "co-services",
    }

    object_revoke_access(obj=record, actor=hr, to=salesperson)
    assert visible(probe, salesperson) == ["own"]
    assert object_grants(record) == []
    assert AuditEvent.objects.filter(verb="revoke", actor=hr).count() == 1
    with pytest.raises(Http404):
        get_visible_or_404(probe.Probe, fresh(salesperson), record.pk)


def test_view_only_grant_does_not_allow_changes(probe, shared, personas):
    salesperson = personas["salesperson"]
    object_grant_access(
        obj=shared["shared"], actor=personas["hr"], to=salesperson, actions=["view"]
    )
    assert visible(probe, salesperson) == ["own", "shared"]
    assert visible(probe, salesperson, "change") == ["own"]
    assert not can(fresh(salesperson), shared["shared"], "change")


def test_group_grant_reaches_every_member(probe, shared, personas):
    cover = Group.objects.create(name="covering team B")
    personas["supervisor"].groups.add(cover)
    object_grant_access(obj=shared["team_b"], actor=personas["hr"], to=cover)
    assert visible(probe, personas["supervisor"]) == ["own", "team_b"]
    # not a member: nothing new
    assert visible(probe, personas["clerk"]) == ["own"]
    assert object_grants(shared["team_b"]) == [(cover, ["change", "view"])]
    # leaving the group loses the access at once
    personas["supervisor"].groups.remove(cover)
    assert visible(probe, personas["supervisor"]) == ["own"]


def test_grant_without_the_model_permission_shows_nothing(probe, shared, personas):
    outsider = get_user_model().objects.create_user("outsider", password="x")
    object_grant_access(obj=shared["shared"], actor=personas["hr"], to=outsider)
    assert visible(probe, outsider) == []


def test_superuser_sees_everything_without_grants(probe, shared, personas):
    superuser = personas["superuser"]
    assert visible(probe, superuser) == ["orphan", "own", "shared", "team_b"]
    assert visible(probe, superuser, "delete") == ["orphan", "own", "shared", "team_b"]


def test_grants_answer_404_or_200_in_a_detail_view(probe, shared, personas):
    view = ObjectDetailView.as_view(model=probe.Probe)
    record = shared["shared"]

    def get(user):
        request = RequestFactory().get(f"/probe/{record.pk}/")
        request.user = fresh(user)
        request.session = {}
        return view(request, pk=record.pk)

    with pytest.raises(Http404):
        get(personas["salesperson"])
    object_grant_access(obj=record, actor=personas["hr"], to=personas["salesperson"])
    assert get(personas["salesperson"]).status_code == 200
    outsider = get_user_model().objects.create_user("outsider", password="x")
    with pytest.raises(PermissionDenied):
        get(outsider)


def test_child_records_inherit_the_parent_scope_and_grants(probe, shared, personas):
    Child = probe.Child
    for parent in shared.values():
        Child.objects.create(name=f"{parent.name}-child", parent=parent)
    salesperson = personas["salesperson"]
    assert names(Child.objects.visible_to(fresh(salesperson))) == ["own-child"]
    object_grant_access(obj=shared["shared"], actor=personas["hr"], to=salesperson)
    assert names(Child.objects.visible_to(fresh(salesperson))) == ["own-child", "shared-child"]
    assert Child.objects.visible_to(fresh(personas["manager"])).count() == 4


def test_child_form_dropdown_offers_only_visible_parents(probe, shared, personas):
    class ChildForm(BaseModelForm):
        class Meta:
            model = probe.Child
            fields = ["name", "parent"]

    salesperson = personas["salesperson"]
    assert names(ChildForm(user=fresh(salesperson)).fields["parent"].queryset) == ["own"]
    form = ChildForm({"name": "x", "parent": shared["team_b"].pk}, user=fresh(salesperson))
    assert not form.is_valid()
    assert "parent" in form.errors


def test_grant_q_uses_the_direct_tables_only(probe, shared, personas):
    salesperson = personas["salesperson"]
    assert grant_q(probe.Probe, fresh(salesperson), "view") is None  # nothing shared yet
    object_grant_access(obj=shared["shared"], actor=personas["hr"], to=salesperson)
    assert grant_q(probe.Probe, fresh(salesperson), "view") is not None
    # org models have no grant tables: the role scope alone decides
    assert grant_q(Employee, salesperson, "view") is None
    assert grant_q(Team, salesperson, "view") is None


def test_grants_are_read_once_and_inlined(probe, shared, personas, django_assert_num_queries):
    """The granted ids are one small query per request, then a plain ``pk IN (ids)``."""
    salesperson = fresh(personas["salesperson"])
    object_grant_access(obj=shared["shared"], actor=personas["hr"], to=salesperson)
    list(probe.Probe.objects.visible_to(salesperson))
    with django_assert_num_queries(1) as ctx:
        assert "shared" in names(probe.Probe.objects.visible_to(salesperson))
    sql = ctx.captured_queries[0]["sql"]
    assert "SELECT" not in sql.upper().split("WHERE", 1)[1]  # no subquery left


def test_many_grants_stay_a_subquery(probe, shared, personas, monkeypatch):
    monkeypatch.setattr("core.permissions.INLINE_GRANTS_MAX", 0)
    salesperson = fresh(personas["salesperson"])
    object_grant_access(obj=shared["shared"], actor=personas["hr"], to=salesperson)
    assert "shared" in names(probe.Probe.objects.visible_to(salesperson))


def test_a_group_grant_is_seen(probe, shared, personas):
    salesperson = personas["salesperson"]
    group = Group.objects.create(name="Shared desk")
    salesperson.groups.add(group)
    assert "shared" not in names(probe.Probe.objects.visible_to(fresh(salesperson)))
    object_grant_access(obj=shared["shared"], actor=personas["hr"], to=group)
    assert "shared" in names(probe.Probe.objects.visible_to(fresh(salesperson)))


def test_grant_on_a_model_without_grant_tables_is_refused(personas, team_b):
    """A share that visible_to would ignore must not be recorded as if it worked."""
    salesperson = personas["salesperson"]
    with pytest.raises(ImproperlyConfigured):
        object_grant_access(obj=team_b, actor=personas["hr"], to=salesperson)
    assert not AuditEvent.objects.filter(verb="grant").exists()
    assert not can(fresh(salesperson), team_b)


def test_profile_is_computed_once_per_user_object(personas, django_assert_num_queries):
    supervisor = fresh(personas["supervisor"])
    list(Employee.objects.visible_to(supervisor))
    # permissions and profile are cached on the user: one query for the rows only
    with django_assert_num_queries(1):
        list(Employee.objects.visible_to(supervisor))
    clear_profile(supervisor)
    assert not hasattr(supervisor, "_access_profile")


def test_edit_that_would_hide_the_record_is_rolled_back(probe, shared, personas):
    """After a write the view re-checks visibility: a save that hides the row is undone."""

    class ProbeForm(BaseModelForm):
        class Meta:
            model = probe.Probe
            fields = ["name", "owner", "team"]

    view = ObjectEditView.as_view(model=probe.Probe, form_class=ProbeForm)
    record = shared["own"]
    salesperson = personas["salesperson"]
    request = RequestFactory().post(
        "/probe/edit/",
        {"name": "given away", "owner": personas["other_salesperson"].pk, "team": record.team_id},
    )
    request.user = fresh(salesperson)
    request.session = {}
    response = view(request, pk=record.pk)
    assert response.status_code == 200
    assert response.context_data["form"].non_field_errors()
    record.refresh_from_db()
    assert (record.name, record.owner) == ("own", salesperson)
