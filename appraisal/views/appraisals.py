"""Appraisal pages: all, mine, my team's; one appraisal with the step its reader may take
(self-assessment, assessment, consolidation, interview, answer, close, reopen); its PDF."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.exports import pdf_response
from core.views.generic import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    add_validation_error,
)

from .. import selectors, services
from ..filters import AppraisalFilterSet
from ..forms import ConsolidateForm, InterviewForm, ObjectionForm, RatingForm, ReasonForm
from ..models import Appraisal, Stage
from ..tables import AppraisalTable


class AppraisalListView(ObjectListView):
    """Every appraisal the reader may see (HR: all)."""

    model = Appraisal
    table_class = AppraisalTable
    filterset_class = AppraisalFilterSet
    empty_message = gettext_lazy("No appraisals.")
    export_what = gettext_lazy("Appraisals")

    def get_queryset(self):
        return selectors.appraisal_list(user=self.request.user)


class MyAppraisalsView(AppraisalListView):
    def get_queryset(self):
        return selectors.my_appraisals(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = _("My appraisals")
        return context


class TeamAppraisalsView(AppraisalListView):
    def get_queryset(self):
        return selectors.team_appraisals(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = _("My team's appraisals")
        return context


class AppraisalPageMixin:
    model = Appraisal

    def get_base_queryset(self):
        return selectors.appraisal_list_base()


def _evidence(appraisal):
    from ..evidence import evidence_for

    # the evidence's periods are half-open: up to the day after the round's last day
    end = appraisal.round.end + dt.timedelta(days=1)
    return evidence_for(appraisal.employee, appraisal.round.start, end)


def appraisal_context(appraisal, user, forms=None, with_forms=True):
    """What the appraisal page (and its PDF) shows ``user``: the items, the result when the
    reader may see it, the private notes only to HR and the supervisor, and the forms of
    the step the reader may take now."""
    forms = dict(forms or {})
    rows = selectors.appraisal_items(appraisal)
    stage = appraisal.stage
    is_employee = appraisal.employee.user_id == user.pk
    hr = services.flow.is_hr(user)
    assessor = services.may_assess(user, appraisal)
    open_ = appraisal.round.is_open
    consolidated = stage in (Stage.INTERVIEW, Stage.CLOSED)
    show_supervisor = not is_employee or consolidated or user.is_superuser
    preview = None
    if open_ and hr and stage == Stage.HR:
        _rows, preview = services.compute(appraisal, [*rows])
    if open_ and with_forms:
        if is_employee and stage == Stage.SELF:
            forms.setdefault(
                "self",
                RatingForm(
                    rows=rows,
                    user=user,
                    initial={
                        "comment": appraisal.self_comment,
                        **{f"item_{r.item_id}": r.self_rating for r in rows},
                    },
                ),
            )
        self_over = stage == Stage.SELF and appraisal.round.self_due < _today()
        if assessor and (stage == Stage.SUPERVISOR or self_over):
            note = selectors.private_note(appraisal, user)
            forms.setdefault(
                "assess",
                RatingForm(
                    rows=rows,
                    user=user,
                    supervisor=True,
                    initial={
                        "comment": appraisal.supervisor_comment,
                        "private_notes": note.text if note else "",
                        **{f"item_{r.item_id}": r.supervisor_rating for r in rows},
                    },
                ),
            )
        if hr and stage == Stage.HR:
            forms.setdefault("consolidate", ConsolidateForm(user=user))
        if stage == Stage.INTERVIEW and appraisal.interview_date is None and (assessor or hr):
            forms.setdefault("interview", InterviewForm(user=user, initial={"date": _today()}))
        if (
            is_employee
            and stage == Stage.INTERVIEW
            and appraisal.interview_date
            and not appraisal.response
        ):
            forms.setdefault("object", ObjectionForm(user=user))
            forms["acknowledge"] = True
        if hr and stage == Stage.INTERVIEW and appraisal.interview_date:
            forms["close"] = True
    if with_forms and hr and stage in (Stage.INTERVIEW, Stage.CLOSED):
        forms.setdefault("reopen", ReasonForm(user=user))
    rating_form = forms.get("self") or forms.get("assess")
    if rating_form is not None:
        fields = {row.item_id: bound for row, bound in rating_form.item_fields()}
        for row in rows:
            row.bound_field = fields.get(row.item_id)
    return {
        "rows": rows,
        "is_employee": is_employee,
        "is_hr": hr,
        "is_assessor": assessor,
        "show_supervisor": show_supervisor,
        "show_result": consolidated,
        "private_note": None if is_employee else selectors.private_note(appraisal, user),
        "preview": preview,
        "forms": forms,
        "rating_form": rating_form,
        "stages": [
            (Stage(s), appraisal.round.due_for(s))
            for s in (Stage.SELF, Stage.SUPERVISOR, Stage.HR, Stage.INTERVIEW)
        ],
        "improvement_plan": getattr(appraisal, "improvement_plan", None)
        if hasattr(appraisal, "improvement_plan")
        else None,
    }


def _today():
    from django.utils import timezone

    return timezone.localdate()


class AppraisalDetailView(AppraisalPageMixin, ObjectDetailView):
    template_name = "appraisal/appraisal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appraisal = self.object
        context.update(appraisal_context(appraisal, self.request.user, kwargs.get("forms")))
        context["actions"] = {"add": False, "change": False, "delete": False}
        context["edit_url"] = None
        context["delete_url"] = None
        if context["rating_form"] is not None or (
            context["is_hr"] and appraisal.stage == Stage.HR and appraisal.round.is_open
        ):
            from ..evidence import attach

            context["evidence"] = _evidence(appraisal)
            attach(context["rows"], context["evidence"])
        return context


class AppraisalHistoryView(AppraisalPageMixin, ObjectHistoryView):
    pass


STEPS = {
    "self": RatingForm,
    "assess": RatingForm,
    "consolidate": ConsolidateForm,
    "interview": InterviewForm,
    "acknowledge": None,
    "object": ObjectionForm,
    "close": None,
    "reopen": ReasonForm,
}


def _check_person(step, appraisal, user):
    """Refuse a step to the wrong person before reading the form (the service checks the
    stage and checks the person again)."""
    if step in ("self", "acknowledge", "object"):
        allowed = appraisal.employee.user_id == user.pk
    elif step == "assess":
        allowed = services.may_assess(user, appraisal)
    elif step == "interview":
        allowed = services.may_assess(user, appraisal) or services.flow.is_hr(user)
    else:
        allowed = services.flow.is_hr(user)
    if not allowed:
        raise PermissionDenied


class AppraisalStepView(AppraisalPageMixin, ObjectPermissionMixin, generic.View):
    """POST one step of the appraisal; an invalid form or a refusal shows the page again
    with the errors next to the fields, nothing lost."""

    def get_required_permission(self):
        return "appraisal.change_appraisal"

    def post(self, request, pk, step):
        if step not in STEPS:
            raise Http404
        appraisal = self.get_base_queryset().visible_to(request.user).filter(pk=pk).first()
        if appraisal is None:
            raise Http404
        user = request.user
        _check_person(step, appraisal, user)
        form = None
        form_class = STEPS[step]
        if form_class is RatingForm:
            rows = selectors.appraisal_items(appraisal)
            form = RatingForm(request.POST, rows=rows, user=user, supervisor=step == "assess")
        elif form_class is not None:
            form = form_class(request.POST, user=user)
        try:
            if form is not None and not form.is_valid():
                raise ValidationError(_("Check the fields marked below."))
            self.perform(step, appraisal, user, form)
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return HttpResponseRedirect(appraisal.get_absolute_url())
            if form.is_bound and form.is_valid():
                add_validation_error(form, exc)
            view = AppraisalDetailView()
            view.setup(request, pk=pk)
            view.object = appraisal
            context = view.get_context_data(object=appraisal, forms={step: form})
            return render(request, view.template_name, context, status=200)
        except PermissionDenied:
            raise
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(appraisal.get_absolute_url())

    def perform(self, step, appraisal, user, form):
        data = form.cleaned_data if form is not None else {}
        if step == "self":
            services.self_submit(
                actor=user, appraisal=appraisal, ratings=form.ratings(), comment=data["comment"]
            )
        elif step == "assess":
            services.supervisor_submit(
                actor=user,
                appraisal=appraisal,
                ratings=form.ratings(),
                comment=data["comment"],
                private_notes=data.get("private_notes", ""),
            )
        elif step == "consolidate":
            services.hr_consolidate(
                actor=user,
                appraisal=appraisal,
                calibration=data.get("calibration") or 0,
                reason=data.get("calibration_reason", ""),
            )
        elif step == "interview":
            services.interview_record(
                actor=user,
                appraisal=appraisal,
                date=data["date"],
                discussed=data["discussed"],
                strengths=data["strengths"],
                problems=data["problems"],
                goals=data["goals"],
            )
        elif step == "acknowledge":
            services.employee_acknowledge(actor=user, appraisal=appraisal)
        elif step == "object":
            services.employee_object(actor=user, appraisal=appraisal, objection=data["objection"])
        elif step == "close":
            services.appraisal_close(actor=user, appraisal=appraisal)
        elif step == "reopen":
            services.appraisal_reopen(actor=user, appraisal=appraisal, reason=data["reason"])


class AppraisalPdfView(AppraisalPageMixin, ObjectPermissionMixin, generic.DetailView):
    """The appraisal form as PDF (stamped for the downloader); the private notes only for
    HR and the supervisor."""

    def get(self, request, *args, **kwargs):
        appraisal = self.get_object()
        context = appraisal_context(appraisal, request.user, with_forms=False)
        context["object"] = appraisal
        return pdf_response(
            request,
            template_name="appraisal/pdf/appraisal.html",
            context=context,
            filename=f"appraisal-{appraisal.round.year}-{appraisal.round.month or 0:02d}-"
            f"{appraisal.employee.employee_no}.pdf",
            what=_("Appraisal form: %(name)s") % {"name": appraisal},
            row_count=len(context["rows"]),
        )
