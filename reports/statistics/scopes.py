"""Scopes: whose figures (company, team, person) and who may see which."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.permissions import get_profile

# --- scopes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose figures: the company, one team, or one person (by their login)."""

    kind: str  # "company" | "team" | "person"
    team_id: int | None = None
    user_id: int | None = None

    COMPANY = "company"
    TEAM = "team"
    PERSON = "person"

    def __post_init__(self):
        if self.kind == self.COMPANY:
            ok = self.team_id is None and self.user_id is None
        elif self.kind == self.TEAM:
            ok = isinstance(self.team_id, int) and self.user_id is None
        elif self.kind == self.PERSON:
            ok = isinstance(self.user_id, int) and self.team_id is None
        else:
            ok = False
        if not ok:
            raise ValueError(f"invalid scope {self.kind!r} team={self.team_id} user={self.user_id}")

    @classmethod
    def company(cls):
        return cls(cls.COMPANY)

    @classmethod
    def team(cls, team):
        return cls(cls.TEAM, team_id=getattr(team, "pk", team))

    @classmethod
    def person(cls, user):
        return cls(cls.PERSON, user_id=getattr(user, "pk", user))

    @property
    def key(self):
        """ "company", "team:3" or "person:12": stable, for snapshot rows and URLs."""
        if self.kind == self.COMPANY:
            return "company"
        if self.kind == self.TEAM:
            return f"team:{self.team_id}"
        return f"person:{self.user_id}"

    @classmethod
    def from_key(cls, key):
        """The scope of a ``key``; ValueError on anything else."""
        key = (key or "").strip()
        if key == "company":
            return cls.company()
        kind, sep, raw = key.partition(":")
        if not sep or kind not in (cls.TEAM, cls.PERSON) or not raw.isdigit():
            raise ValueError(f"not a scope key: {key!r}")
        pk = int(raw)
        if pk <= 0:
            raise ValueError(f"not a scope key: {key!r}")
        return cls(kind, team_id=pk) if kind == cls.TEAM else cls(kind, user_id=pk)

    def label(self):
        """全公司 / the team's name / the person's display name (one query for a team or person)."""
        if self.kind == self.COMPANY:
            return str(_("Whole company"))
        if self.kind == self.TEAM:
            from org.models import Team

            name = Team.objects.filter(pk=self.team_id).values_list("name", flat=True).first()
            return name or str(_("Unknown team"))
        user = _user_model().objects.filter(pk=self.user_id).first()
        return user.display_name if user else str(_("Unknown person"))

    def __str__(self):
        return self.key


def _user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def _member_ids(team_ids, positions=None):
    """Logins of the people in ``team_ids`` who have not left (one query), optionally only
    those in ``positions``."""
    from org.models import Employee

    qs = Employee.objects.filter(team_id__in=sorted(team_ids)).exclude(status=Employee.Status.LEFT)
    if positions:
        qs = qs.filter(position__in=positions)
    return list(qs.order_by("team_id", "name").values_list("user_id", flat=True))


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
