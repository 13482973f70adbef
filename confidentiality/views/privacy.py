"""A customer's data copy as a PDF, and the download of a signed consent form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views import generic

from core.views.generic import ObjectPermissionMixin, get_visible_or_404
from customers.models import Customer

from ..models import CustomerDataRequest, SensitiveConsent
from ..services import privacy
from .agreements import _file_response


class CustomerDataPdfView(ObjectPermissionMixin, generic.View):
    """The customer's own data as a PDF for them (logged)."""

    model = CustomerDataRequest
    action = "add"

    def post(self, request, pk):
        customer = get_visible_or_404(Customer, request.user, pk)
        data_request = None
        if request.POST.get("request"):
            data_request = get_visible_or_404(
                CustomerDataRequest, request.user, request.POST["request"], "change"
            )
            if data_request.customer_id != customer.pk:
                raise Http404
        try:
            content = privacy.customer_data_export_pdf(
                actor=request.user, customer=customer, request=data_request, http_request=request
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("confidentiality:customer_privacy", customer.pk)
        response = HttpResponse(content, content_type="application/pdf")
        name = f"customer-data-{customer.pk}-{timezone.localdate().isoformat()}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ConsentEvidenceView(ObjectPermissionMixin, generic.View):
    """The signed consent form of a customer (access-logged, stamped for the downloader)."""

    model = SensitiveConsent

    def get(self, request, pk, consent):
        customer = get_visible_or_404(Customer, request.user, pk)
        consent = get_visible_or_404(SensitiveConsent, request.user, consent)
        if consent.customer_id != customer.pk:
            raise Http404
        return _file_response(request, consent, "evidence", "consent.pdf")
