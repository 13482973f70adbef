"""What the organisation adds to core's registries: its menu entries (Administration group),
the access profile every permission check reads (core.permissions), and the pickers that
choose a colleague."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import jobs, navigation, pickers
from core.permissions import register_profile_provider

from .filters import EmployeeFilterSet
from .scopes import access_profile

# The employee list's search, reached from the user (the login name is the user's own).
USER_SEARCH_FIELDS = tuple(
    f if f.startswith("user__") else f"employee__{f}" for f in EmployeeFilterSet.search_fields
)


def user_search_q(term):
    """A colleague by name, employee number, login name or work mobile (the employee list's
    search, plus the work mobile)."""
    q = Q(full_name__icontains=term)
    for name in USER_SEARCH_FIELDS:
        q |= Q(**{f"{name.removeprefix('user__')}__icontains": term})
    return q | Q(employee__mobile__icontains=term)


def user_label(user):
    """A colleague as a picker shows them: name and team, no internal id."""
    employee = getattr(user, "employee", None)
    team = getattr(employee, "team", None)
    return f"{user.display_name} · {team.name}" if team else user.display_name


def user_source(name, queryset, **kwargs):
    """A picker source over users (``queryset(user)`` gives the choosable colleagues)."""
    return pickers.PickerSource(
        name=name,
        model=get_user_model(),
        queryset=lambda user: queryset(user).select_related("employee__team"),
        search=user_search_q,
        label=user_label,
        order_by=("username",),
        **kwargs,
    )


def _active(position):
    def queryset(user):
        if user is None or not user.is_authenticated:
            return get_user_model().objects.none()
        if not (user.has_perm("org.add_team") or user.has_perm("org.change_team")):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, employee__position=position)

    return queryset


def register():
    """Called once from ``OrgConfig.ready()``."""
    register_profile_provider(access_profile)
    jobs.describe("sync_calendar", _("Update the working-day calendar"))
    navigation.register(
        "admin",
        navigation.MenuItem(
            _("Employees"), "org:employee_list", "org.view_employee", "person-badge"
        ),
    )
    navigation.register(
        "admin", navigation.MenuItem(_("Teams"), "org:team_list", "org.view_team", "diagram-3")
    )
    navigation.register(
        "admin",
        navigation.MenuItem(
            _("Working calendar"), "org:calendarday_list", "org.view_calendarday", "calendar3"
        ),
    )
    # The team form's supervisor and clerks: active colleagues in that position.
    pickers.register(user_source("org.supervisor", _active("supervisor")))
    pickers.register(user_source("org.clerk", _active("clerk")))
