"""Roles exist after migrating a fresh database; each role's navigation shows what it may use."""

import pytest
from django.contrib.auth.models import Group

from core.navigation import menu_for
from core.roles import Role, declared_role_permissions, sync_role_permissions

pytestmark = pytest.mark.django_db


def group_perms(name):
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_the_six_role_groups_exist_after_migrating():
    """The test database is migrated from scratch, like a new installation."""
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.value for role in Role} <= names


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_has_exactly_the_declared_permissions(role):
    declared = declared_role_permissions()[role]
    assert declared, f"{role} declares no permissions"
    assert group_perms(role) == declared


def test_declared_permissions_all_exist():
    """A typo in an AppConfig's role_permissions would silently grant nothing."""
    from django.contrib.auth.models import Permission

    wanted = set().union(*declared_role_permissions().values())
    existing = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert wanted <= existing, sorted(wanted - existing)


def test_sync_makes_each_role_exactly_what_is_declared(hr):
    """A role narrows as well as widens: a permission no longer declared is taken away on the
    next migrate, and a missing one given back."""
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name="hr")
    group.permissions.add(Permission.objects.get(codename="delete_team"))
    group.permissions.remove(Permission.objects.get(codename="add_team"))
    sync_role_permissions()
    perms = group_perms("hr")
    assert "org.delete_team" not in perms
    assert "org.add_team" in perms
    assert perms == declared_role_permissions()["hr"]


def test_sync_after_one_app_touches_only_that_apps_permissions(hr):
    """post_migrate runs once per app: syncing customers leaves org's permissions alone."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name="hr")
    group.permissions.add(Permission.objects.get(codename="delete_team"))
    group.permissions.add(Permission.objects.get(codename="delete_customer"))
    sync_role_permissions(sender=apps.get_app_config("customers"))
    perms = group_perms("hr")
    assert "customers.delete_customer" not in perms
    assert "org.delete_team" in perms


def test_only_company_wide_roles_see_every_team():
    wide = {role for role in Role if "org.company_wide_access" in group_perms(role.value)}
    assert wide == {Role.HR, Role.MANAGER, Role.COMPLIANCE}


def menu_urls(user):
    return {item["item"].url_name for group in menu_for(user) for item in group["items"]}


LOGS = {"core:accesslog_list", "core:exportlog_list", "core:auditevent_list"}
PEOPLE = {"org:employee_list", "org:team_list"}


@pytest.mark.parametrize(
    ("persona", "present", "absent"),
    [
        ("clerk", PEOPLE, LOGS),
        ("salesperson", PEOPLE, LOGS),
        ("supervisor", PEOPLE, LOGS),
        ("hr", PEOPLE, LOGS),
        ("manager", PEOPLE, LOGS),
        ("compliance", PEOPLE | LOGS, set()),
        ("superuser", PEOPLE | LOGS, set()),
    ],
)
def test_menu_shows_each_role_what_it_may_use(persona, present, absent, personas):
    urls = menu_urls(personas[persona])
    assert present <= urls
    assert not (absent & urls)


def test_menu_item_is_marked_current(personas):
    menu = menu_for(personas["hr"], "/org/employees/3/")
    admin = next(g for g in menu if g["group"].key == "admin")
    assert admin["active"]
    current = [i["item"].url_name for i in admin["items"] if i["active"]]
    assert current == ["org:employee_list"]


def test_user_without_a_role_has_an_empty_menu(db):
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user("nobody", password="x")
    assert menu_for(nobody) == []


def test_rendered_navigation_per_role(personas, client_for):
    compliance = client_for(personas["compliance"]).get("/").content.decode()
    assert 'href="/core/access-log/"' in compliance
    assert 'href="/core/export-log/"' in compliance
    salesperson = client_for(personas["salesperson"]).get("/").content.decode()
    assert 'href="/core/access-log/"' not in salesperson
    assert 'href="/org/employees/"' in salesperson


def test_only_hr_is_offered_employee_add(personas, client_for):
    hr = client_for(personas["hr"]).get("/org/employees/")
    assert hr.context["actions"]["add"]
    assert 'href="/org/employees/add/"' in hr.content.decode()
    for persona in ("salesperson", "supervisor", "manager", "compliance"):
        response = client_for(personas[persona]).get("/org/employees/")
        assert not response.context["actions"]["add"], persona
        assert 'href="/org/employees/add/"' not in response.content.decode(), persona


def test_edit_button_only_where_the_user_may_change(personas, client_for):
    record = personas["salesperson"].employee
    url = record.get_absolute_url()
    edit = f'href="/org/employees/{record.pk}/edit/"'
    assert edit in client_for(personas["hr"]).get(url).content.decode()
    assert edit not in client_for(personas["supervisor"]).get(url).content.decode()
    assert edit not in client_for(personas["salesperson"]).get(url).content.decode()
