"""Training reports: hours per person or team in a period, completion of mandatory
training, pass rates per course. HR and managers read everyone, supervisors their team;
each page downloads as Excel and PDF (core.exports)."""

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import exports
from org.models import Team

from ..forms.sessions import ReportForm
from ..selectors import file as file_selectors
from ..selectors import mandatory

REPORT_PERM = "training.view_training_reports"


class TrainingReportView(LoginRequiredMixin, generic.TemplateView):
    """A report: ``columns`` ((header, Excel format, total?)), ``rows(filters)``; the same
    rows make the page, the Excel sheet and the PDF."""

    template_name = "training/report.html"
    title = ""
    slug = ""
    show_by = False
    show_period = True

    def columns(self, filters):
        raise NotImplementedError

    def rows(self, filters):
        raise NotImplementedError

    def get(self, request):
        if not request.user.has_perm(REPORT_PERM):
            raise PermissionDenied
        teams = Team.objects.visible_to(request.user).order_by("code")
        form = ReportForm(request.GET or None, user=request.user, teams=teams)
        if request.GET and not form.is_valid():
            return self.render_to_response({"form": form, "title": self.title, "report": self})
        filters = form.cleaned_data if request.GET else form.clean_defaults()
        self.request_filters = filters
        columns = self.columns(filters)
        rows = list(self.rows(filters))
        export = request.GET.get("export")
        shown = [
            (_("From"), str(filters["date_from"])),
            (_("To"), str(filters["date_to"])),
            (_("Team"), str(filters["team"] or _("All"))),
        ]
        stamp = f"{self.slug}-{timezone.localdate():%Y%m%d}"
        if export == "xlsx":
            sheet = exports.Sheet(
                str(self.title),
                [exports.Column(str(h), 16, fmt, total) for h, fmt, total in columns],
                rows,
            )
            return exports.excel_response(
                request,
                filename=f"{stamp}.xlsx",
                sheets=[sheet],
                what=self.title,
                filters=self.query_filters(),
                filter_labels=shown,
            )
        if export == "pdf":
            return exports.pdf_response(
                request,
                template_name="training/pdf/training_report.html",
                context={"columns": columns, "table": _table(columns, rows), "shown": shown},
                filename=f"{stamp}.pdf",
                what=self.title,
                row_count=len(rows),
                filters=self.query_filters(),
            )
        return self.render_to_response(
            {
                "form": form,
                "columns": columns,
                "table": _table(columns, rows),
                "title": self.title,
                "report": self,
            }
        )

    def query_filters(self):
        return {k: v for k, v in self.request.GET.items() if k != "export"}

    def export_url(self, kind):
        query = self.request.GET.copy()
        query["export"] = kind
        return "?" + query.urlencode()

    def xlsx_url(self):
        return self.export_url("xlsx")

    def pdf_url(self):
        return self.export_url("pdf")

    def people(self, filters):
        return mandatory.people_of(self.request.user, team=filters.get("team"))


def _table(columns, rows):
    """Rows as (value, Excel format) pairs: the page and the PDF align and format by it."""
    formats = [fmt for _header, fmt, _total in columns]
    return [list(zip(row, formats, strict=False)) for row in rows]


def _rate(part, whole):
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else None


class HoursReportView(TrainingReportView):
    title = gettext_lazy("Training hours")
    slug = "training-hours"
    show_by = True

    def columns(self, filters):
        first = _("employee") if filters["by"] == "person" else _("team")
        cols = [(first, None, False)]
        if filters["by"] == "person":
            cols.append((_("team"), None, False))
        else:
            cols.append((_("people"), exports.INTEGER, True))
        return [
            *cols,
            (_("courses"), exports.INTEGER, True),
            (_("passed"), exports.INTEGER, True),
            (_("hours"), exports.DECIMAL, True),
        ]

    def rows(self, filters):
        people = list(self.people(filters))
        hours = file_selectors.hours_by_employee(
            user=self.request.user,
            start=filters["date_from"],
            end=filters["date_to"],
            employees=people,
        )
        empty = {"hours": Decimal(0), "count": 0, "passed": 0}
        if filters["by"] == "person":
            for e in people:
                h = hours.get(e.pk, empty)
                yield (e.name, str(e.team) if e.team else "", h["count"], h["passed"], h["hours"])
            return
        teams = defaultdict(lambda: [0, 0, 0, Decimal(0)])
        for e in people:
            h = hours.get(e.pk, empty)
            row = teams[str(e.team) if e.team else _("No team")]
            row[0] += 1
            row[1] += h["count"]
            row[2] += h["passed"]
            row[3] += h["hours"]
        for name, (n, count, passed, total) in sorted(teams.items()):
            yield (name, n, count, passed, total)


class MandatoryReportView(TrainingReportView):
    title = gettext_lazy("Completion of mandatory training")
    slug = "mandatory-training"
    show_period = False

    def columns(self, filters):
        return [
            (_("course"), None, False),
            (_("people concerned"), exports.INTEGER, True),
            (_("done"), exports.INTEGER, True),
            (_("due"), exports.INTEGER, True),
            (_("overdue"), exports.INTEGER, True),
            (_("completion"), exports.PERCENT, False),
        ]

    def rows(self, filters):
        by_course = defaultdict(lambda: {"course": None, "done": 0, "due": 0, "overdue": 0})
        for row in mandatory.mandatory_status(employees=self.people(filters)):
            entry = by_course[row.course.pk]
            entry["course"] = row.course
            entry[row.status] += 1
        for entry in sorted(by_course.values(), key=lambda e: e["course"].code):
            total = entry["done"] + entry["due"] + entry["overdue"]
            yield (
                str(entry["course"]),
                total,
                entry["done"],
                entry["due"],
                entry["overdue"],
                _rate(entry["done"], total),
            )


class PassRateReportView(TrainingReportView):
    title = gettext_lazy("Pass rates per course")
    slug = "pass-rates"

    def columns(self, filters):
        return [
            (_("course"), None, False),
            (_("assessed"), exports.INTEGER, True),
            (_("passed"), exports.INTEGER, True),
            (_("pass rate"), exports.PERCENT, False),
            (_("average score"), exports.DECIMAL, False),
        ]

    def rows(self, filters):
        qs = file_selectors.record_list(user=self.request.user).filter(
            completed_on__gte=filters["date_from"],
            completed_on__lte=filters["date_to"],
            passed__isnull=False,
            course__isnull=False,
        )
        if filters.get("team"):
            qs = qs.filter(employee__team=filters["team"])
        grouped = (
            qs.values("course__code", "course__title")
            .annotate(
                assessed=Count("pk"),
                passed_count=Count("pk", filter=Q(passed=True)),
                avg=Avg("score"),
                hours=Sum("hours"),
            )
            .order_by("course__code")
        )
        for row in grouped:
            avg = row["avg"]
            yield (
                f"{row['course__code']} {row['course__title']}",
                row["assessed"],
                row["passed_count"],
                _rate(row["passed_count"], row["assessed"]),
                Decimal(avg).quantize(Decimal("0.1")) if avg is not None else None,
            )
