"""The training file (培訓檔案) of an employee, its PDF and Excel, "My training file", and
the mandatory training due of the people one follows."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from core import exports
from org.models import Employee, Team

from ..models import TrainingRecord
from ..selectors import file as file_selectors
from ..selectors import mandatory
from ..selectors.sessions import employee_of


def _yes_no(value):
    return {True: _("Yes"), False: _("No")}.get(value, "")


def file_sheets(data):
    """The Excel sheets of a training file: records, hours per year, mandatory training,
    then one sheet per registered section."""
    records = exports.Sheet(
        _("Training records"),
        [
            exports.Column(_("completed on"), 12, exports.DATE),
            exports.Column(_("course"), 36),
            exports.Column(_("kind"), 14),
            exports.Column(_("hours"), 8, exports.DECIMAL, total=True),
            exports.Column(_("score"), 8, exports.DECIMAL),
            exports.Column(_("passed"), 8),
            exports.Column(_("note"), 30),
        ],
        [
            (
                r.completed_on,
                r.title,
                r.get_kind_display(),
                r.hours,
                r.score,
                _yes_no(r.passed),
                r.note,
            )
            for r in data["records"]
        ],
    )
    years = exports.Sheet(
        _("Hours per year"),
        [
            exports.Column(_("year"), 8),
            exports.Column(_("hours"), 10, exports.DECIMAL, total=True),
            exports.Column(_("courses"), 10, exports.INTEGER, total=True),
        ],
        [(str(y), h, c) for y, h, c in data["years"]],
    )
    due = exports.Sheet(
        _("Mandatory training"),
        [
            exports.Column(_("course"), 36),
            exports.Column(_("last completed"), 14, exports.DATE),
            exports.Column(_("due on"), 12, exports.DATE),
            exports.Column(_("status"), 10),
        ],
        [
            (m.course.title, m.last_completed, m.due_on, STATUS_LABELS()[m.status])
            for m in data["mandatory"]
        ],
    )
    sheets = [records, years, due]
    for section in data["sections"]:
        sheets.append(
            exports.Sheet(
                str(section["title"]),
                [exports.Column(str(c), 18) for c in section["columns"]],
                [list(row) for row in section["rows"]],
            )
        )
    return sheets


def STATUS_LABELS():  # noqa: N802 - a constant, translated when read
    return {mandatory.DONE: _("Done"), mandatory.DUE: _("Due"), mandatory.OVERDUE: _("Overdue")}


class MyFileView(LoginRequiredMixin, generic.View):
    """ "My training file": one's own file."""

    def get(self, request):
        employee = employee_of(request.user)
        if employee is None:
            raise Http404
        return redirect("training:file", employee.pk)


class FileView(LoginRequiredMixin, generic.TemplateView):
    """An employee's training file, to the employee, their supervisor, HR and managers;
    ``?export=pdf`` or ``?export=xlsx`` downloads it."""

    template_name = "training/file.html"

    def get(self, request, pk):
        if not request.user.has_perm("training.view_trainingrecord"):
            raise PermissionDenied
        own = employee_of(request.user)
        if own is not None and own.pk == pk:
            employee = Employee.objects.select_related("team").get(pk=pk)
        else:
            employee = (
                Employee.objects.visible_to(request.user)
                .select_related("team")
                .filter(pk=pk)
                .first()
            )
        if employee is None:
            raise Http404
        data = file_selectors.training_file(employee, request.user)
        what = _("Training file of %(name)s") % {"name": employee.name}
        stamp = f"{employee.employee_no}-{timezone.localdate():%Y%m%d}"
        export = request.GET.get("export")
        if export == "pdf":
            return exports.pdf_response(
                request,
                template_name="training/pdf/training_file.html",
                context={**data, "status_labels": STATUS_LABELS()},
                filename=f"training-file-{stamp}.pdf",
                what=what,
                row_count=len(data["records"]),
                filters={"employee": employee.pk},
            )
        if export == "xlsx":
            return exports.excel_response(
                request,
                filename=f"training-file-{stamp}.xlsx",
                sheets=file_sheets(data),
                what=what,
                filters={"employee": employee.pk},
            )
        return self.render_to_response(
            {
                **data,
                "status_labels": STATUS_LABELS(),
                "what": what,
                "verbose_name_plural": TrainingRecord._meta.verbose_name_plural,
            }
        )


class MandatoryDueView(LoginRequiredMixin, generic.TemplateView):
    """The mandatory courses of the people ``user`` follows: oneself, the team, everyone."""

    template_name = "training/mandatory_due.html"

    def get(self, request):
        user = request.user
        if not user.has_perm("training.view_mandatorytraining"):
            raise PermissionDenied
        teams = Team.objects.visible_to(user).order_by("code")
        team = None
        team_id = request.GET.get("team", "")
        if team_id.isdigit():
            team = teams.filter(pk=int(team_id)).first()
        status = request.GET.get("status", "open")
        rows = mandatory.mandatory_status(employees=mandatory.people_of(user, team=team))
        if status == "open":
            rows = [r for r in rows if r.status != mandatory.DONE]
        elif status in (mandatory.DONE, mandatory.DUE, mandatory.OVERDUE):
            rows = [r for r in rows if r.status == status]
        if request.GET.get("export") == "xlsx":
            return exports.excel_response(
                request,
                filename=f"mandatory-training-{timezone.localdate():%Y%m%d}.xlsx",
                sheets=[
                    exports.Sheet(
                        _("Mandatory training"),
                        [
                            exports.Column(_("employee"), 14),
                            exports.Column(_("team"), 12),
                            exports.Column(_("course"), 36),
                            exports.Column(_("last completed"), 14, exports.DATE),
                            exports.Column(_("due on"), 12, exports.DATE),
                            exports.Column(_("status"), 10),
                        ],
                        [
                            (
                                r.employee.name,
                                str(r.employee.team) if r.employee.team else "",
                                r.course.title,
                                r.last_completed,
                                r.due_on,
                                STATUS_LABELS()[r.status],
                            )
                            for r in rows
                        ],
                    )
                ],
                what=_("Mandatory training"),
                filters={"team": team_id, "status": status},
            )
        return self.render_to_response(
            {
                "rows": rows,
                "teams": teams if len(teams) > 1 else [],
                "team": team,
                "status": status,
                "status_labels": STATUS_LABELS(),
                "statuses": [
                    ("open", _("Due or overdue")),
                    *STATUS_LABELS().items(),
                    ("all", _("All")),
                ],
            }
        )
