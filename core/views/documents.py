"""The Documents tab of a record whose papers a clerk checks (core.documents): the tab, the
upload and check posts, and the download of a paper. Each app's views add its record page,
its forms and services, and its messages where they differ.

The tab's template includes ``generic/_documents_tab.html`` with the names of its URLs.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import classification, stamping
from core.forms import DocumentCheckForm
from core.models import AccessLog
from core.services import access_log

from .generic import ObjectPermissionMixin, form_errors


class DocumentsTabMixin:
    """The Documents tab of a record (``self.object``, whose papers are ``documents``): the
    checklist, what blocks the next step, the uploads with their checks, and the upload form
    with its kind preset to the first paper still needed."""

    active_tab = "documents"
    upload_form_class = None

    def get_checklist(self, obj):
        """The record's checklist (core.documents.ChecklistItem)."""
        raise NotImplementedError

    def get_blockers(self, obj, checklist):
        """The messages saying why the record cannot go on yet, when its state asks for them."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        checklist = self.get_checklist(obj)
        context.update(
            checklist=checklist,
            blockers=self.get_blockers(obj, checklist),
            documents=list(
                obj.documents.select_related("uploaded_by", "checked_by").order_by(
                    "kind", "-created"
                )
            ),
            upload_form=kwargs.get("upload_form")
            or self.upload_form_class(
                initial={"kind": next((i.kind for i in checklist if not i.ok), None)}
            ),
        )
        return context


class DocumentUploadMixin:
    """``perform`` of the POST that uploads a paper of the record; the app's ``upload`` calls
    its service with the form's data (kind, file, description)."""

    back = "documents/"
    upload_form_class = None

    def upload(self, request, obj, **data):
        raise NotImplementedError

    def perform(self, request, obj):
        form = self.upload_form_class(request.POST, request.FILES)
        if not form.is_valid():
            raise form_errors(form)
        self.upload(request, obj, **form.cleaned_data)
        messages.success(request, _("Document uploaded; it waits for the clerk's check."))


class DocumentCheckMixin:
    """``perform`` of the POST that records the clerk's check of one paper of the record; the
    app's ``check_document`` calls its service (accept, authentic, complete, accurate,
    reason)."""

    back = "documents/"
    rejected_message = gettext_lazy("Document rejected.")

    def check_document(self, request, document, **data):
        raise NotImplementedError

    def perform(self, request, obj, doc_pk):
        document = get_object_or_404(obj.documents, pk=doc_pk)
        form = DocumentCheckForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose accept or reject."))
        data = dict(form.cleaned_data)
        accept = data.pop("decision") == "accept"
        self.check_document(request, document, accept=accept, **data)
        messages.success(request, _("Document accepted.") if accept else self.rejected_message)


class DocumentFileView(ObjectPermissionMixin, generic.View):
    """Open an uploaded paper (a read of personal data: access-logged). Subclasses set
    ``model``."""

    def get(self, request, pk):
        document = get_object_or_404(self.get_queryset(), pk=pk)
        if not document.file:
            raise Http404
        level = classification.check_download(request.user, document)
        access_log(
            user=request.user, obj=document, request=request, action=AccessLog.Action.DOWNLOAD
        )
        return FileResponse(
            stamping.open_for_download(document.file, user=request.user, level=level),
            filename=document.original_name or "document",
        )
