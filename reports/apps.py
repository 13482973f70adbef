from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

VIEW_REPORT = "reports.view_reportsnapshot"
GENERATE_REPORT = "reports.add_reportsnapshot"


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    # The regulation: the clerk produces the daily, weekly and monthly figures for the teams
    # they support; a supervisor reads and requests their team's reports; management reads
    # and requests the company's. Which scope each one may see or request is
    # reports.statistics.can_see; generating a report changes no business record. HR and
    # compliance get no report pages (compliance reads the export log of every download).
    role_permissions = {
        "clerk": [VIEW_REPORT, GENERATE_REPORT],
        "supervisor": [VIEW_REPORT, GENERATE_REPORT],
        # The manager reads every report; making, retrying or regenerating one is a write.
        "manager": [VIEW_REPORT],
    }

    def ready(self):
        from core import navigation, reconcile

        from . import (
            events,  # noqa: F401  (the names of the app's audit events)
            providers,
            tasks,
        )

        # The one source of sales figures: every app reads them through core.figures, which
        # this makes the statistics service (also for the apps below reports, like sales).
        providers.register_figures()
        reconcile.register("reports", tasks.reconcile_reports)
        providers.register_jobs()
        providers.register_pickers()
        # Part of the menu (the dashboards) is registered by reports.providers, first.
        providers.register_dashboard_menu()
        navigation.register(
            "reports",
            navigation.MenuItem(
                _("Report archive"),
                "reports:reportsnapshot_list",
                VIEW_REPORT,
                "file-earmark-bar-graph",
                match="/reports/snapshots/",
            ),
        )
