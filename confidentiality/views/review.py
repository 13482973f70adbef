"""Access review pages: compliance's alerts (review and close with a note), "who saw this
customer", and the confidentiality class set on one record."""

from django.apps import apps
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import classification
from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    add_validation_error,
    form_errors,
    get_visible_or_404,
)
from core.views.pages import AccessLogListView
from customers.models import Customer, CustomerAttachment

from .. import services
from ..models import AccessAlert, RecordClass
from ..reviewing import (
    AccessAlertCloseForm,
    AccessAlertFilterSet,
    AccessAlertTable,
    RecordClassFilterSet,
    RecordClassForm,
    RecordClassTable,
)

# --- alerts ------------------------------------------------------------------------------


class AccessAlertListView(ObjectListView):
    model = AccessAlert
    queryset = AccessAlert.objects.select_related("user")
    table_class = AccessAlertTable
    filterset_class = AccessAlertFilterSet
    export_what = gettext_lazy("Access alerts")
    empty_message = gettext_lazy("No unusual pattern found in the logs.")


class AccessAlertPageMixin(ObjectDetailMixin):
    model = AccessAlert
    queryset = AccessAlert.objects.select_related("user", "closed_by")

    def get_actions(self, obj=None):
        actions = super().get_actions(obj)
        actions["delete"] = False
        if obj is not None and obj.status == AccessAlert.Status.CLOSED:
            actions["change"] = False
        return actions


class AccessAlertDetailView(AccessAlertPageMixin, ObjectDetailView):
    template_name = "confidentiality/accessalert.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alert = self.object
        day = f"{alert.day:%Y-%m-%d}"
        query = f"?user={alert.user_id}&date_from={day}&date_to={day}"
        if alert.rule == AccessAlert.Rule.MANY_VIEWS:
            context["log_url"] = reverse("core:accesslog_list") + query + "&action=view"
        else:
            context["log_url"] = reverse("core:exportlog_list") + query
        context["close_form"] = AccessAlertCloseForm()
        return context


class AccessAlertHistoryView(AccessAlertPageMixin, ObjectHistoryView):
    pass


class AccessAlertCloseView(AccessAlertPageMixin, ObjectPostView):
    perm = services.review.REVIEW_PERM

    def perform(self, request, alert):
        form = AccessAlertCloseForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.access_alert_close(actor=request.user, alert=alert, **form.cleaned_data)
        messages.success(request, _("Alert closed."))


# --- who saw this customer ---------------------------------------------------------------


class CustomerAccessView(AccessLogListView):
    """The access log of one customer file and its papers: who viewed it, unmasked which
    field, downloaded which paper, when and from where (compliance)."""

    export_what = gettext_lazy("Who saw the customer file")

    def dispatch(self, request, *args, **kwargs):
        self.customer = get_object_or_404(Customer.objects.only("pk", "name"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        types = ContentType.objects.get_for_models(Customer, CustomerAttachment)
        papers = CustomerAttachment.objects.filter(customer_id=self.customer.pk).values_list(
            "pk", flat=True
        )
        return (
            super()
            .get_queryset()
            .filter(
                Q(content_type=types[Customer], object_id=str(self.customer.pk))
                | Q(
                    content_type=types[CustomerAttachment],
                    object_id__in=[str(pk) for pk in papers],
                )
            )
        )

    def list_name(self):
        return "confidentiality:customer_access"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = _("Who saw %(customer)s") % {
            "customer": self.customer.name
        }
        return context


# --- the class of one record -------------------------------------------------------------


class RecordClassListView(ObjectListView):
    model = RecordClass
    queryset = RecordClass.objects.select_related("set_by", "content_type")
    table_class = RecordClassTable
    filterset_class = RecordClassFilterSet
    empty_message = gettext_lazy("Every record has the class of its kind.")


class RecordClassPageMixin(ObjectDetailMixin):
    model = RecordClass
    queryset = RecordClass.objects.select_related("set_by", "content_type")


class RecordClassDetailView(RecordClassPageMixin, ObjectDetailView):
    template_name = "confidentiality/recordclass.html"


class RecordClassHistoryView(RecordClassPageMixin, ObjectHistoryView):
    pass


class RecordClassSetView(ObjectPermissionMixin, generic.FormView):
    """Set the class of one record the user may open (a paper): its kind's by default."""

    model = RecordClass
    action = "add"
    form_class = RecordClassForm
    template_name = "generic/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            target_model = apps.get_model(kwargs["model"])
        except (LookupError, ValueError) as exc:
            raise Http404 from exc
        if request.user.is_authenticated:
            if not request.user.has_perm(services.review.CLASSIFY_PERM):
                raise PermissionDenied
            self.target = get_visible_or_404(target_model, request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"level": classification.level_of(self.target)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            is_new=False,
            object=self.target,
            cancel_url=self.target.get_absolute_url(),
            verbose_name=_("Confidentiality class"),
            class_badge=classification.badge(classification.level_of(self.target)),
        )
        return context

    def form_valid(self, form):
        try:
            services.record_class_set(actor=self.request.user, obj=self.target, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Confidentiality class saved."))
        return redirect(self.target.get_absolute_url())
