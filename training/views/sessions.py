"""Internal session pages: the list, a session with its attendees, the form, enrolment by
HR or the trainer, an employee's sign-up, and the attendance sheet."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    add_validation_error,
)

from .. import services
from ..filters.sessions import SessionFilterSet
from ..forms.sessions import EnrolForm, ResultFormSet, SessionForm
from ..models import Session
from ..selectors import sessions as selectors
from ..tables.sessions import SessionTable


class SessionListView(ObjectListView):
    model = Session
    table_class = SessionTable
    filterset_class = SessionFilterSet
    empty_message = gettext_lazy("No sessions.")
    add_label = gettext_lazy("New session")

    def get_queryset(self):
        return selectors.session_list(user=self.request.user)


class SessionPageMixin:
    model = Session
    queryset = Session.objects.select_related("course", "trainer")

    def get_actions(self, obj=None):
        actions = super().get_actions(obj)
        actions["run"] = obj is not None and services.may_run_session(self.request.user, obj)
        return actions


class SessionDetailView(SessionPageMixin, ObjectDetailView):
    template_name = "training/session.html"

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        context = super().get_context_data(**kwargs)
        user, session = self.request.user, self.object
        runs = context["actions"]["run"]
        attendees = list(selectors.session_attendees(user=user, session=session, runs=runs))
        context["attendees"] = attendees
        context["taken"] = session.enrolments.count()
        employee = selectors.employee_of(user)
        mine = employee is not None and session.enrolments.filter(employee=employee).exists()
        context["enrolled"] = mine
        context["may_sign_up"] = (
            employee is not None
            and not mine
            and session.status == Session.Status.OPEN
            and session.starts_at > timezone.now()
            and context["taken"] < session.seats
        )
        context["started"] = session.starts_at <= timezone.now()
        return context


class SessionEditView(SessionPageMixin, ObjectEditView):
    form_class = SessionForm

    def get_initial(self):
        initial = super().get_initial()
        course = self.request.GET.get("course")
        if self.action == "add" and course and course.isdigit():
            initial["course"] = course
        return initial

    def save(self, form):
        session = form.save(commit=False)
        return services.session_save(actor=self.request.user, session=session)


class SessionHistoryView(SessionPageMixin, ObjectHistoryView):
    pass


class _RunsSessionMixin(SessionPageMixin, ObjectPermissionMixin):
    """Pages of the session's trainer or HR: the explicit check, not a role."""

    def get_session(self):
        session = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not services.may_run_session(self.request.user, session):
            raise PermissionDenied
        return session


class SessionEnrolView(_RunsSessionMixin, generic.FormView):
    form_class = EnrolForm
    template_name = "training/session_enrol.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_session()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_session()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            made = services.session_enrol(
                actor=self.request.user,
                session=self.object,
                employees=form.cleaned_data["employees"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(n)d enrolled.") % {"n": len(made)})
        return redirect(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["is_new"] = False
        context["taken"] = self.object.enrolments.count()
        context["cancel_url"] = self.object.get_absolute_url()
        return context


class SessionSignUpView(SessionPageMixin, ObjectPermissionMixin, ObjectPostView):
    def perform(self, request, session, **kwargs):
        services.session_sign_up(actor=request.user, session=session)
        messages.success(request, _("You are enrolled."))


class SessionResultsView(_RunsSessionMixin, generic.TemplateView):
    """The attendance sheet: attendance, score, pass and comment per attendee."""

    template_name = "training/session_results.html"

    def formset(self, data=None):
        attendees = list(
            selectors.session_attendees(user=self.request.user, session=self.object, runs=True)
        )
        self.by_pk = {e.pk: e for e in attendees}
        initial = [
            {
                "enrolment": e.pk,
                "attendance": e.attendance,
                "score": e.score,
                "passed": {True: "yes", False: "no"}.get(e.passed, ""),
                "comment": e.comment,
            }
            for e in attendees
        ]
        formset = ResultFormSet(data, initial=initial, form_kwargs={"user": self.request.user})
        for form, enrolment in zip(formset.forms, attendees, strict=False):
            form.enrolment_obj = enrolment
        return formset

    def get(self, request, *args, **kwargs):
        self.object = self.get_session()
        return self.render_to_response(self.get_context_data(formset=self.formset()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_session()
        formset = self.formset(request.POST)
        if formset.is_valid():
            try:
                with transaction.atomic():
                    count = 0
                    for data in formset.cleaned_data:
                        enrolment = self.by_pk.get(data.get("enrolment"))
                        if enrolment is None or not data.get("attendance"):
                            continue
                        services.enrolment_record_result(
                            actor=request.user,
                            enrolment=enrolment,
                            attendance=data["attendance"],
                            score=data.get("score"),
                            passed=data.get("passed"),
                            comment=data.get("comment", ""),
                        )
                        count += 1
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Results recorded for %(n)d attendees.") % {"n": count})
                return redirect(self.object)
        return self.render_to_response(self.get_context_data(formset=formset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["verbose_name_plural"] = Session._meta.verbose_name_plural
        return context
