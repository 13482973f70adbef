"""A user's permission set and access profile, remembered between requests, and forgotten
the moment a role, a group, a team or an employee record changes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.permissions import ACCESS_VERSION_KEY, get_profile
from customers.models import Customer
from org import services as org_services
from org.models import Employee
from tests.customers.factories import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings_remembered(db):
    """The company settings (read while working out access: the customer-access gate) are
    remembered for everyone for a while (core.params): read once here, so the counts below
    are the user's own queries."""
    from core import params

    params.get(next(iter(params.definitions())))


def fresh(user):
    """The user as a new request loads it."""
    return get_user_model().objects.get(pk=user.pk)


def access_queries(user):
    """The SQL a new request's user object sends to learn its permissions and profile."""
    with CaptureQueriesContext(connection) as ctx:
        user.has_perm("customers.view_customer")
        get_profile(user)
    return [q["sql"] for q in ctx.captured_queries]


def test_a_second_request_reads_permissions_and_profile_from_the_cache(supervisor, team_a):
    first = fresh(supervisor)
    assert len(access_queries(first)) == 4  # user perms, group perms, teams, employee
    second = fresh(supervisor)
    assert access_queries(second) == []
    assert second.get_all_permissions() == first.get_all_permissions()
    assert get_profile(second) == get_profile(first)
    assert get_profile(second).led_team_ids == {team_a.pk}
    # the employee record read by the profile comes along: no query for the top bar
    with CaptureQueriesContext(connection) as ctx:
        assert second.employee.team_id == team_a.pk
    assert not ctx.captured_queries


def test_leaving_a_group_takes_effect_on_the_next_request(clerk):
    assert fresh(clerk).has_perm("customers.add_customer")
    access_queries(fresh(clerk))  # remembered
    clerk.groups.clear()
    assert not fresh(clerk).has_perm("customers.add_customer")


def test_a_group_losing_a_permission_takes_effect_at_once(clerk, salesperson):
    assert fresh(clerk).has_perm("customers.add_customer")
    group = clerk.groups.get()
    group.permissions.remove(Permission.objects.get(codename="add_customer"))
    assert not fresh(clerk).has_perm("customers.add_customer")
    group.permissions.add(Permission.objects.get(codename="add_customer"))
    assert fresh(clerk).has_perm("customers.add_customer")


def test_a_direct_permission_takes_effect_at_once(salesperson):
    assert not fresh(salesperson).has_perm("customers.export_customer")
    salesperson.user_permissions.add(Permission.objects.get(codename="export_customer"))
    assert fresh(salesperson).has_perm("customers.export_customer")


def test_team_changes_move_the_scope_at_once(clerk, supervisor, salesperson, team_a, team_b):
    mine = make_customer(salesperson)
    assert list(Customer.objects.visible_to(fresh(clerk))) == [mine]
    team_a.clerks.remove(clerk)
    assert list(Customer.objects.visible_to(fresh(clerk))) == []
    assert list(Customer.objects.visible_to(fresh(supervisor))) == [mine]
    team_a.supervisor = None
    team_a.save()
    assert list(Customer.objects.visible_to(fresh(supervisor))) == []


def test_a_position_change_changes_the_role_at_once(hr, salesperson):
    assert fresh(salesperson).has_perm("customers.add_customer")
    assert not fresh(salesperson).has_perm("org.company_wide_access")
    org_services.employee_update(actor=hr, employee=salesperson.employee, position="manager")
    user = fresh(salesperson)
    assert user.has_perm("org.company_wide_access")
    assert get_profile(user).company_wide


def test_a_deleted_employee_record_is_not_remembered(salesperson):
    assert get_profile(fresh(salesperson)).own_team_id is not None
    Employee.objects.filter(user=salesperson).delete()
    assert get_profile(fresh(salesperson)).own_team_id is None


def test_a_login_does_not_forget_everyone(clerk, client):
    access_queries(fresh(clerk))  # remembered
    version = cache.get(ACCESS_VERSION_KEY)
    client.force_login(clerk)  # saves last_login
    assert cache.get(ACCESS_VERSION_KEY) == version
    assert access_queries(fresh(clerk)) == []


def test_a_lost_version_is_never_taken_for_a_match(clerk):
    access_queries(fresh(clerk))  # remembered under the current version
    cache.delete(ACCESS_VERSION_KEY)  # evicted, say
    assert len(access_queries(fresh(clerk))) == 4
    assert access_queries(fresh(clerk)) == []


def test_the_version_moves_again_on_commit(clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        Group.objects.create(name="a new group")
    assert callbacks  # (the query cache may move a table version on commit too)
    before = cache.get(ACCESS_VERSION_KEY)
    for callback in callbacks:
        callback()
    assert cache.get(ACCESS_VERSION_KEY) != before


def test_an_inactive_user_has_no_permissions(clerk):
    access_queries(fresh(clerk))
    clerk.is_active = False
    clerk.save()
    assert fresh(clerk).get_all_permissions() == set()
    assert not fresh(clerk).has_perm("customers.view_customer")


def test_without_a_shared_cache_every_request_works_them_out(clerk, settings):
    settings.ACCESS_CACHE_SECONDS = 0
    assert len(access_queries(fresh(clerk))) == 4
    assert len(access_queries(fresh(clerk))) == 4
    assert get_profile(fresh(clerk)).team_ids == {clerk.employee.team_id}
