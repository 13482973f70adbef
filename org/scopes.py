"""The access profile of a user: the teams they lead or support, and their own team."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from core.permissions import COMPANY_WIDE_PERM, AccessProfile


def access_profile(user):
    from .models import Employee, Team

    rows = (
        Team.objects.filter(Q(supervisor_id=user.pk) | Q(clerks__id=user.pk), active=True)
        .values_list("pk", "supervisor_id")
        .distinct()
    )
    team_ids, led = set(), set()
    for pk, supervisor_id in rows:
        team_ids.add(pk)
        if supervisor_id == user.pk:
            led.add(pk)
    # The employee record is read whole and kept on the user (``user.employee``): pages read
    # the position from it, and this saves them a second query.
    employee = Employee.objects.filter(user_id=user.pk).first()
    if user.pk is not None:
        get_user_model().employee.related.set_cached_value(user, employee)
    own_team_id = employee.team_id if employee is not None else None
    return AccessProfile(
        user_id=user.pk,
        own_team_id=own_team_id,
        team_ids=frozenset(team_ids),
        led_team_ids=frozenset(led),
        # A team one leads counts as led even if one is also listed among its clerks.
        supported_team_ids=frozenset(team_ids - led),
        company_wide=user.has_perm(COMPANY_WIDE_PERM),
        role=employee.position if employee is not None else "",
    )
