"""What the org chapter adds to the frame: the pickers that choose a colleague."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from core import pickers

from .filters import EmployeeFilterSet

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


# The team form's supervisor and clerks: active colleagues in that position.
pickers.register(user_source("org.supervisor", _active("supervisor")))
pickers.register(user_source("org.clerk", _active("clerk")))
