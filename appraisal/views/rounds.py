"""Round pages: the list, opening a round, the board (counts at each stage, who is late,
remind, close), its Excel export and history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.exports import Column, Sheet, excel_response
from core.views.generic import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    add_validation_error,
)

from .. import selectors, services
from ..filters import RoundFilterSet
from ..forms import RoundOpenForm
from ..models import AppraisalItem, AppraisalRound, Dimension
from ..tables import RoundTable


class RoundListView(ObjectListView):
    model = AppraisalRound
    table_class = RoundTable
    filterset_class = RoundFilterSet
    empty_message = gettext_lazy("No appraisal rounds yet.")
    add_label = gettext_lazy("Open a round")

    def get_queryset(self):
        return selectors.round_list_base().visible_to(self.request.user)


class RoundPageMixin:
    model = AppraisalRound


class RoundOpenView(RoundPageMixin, ObjectPermissionMixin, generic.FormView):
    """HR opens a round: by default the previous month, all teams — one click."""

    action = "add"
    form_class = RoundOpenForm
    template_name = "appraisal/round_open.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        year, month = services.previous_month()
        return {"kind": "monthly", "year": year, "month": month}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        kind = form["kind"].value() or "monthly"
        try:
            year = int(form["year"].value())
            month = int(form["month"].value()) if form["month"].value() else None
            context["deadlines"] = services.round_deadlines(kind, year, month)
        except (TypeError, ValueError, ValidationError):
            context["deadlines"] = None
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            round_ = services.round_open(
                actor=self.request.user,
                kind=data["kind"],
                year=data["year"],
                month=data["month"],
                teams=list(data["teams"]) or None,
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(round)s is open: %(n)d appraisals.")
            % {"round": round_, "n": round_.appraisals.count()},
        )
        return HttpResponseRedirect(round_.get_absolute_url())


class RoundDetailView(RoundPageMixin, ObjectDetailView):
    """The round board."""

    template_name = "appraisal/round.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["board"] = selectors.round_board(self.object)
        context["may_open_detail"] = user.has_perm("appraisal.view_appraisal")
        context["may_remind"] = user.has_perm("appraisal.remind_appraisalround")
        context["may_close"] = user.has_perm("appraisal.consolidate_appraisal")
        context["actions"] = {"add": False, "change": False, "delete": False}
        context["edit_url"] = None
        context["delete_url"] = None
        return context


class RoundHistoryView(RoundPageMixin, ObjectHistoryView):
    pass


class RoundRemindView(RoundPageMixin, ObjectPermissionMixin, ObjectPostView):
    perm = "appraisal.remind_appraisalround"

    def perform(self, request, obj, **kwargs):
        count = services.round_remind(actor=request.user, round_=obj)
        messages.success(request, _("%(n)d reminders sent.") % {"n": count})


class RoundCloseView(RoundPageMixin, ObjectPermissionMixin, ObjectPostView):
    perm = "appraisal.consolidate_appraisal"

    def perform(self, request, obj, **kwargs):
        services.round_close(actor=request.user, round_=obj)
        messages.success(request, _("The round is closed."))


def round_sheets(round_):
    """The round's workbook: one row per appraisal (scores per dimension, final, grade), one
    row per item (self, supervisor, actual, target, achievement, score)."""
    board = selectors.round_board(round_)
    rows = board["rows"]
    items = (
        AppraisalItem.objects.filter(appraisal__round=round_)
        .select_related("item", "appraisal__employee")
        .order_by("appraisal__employee__employee_no", "item__dimension", "item__order")
    )
    summary = Sheet(
        title=_("Appraisals"),
        columns=[
            Column(_("Employee number"), 14),
            Column(_("Employee"), 16),
            Column(_("Team"), 14),
            Column(_("Position"), 12),
            Column(_("Stage"), 14),
            Column(_("Calculated score"), 12, "0.00"),
            Column(_("Calibration"), 10, "0.00"),
            Column(_("Final score"), 10, "0.00"),
            Column(_("Grade"), 12),
            Column(_("Late"), 8),
        ],
        rows=[
            [
                a.employee.employee_no,
                a.employee.name,
                a.team.name if a.team else "",
                a.employee.get_position_display(),
                a.get_stage_display(),
                a.calculated_score,
                a.calibration,
                a.final_score,
                a.grade_label() if a.grade else "",
                _("yes") if a in board["late"] else "",
            ]
            for a in rows
        ],
    )
    detail = Sheet(
        title=_("Items"),
        columns=[
            Column(_("Employee number"), 14),
            Column(_("Employee"), 16),
            Column(_("Dimension"), 12),
            Column(_("Item"), 20),
            Column(_("Weight (%)"), 8, "0.00"),
            Column(_("Self-rating"), 10, "0.00"),
            Column(_("Supervisor rating"), 10, "0.00"),
            Column(_("Actual"), 14, "#,##0.00"),
            Column(_("Target"), 14, "#,##0.00"),
            Column(_("Achievement (%)"), 12, "0.00"),
            Column(_("Score"), 10, "0.00"),
        ],
        rows=[
            [
                row.appraisal.employee.employee_no,
                row.appraisal.employee.name,
                Dimension(row.item.dimension).label,
                row.item.label,
                row.item.weight,
                row.self_rating,
                row.supervisor_rating,
                row.actual,
                row.target,
                row.achievement,
                row.score,
            ]
            for row in items
        ],
    )
    return [summary, detail]


class RoundExportView(RoundPageMixin, ObjectPermissionMixin, generic.DetailView):
    def get(self, request, *args, **kwargs):
        round_ = self.get_object()
        return excel_response(
            request,
            filename=f"appraisal-round-{round_.year}-{round_.month or 0:02d}.xlsx",
            sheets=round_sheets(round_),
            what=str(round_),
        )
