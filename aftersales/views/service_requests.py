"""Service request pages: the list, the form, the record with its steps and documents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import classification, stamping
from core.models import AccessLog
from core.permissions import can
from core.services import access_log
from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectTimelineView,
    add_validation_error,
)

from .. import forms, selectors, services
from ..filters import ServiceRequestFilterSet
from ..models import (
    ServiceRequest,
    ServiceRequestDocument,
)
from ..tables import ServiceRequestTable
from .common import _FormPageMixin, _PostView, _tabs


class ServiceRequestListView(ObjectListView):
    model = ServiceRequest
    table_class = ServiceRequestTable
    filterset_class = ServiceRequestFilterSet
    empty_message = gettext_lazy("No service requests.")
    add_label = gettext_lazy("New service request")

    def get_queryset(self):
        return selectors.service_request_list(user=self.request.user)


class ServiceRequestCreateView(_FormPageMixin, ObjectPermissionMixin, generic.FormView):
    model = ServiceRequest
    action = "add"
    form_class = forms.ServiceRequestForm

    def get_initial(self):
        return {"policy": self.request.GET.get("policy"), "kind": self.request.GET.get("kind")}

    def form_valid(self, form):
        data = form.cleaned_data
        after = {k: data.get(k) for k in forms.ServiceRequestForm.AFTER_FIELDS}
        try:
            request = services.service_request_create(
                actor=self.request.user,
                policy=data["policy"],
                kind=data["kind"],
                after=after,
                description=data["description"],
                requested_on=data["requested_on"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Service request %(ref)s opened.") % {"ref": request.reference}
        )
        return redirect(request)


def request_actions(user, request):
    may = (
        user.has_perm("aftersales.change_servicerequest")
        and user.has_perm(services.PROCESS_REQUEST_PERM)
        and can(user, request, "change")
    )
    S = ServiceRequest.Status
    return {
        "change": False,
        "delete": False,
        "add": False,
        "upload": user.has_perm("aftersales.add_servicerequestdocument")
        and request.status in (S.DRAFT, S.SUBMITTED),
        "submit": may and request.status == S.DRAFT,
        "complete": may and request.status == S.SUBMITTED,
        "reject": may and request.status == S.SUBMITTED,
        "cancel": may and request.status in (S.DRAFT, S.SUBMITTED),
    }


REQUEST_FORMS = {
    "submit": forms.ServiceSubmitForm,
    "complete": forms.ServiceCompleteForm,
    "reject": forms.ServiceNoteForm,
    "cancel": forms.ServiceNoteForm,
    "upload": forms.ServiceDocumentForm,
}


class ServiceRequestPageMixin(ObjectDetailMixin):
    model = ServiceRequest
    queryset = ServiceRequest.objects.select_related(
        "customer__owner", "customer__team", "policy__insurer", "handled_by"
    )

    def get_actions(self, obj=None):
        return request_actions(self.request.user, obj)

    def get_tabs(self, obj):
        return _tabs(obj, "servicerequest")


def _shown(name, value, user):
    from core.crypto import mask

    if name in services.SENSITIVE and value and not user.has_perm("customers.view_sensitive"):
        return mask(str(value), 3, 4)
    if name == "beneficiaries" and isinstance(value, list):
        return "、".join(
            f"{b.get('name')} {b.get('relation', '')} {b.get('share')}%" for b in value
        )
    return value


class ServiceRequestDetailView(ServiceRequestPageMixin, ObjectDetailView):
    template_name = "aftersales/servicerequest.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        user = self.request.user
        labels = {
            n: forms.ServiceRequestForm.base_fields[n].label
            for n in forms.ServiceRequestForm.AFTER_FIELDS
        }
        before, after = obj.values_before, obj.values_after
        names = list(dict.fromkeys([*services.REQUEST_FIELDS[obj.kind], *after]))
        context["changes"] = [
            (labels.get(n, n), _shown(n, before.get(n), user), _shown(n, after.get(n), user))
            for n in names
        ]
        context["documents"] = list(obj.documents.select_related("uploaded_by"))
        context["blockers"] = (
            services.service_request_blockers(obj)
            if obj.status == ServiceRequest.Status.DRAFT
            else []
        )
        context["step_forms"] = {k: f() for k, f in REQUEST_FORMS.items()}
        return context


class ServiceRequestStepView(ServiceRequestPageMixin, _PostView):
    steps = REQUEST_FORMS

    def post(self, request, pk, **kwargs):
        step = kwargs.get("step")
        self.perm = (
            "aftersales.add_servicerequestdocument"
            if step == "upload"
            else services.PROCESS_REQUEST_PERM
        )
        return super().post(request, pk, **kwargs)

    def perform(self, request, obj, step):
        data = self.step_form(request, step)
        user = request.user
        if step == "upload":
            services.service_request_document_upload(actor=user, request=obj, **data)
        elif step == "submit":
            services.service_request_submit(actor=user, request=obj, **data)
        elif step == "complete":
            services.service_request_complete(actor=user, request=obj, **data)
        elif step == "reject":
            services.service_request_reject(actor=user, request=obj, **data)
        elif step == "cancel":
            services.service_request_cancel(actor=user, request=obj, **data)
        messages.success(request, _("Recorded."))


class ServiceRequestDocumentFileView(ObjectPermissionMixin, generic.View):
    model = ServiceRequestDocument

    def get(self, request, pk):
        document = get_object_or_404(self.get_queryset(), pk=pk)
        access_log(
            user=request.user, obj=document, request=request, action=AccessLog.Action.DOWNLOAD
        )
        return FileResponse(
            stamping.open_for_download(
                document.file,
                user=request.user,
                level=classification.check_download(request.user, document),
            ),
            filename=document.original_name or "document",
        )


class ServiceRequestTimelineView(ServiceRequestPageMixin, ObjectTimelineView):
    pass


class ServiceRequestHistoryView(ServiceRequestPageMixin, ObjectHistoryView):
    pass
