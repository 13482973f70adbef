"""The access profile of a user: the teams they lead or support (one query)."""

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
    own_team_id = Employee.objects.filter(user_id=user.pk).values_list("team_id", flat=True).first()
    return AccessProfile(
        user_id=user.pk,
        own_team_id=own_team_id,
        team_ids=frozenset(team_ids),
        led_team_ids=frozenset(led),
        company_wide=user.has_perm(COMPANY_WIDE_PERM),
    )
