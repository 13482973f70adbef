"""Scopes: whose figures (company, team, person; ``core.figures.Scope``) and who may see
which."""

import contextvars
from contextlib import contextmanager

from django.utils.translation import gettext_lazy as _

from core.figures import Scope
from core.permissions import get_profile

# --- reading reference rows once per page --------------------------------------------------

_memo = contextvars.ContextVar("reports_statistics_memo", default=None)


@contextmanager
def remembering():
    """Within this block, the rows every figure of a page reads again (a team's members,
    people's names, the month's targets) are read once: a dashboard asks for the month to
    date and for today, by person, and for the key figures against the same targets."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(key, read):
    """``read()``, or what it returned for ``key`` earlier in a ``remembering()`` block."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


# --- scopes ------------------------------------------------------------------------------


def scope_label(scope):
    """全公司 / the team's name / the person's display name (one query for a team or person):
    ``Scope.label()``, which core.figures delegates here."""
    if scope.kind == Scope.COMPANY:
        return str(_("Whole company"))
    if scope.kind == Scope.TEAM:
        from org.models import Team

        team = Team.objects.filter(pk=scope.team_id).only("name", "name_en").first()
        return str(team) if team else str(_("Unknown team"))
    user = _user_model().objects.filter(pk=scope.user_id).first()
    return user.display_name if user else str(_("Unknown person"))


def scope_text(scope, label=""):
    """Whose figures, read in the reader's language (core.i18n): the whole company, the
    team's name in the reader's language (one query), a person's name (``label``, the
    stored label, when given; else one query)."""
    from django.utils.translation import gettext_noop

    from core.i18n import Text, reference_name

    if scope.kind == Scope.COMPANY:
        return Text(gettext_noop("Whole company"))
    if scope.kind == Scope.TEAM:
        from org.models import Team

        team = Team.objects.filter(pk=scope.team_id).only("name", "name_en").first()
        return (
            reference_name(team.name, team.name_en) if team else Text(gettext_noop("Unknown team"))
        )
    return label or scope_label(scope)


def _user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def _member_ids(team_ids, positions=None):
    """Logins of the people in ``team_ids`` who have not left (one query), optionally only
    those in ``positions``."""
    from org.models import Employee

    team_ids = tuple(sorted(team_ids))
    positions = tuple(positions or ())

    def read():
        qs = Employee.objects.filter(team_id__in=team_ids).exclude(status=Employee.Status.LEFT)
        if positions:
            qs = qs.filter(position__in=positions)
        return list(qs.order_by("team_id", "name").values_list("user_id", flat=True))

    return list(remembered(("members", team_ids, positions), read))


SELLING_POSITIONS = ("salesperson",)


def scopes_visible_to(user):
    """The scopes whose figures ``user`` may see, broadest first.

    * company-wide roles (manager; also HR and compliance, whose pages are gated by their own
      permissions) and superusers: the company, every active team, every current employee;
    * a supervisor: each team they lead and its members, and themself;
    * a clerk: each team they support and its members (clerks produce the team's figures and
      see its records), and themself;
    * a salesperson: themself only.
    """
    from org.models import Employee, Team

    if user is None or not user.is_authenticated or not user.is_active:
        return []
    profile = get_profile(user)
    if user.is_superuser or profile.company_wide:
        teams = list(Team.objects.filter(active=True).values_list("pk", flat=True))
        people = list(
            Employee.objects.exclude(status=Employee.Status.LEFT)
            .order_by("team_id", "name")
            .values_list("user_id", flat=True)
        )
        return [
            Scope.company(),
            *(Scope.team(pk) for pk in teams),
            *(Scope.person(pk) for pk in people),
        ]
    team_ids = sorted(profile.team_ids)
    result = [Scope.team(pk) for pk in team_ids]
    members = _member_ids(team_ids) if team_ids else []
    result.append(Scope.person(user.pk))
    result.extend(Scope.person(pk) for pk in members if pk != user.pk)
    return result


def can_see(user, scope):
    """Whether ``user`` may see ``scope``'s figures (same rule as scopes_visible_to; at most one
    query)."""
    from org.models import Employee

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    profile = get_profile(user)
    if user.is_superuser or profile.company_wide:
        return True
    if scope.kind == Scope.COMPANY:
        return False
    if scope.kind == Scope.TEAM:
        return scope.team_id in profile.team_ids
    if scope.user_id == user.pk:
        return True
    if not profile.team_ids:
        return False
    return (
        Employee.objects.filter(user_id=scope.user_id, team_id__in=sorted(profile.team_ids))
        .exclude(status=Employee.Status.LEFT)
        .exists()
    )
