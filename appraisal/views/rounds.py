"""Round pages: the list, opening a round, the board (counts at each stage, who is late,
remind, close), its Excel export and history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.exports import Column, Sheet, excel_response
from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    Tab,
    add_validation_error,
)

from .. import scoring, selectors, services
from ..filters import RoundFilterSet
from ..forms import CalibrationForm, DeadlinesForm, RoundOpenForm
from ..models import Appraisal, AppraisalItem, AppraisalRound, Dimension
from ..scoring import GRADES
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

    def get_tabs(self, obj):
        tabs = super().get_tabs(obj)
        if self.request.user.has_perm("appraisal.consolidate_appraisal"):
            tabs.insert(1, Tab("calibration", _("Calibration"), reverse_round("calibration", obj)))
        if self.request.user.has_perm("appraisal.change_appraisalround") and obj.is_open:
            tabs.insert(-1, Tab("deadlines", _("Deadlines"), reverse_round("deadlines", obj)))
        return tabs


def reverse_round(page, round_):
    return reverse(f"appraisal:appraisalround_{page}", args=[round_.pk])


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
        # HR opens every appraisal; a manager only those they assess (the row scope)
        context["may_open_detail"] = user.has_perm("appraisal.consolidate_appraisal")
        context["assessed_by_me"] = user.pk
        context["may_remind"] = user.has_perm("appraisal.remind_appraisalround")
        context["may_close"] = user.has_perm("appraisal.consolidate_appraisal")
        context["may_change_deadlines"] = user.has_perm("appraisal.change_appraisalround")
        grades = dict(GRADES)
        context["bands"] = [
            (grades.get(code, code), minimum) for minimum, code in self.object.bands
        ]
        context["actions"] = {"add": False, "change": False, "delete": False}
        context["edit_url"] = None
        context["delete_url"] = None
        return context


class RoundHistoryView(RoundPageMixin, ObjectHistoryView):
    pass


class RoundCalibrationView(RoundPageMixin, ObjectDetailMixin, generic.DetailView):
    """Calibration across teams: the teams' score distributions side by side with the
    company's, the outliers, each consolidated appraisal with a calibration form, and the
    log of the round's calibrations."""

    template_name = "appraisal/round_calibration.html"
    active_tab = "calibration"

    def get_actions(self, obj=None):
        return {"add": False, "change": False, "delete": False}

    def get_required_permission(self):
        return "appraisal.consolidate_appraisal"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        view = selectors.round_calibration(self.object)
        context["view"] = view
        names = {str(row.pk): row for row in view["rows"]}
        log = selectors.calibration_log(self.object)
        for event in log:
            event.appraisal = names.get(event.object_id)
        context["log"] = log
        context["form"] = kwargs.get("form") or CalibrationForm(user=self.request.user)
        context["failed"] = kwargs.get("failed")
        context["edit_url"] = None
        context["delete_url"] = None
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = CalibrationForm(request.POST, user=request.user)
        appraisal = None
        if form.is_valid():
            appraisal = (
                Appraisal.objects.filter(round=self.object, pk=form.cleaned_data["appraisal"])
                .select_related("employee")
                .first()
            )
            if appraisal is None:
                form.add_error(None, _("The appraisal is not in this round."))
            else:
                try:
                    services.appraisal_calibrate(
                        actor=request.user,
                        appraisal=appraisal,
                        points=form.cleaned_data["points"],
                        reason=form.cleaned_data["reason"],
                    )
                except ValidationError as exc:
                    add_validation_error(form, exc)
        if form.is_valid() and not form.errors:
            messages.success(
                request,
                _("%(name)s calibrated.") % {"name": appraisal.employee.name},
            )
            return HttpResponseRedirect(reverse_round("calibration", self.object))
        failed = form.data.get("appraisal")
        context = self.get_context_data(form=form, failed=str(failed or ""))
        return self.render_to_response(context)


class RoundDeadlinesView(RoundPageMixin, ObjectDetailMixin, generic.DetailView):
    """HR moves the stage deadlines of an open round, with a reason."""

    template_name = "appraisal/round_deadlines.html"
    active_tab = "deadlines"

    def get_actions(self, obj=None):
        return {"add": False, "change": False, "delete": False}

    def get_required_permission(self):
        return "appraisal.change_appraisalround"

    def get_queryset(self):
        return super().get_queryset().filter(status=AppraisalRound.Status.OPEN)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        context["form"] = kwargs.get("form") or DeadlinesForm(
            user=self.request.user,
            initial={
                "self_due": round_.self_due,
                "supervisor_due": round_.supervisor_due,
                "hr_due": round_.hr_due,
                "interview_due": round_.interview_due,
            },
        )
        context["changes"] = services.deadline_changes(round_)
        context["edit_url"] = None
        context["delete_url"] = None
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = DeadlinesForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.round_deadlines_change(
                    actor=request.user,
                    round_=self.object,
                    deadlines={k: v for k, v in data.items() if k != "reason"},
                    reason=data["reason"],
                )
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, _("The deadlines are changed."))
                return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


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


def _item_working(row, share):
    """How an item's score was reached, in words: a computed item's figures and curve, a
    rated item's blend of the two ratings."""
    if row.item.is_computed:
        # the figures, the target and the achievement as worked out from the record
        lines = [*(row.working or []), _("curve %(curve)s") % {"curve": row.item.curve_display()}]
        return "\n".join(str(line) for line in lines)
    if row.self_rating is None or row.supervisor_rating is None:
        return row.note  # one side missing: the note says the other counts fully
    own = scoring.rated_score(row.self_rating, row.item.scale)
    sup = scoring.rated_score(row.supervisor_rating, row.item.scale)
    fraction = share / 100
    blended = scoring.round_score(fraction * sup + (1 - fraction) * own)
    return _("%(share)s × supervisor %(sup)s + %(rest)s × self %(own)s = %(score)s") % {
        "share": f"{scoring.format_percent(share)}%",
        "sup": scoring.round_score(sup),
        "rest": f"{scoring.format_percent(100 - share)}%",
        "own": scoring.round_score(own),
        "score": blended,
    }


def round_sheets(round_):
    """The round's workbook: one row per appraisal (the dimension weights, the blend share,
    calculated score, calibration, final score, grade), one row per item (weights, ratings,
    figures, score and how it was reached) and each appraisal's working line by line."""
    board = selectors.round_board(round_)
    rows = board["rows"]
    forms = {form.pk: form for form in round_.forms.all()}
    items = (
        AppraisalItem.objects.filter(appraisal__round=round_)
        .select_related("item", "appraisal__employee")
        .order_by("appraisal__employee__employee_no", "item__dimension", "item__order")
    )
    share = round_.supervisor_share
    late = {a.pk for a in board["late"]}
    summary = Sheet(
        title=_("Appraisals"),
        columns=[
            Column(_("Employee number"), 14),
            Column(_("Employee"), 16),
            Column(_("Team"), 14),
            Column(_("Position"), 12),
            Column(_("Stage"), 14),
            Column(_("Results weight (%)"), 10, "0.00"),
            Column(_("Ability weight (%)"), 10, "0.00"),
            Column(_("Attitude weight (%)"), 10, "0.00"),
            Column(_("Supervisor share (%)"), 10, "0.00"),
            Column(_("Calculated score"), 12, "0.00"),
            Column(_("Calibration"), 10, "0.00"),
            Column(_("Calibration reason"), 20),
            Column(_("Final score"), 10, "0.00"),
            Column(_("Grade"), 12),
            Column(_("Late"), 8),
        ],
        rows=[
            [
                a.employee.employee_no,
                a.employee.name,
                a.team.localized_name if a.team else "",
                a.employee.get_position_display(),
                a.get_stage_display(),
                forms[a.form_id].weight_results,
                forms[a.form_id].weight_ability,
                forms[a.form_id].weight_attitude,
                round_.supervisor_share,
                a.calculated_score,
                a.calibration if a.calculated_score is not None else None,
                a.calibration_reason,
                a.final_score,
                a.grade_label() if a.grade else "",
                _("yes") if a.pk in late else "",
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
            Column(_("How the score is reached"), 48),
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
                _item_working(row, share),
            ]
            for row in items
        ],
    )
    working = Sheet(
        title=_("Working"),
        columns=[
            Column(_("Employee number"), 14),
            Column(_("Employee"), 16),
            Column(_("Step"), 6),
            Column(_("Working"), 90),
        ],
        rows=[
            [a.employee.employee_no, a.employee.name, n, line]
            for a in rows
            for n, line in enumerate(a.working or [], start=1)
        ],
    )
    return [summary, detail, working]


class RoundExportView(RoundPageMixin, ObjectPermissionMixin, generic.DetailView):
    def get(self, request, *args, **kwargs):
        round_ = self.get_object()
        return excel_response(
            request,
            filename=f"appraisal-round-{round_.year}-{round_.month or 0:02d}.xlsx",
            sheets=round_sheets(round_),
            what=str(round_),
        )
