"""What the reports app adds to the frame: the implementation of ``core.figures`` (the one
source of sales figures), and for the dashboards the menu entry, a My-work item for
supervisors and the home page's figures (the company setting for the pace alerts is in
rules.py).

``reports.apps.ReportsConfig.ready()`` imports this module and calls
``register_dashboard_menu()`` (which also registers ``dashboard_mywork`` with core.mywork).

Who may open dashboards: whoever may read sales targets (``sales.view_salestarget``:
salespeople, clerks, supervisors, managers), each only for the scopes
``reports.statistics.can_see`` allows. HR and compliance have no dashboards. No permission of
its own is needed.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import figures, home, mywork, navigation, pickers

from .rules import PACE_TOLERANCE  # noqa: F401 (defined in rules; kept importable here)

DASHBOARD_PERM = "sales.view_salestarget"


class StatisticsFigures:
    """``core.figures``' implementation: ``reports.statistics``, the service behind the
    dashboards and the report files, so every caller of ``core.figures`` gets their numbers."""

    def compute_many(self, requests, keys):
        from . import statistics

        return statistics.compute_many(requests, keys)

    def breakdown(self, scope, start, end, by, keys):
        from . import statistics

        return statistics.breakdown(scope, start, end, by, keys)

    def targets(self, scope, start, end):
        from . import statistics

        return statistics.targets(scope, start, end)

    def targets_many(self, requests):
        from . import statistics

        return statistics.targets_many(requests)

    def figures(self):
        from . import statistics

        return statistics.FIGURES

    def scope_label(self, scope):
        from . import statistics

        return statistics.scope_label(scope)


def register_figures():
    """Register the statistics service as the source of ``core.figures``."""
    figures.register(StatisticsFigures())


def register_dashboard_menu():
    """The Dashboard entry at the top of the Reports group: it lands a manager on the company
    dashboard, a supervisor or clerk of one team on the team's, anyone else on their own."""
    navigation.register(
        "reports",
        navigation.MenuItem(
            gettext_lazy("Dashboard"),
            "reports:dashboard",
            DASHBOARD_PERM,
            "speedometer2",
            match="/reports/dashboard/",
        ),
    )
    mywork.register(dashboard_mywork)
    home.register(home_panel)


def home_panel(user):
    """The start page's "this month" panel: the key figures of the user's main dashboard
    (the company for company-wide roles, the first team a supervisor leads, a salesperson's
    own), linking to it. Clerks' dashboards show their work, which My work already lists."""
    from django.utils import timezone

    from core.permissions import get_profile

    from .dashboards import MonthContext, key_figures
    from .statistics import Scope

    if not user.has_perm(DASHBOARD_PERM):
        return None
    profile = get_profile(user)
    if user.is_superuser or profile.company_wide:
        scope, url = Scope(Scope.COMPANY), reverse("reports:dashboard_company")
    elif profile.led_team_ids:
        team_id = min(profile.led_team_ids)
        scope = Scope(Scope.TEAM, team_id=team_id)
        url = reverse("reports:dashboard_team", args=[team_id])
    elif getattr(getattr(user, "employee", None), "position", "") == "salesperson":
        scope, url = Scope(Scope.PERSON, user_id=user.pk), reverse("reports:dashboard_personal")
    else:
        return None
    month = MonthContext.for_day(timezone.localdate())
    return home.Panel(
        title=_("This month so far: %(scope)s") % {"scope": scope.label()},
        template="reports/_home_panel.html",
        context={"key_figures": key_figures(scope, month)},
        url=url,
        url_label=_("Open the dashboard"),
    )


def dashboard_mywork(user):
    """For a supervisor: the members of the teams they lead who are behind pace this month."""
    from core.permissions import get_profile

    if not user.has_perm(DASHBOARD_PERM):
        return []
    led = sorted(get_profile(user).led_team_ids)
    if not led:
        return []
    from .dashboards import behind_pace_count

    items = []
    for team_id in led:
        count = behind_pace_count(team_id)
        items.append(
            mywork.WorkItem(
                _("Team members behind pace this month"),
                count,
                reverse("reports:dashboard_team", args=[team_id]),
                "warning",
            )
        )
    return items


def register_pickers():
    """The report form's choice of a person: a type-ahead over the people whose reports the
    user may request (``services.person_scope_users``)."""
    from org.providers import user_source

    from . import services

    pickers.register(user_source("reports.person", services.person_scope_users))
