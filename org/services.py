"""Writes on people: hiring, team moves, position changes, departures."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.permissions import clear_profile
from core.roles import Role
from core.services import audit_event, save_checked

from .models import Employee

ROLE_GROUPS = {role.value for role in Role}


def _sync_role_group(user, position):
    """The user's role group is the one named by their position (other groups are kept)."""
    keep = user.groups.exclude(name__in=ROLE_GROUPS)
    user.groups.set([*keep, Group.objects.get_or_create(name=position)[0]])
    clear_profile(user)


@transaction.atomic
def employee_create(*, actor, username, password=None, **fields):
    """Hire: create the login and the employee, in the role group of the position."""
    User = get_user_model()
    user = User(username=username, full_name=fields.get("name", ""), email=fields.get("email", ""))
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    employee = Employee(user=user, **fields)
    save_checked(employee, actor)
    _sync_role_group(user, employee.position)
    audit_event(
        actor=actor,
        verb="hired",
        target=employee,
        message=_("Joined as %(position)s") % {"position": employee.get_position_display()},
    )
    return employee


@transaction.atomic
def employee_update(*, actor, employee, **fields):
    """Change an employee's details; a new position moves them to its role group."""
    # From the database: a bound ModelForm has already copied its data onto ``employee``.
    old_position = (
        Employee.objects.filter(pk=employee.pk).values_list("position", flat=True).first()
    )
    for name, value in fields.items():
        setattr(employee, name, value)
    save_checked(employee, actor)
    user = employee.user
    if employee.name and user.full_name != employee.name:
        user.full_name = employee.name
        user.save(update_fields=["full_name"])
    if employee.position != old_position:
        _sync_role_group(user, employee.position)
    return employee


@transaction.atomic
def employee_leave(*, actor, employee, left_on, reason=""):
    """A departure: status Left with its date, and the login disabled at once."""
    if employee.status == Employee.Status.LEFT:
        raise ValidationError(_("%(name)s has already left.") % {"name": employee.name})
    employee.status = Employee.Status.LEFT
    employee.left_on = left_on
    employee._change_reason = reason or _("Left the company")
    save_checked(employee, actor)
    user = employee.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_event(
        actor=actor,
        verb="left",
        target=employee,
        message=_("Left on %(date)s") % {"date": left_on.isoformat()},
        data={"reason": reason},
    )
    return employee
