"""A customer's data copy as a PDF (beside the Excel workbook of ``agreements``)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.services import audit_event, export_log

from ..models import CustomerDataRequest
from .agreements import _require_customer, data_request_handle


def customer_data_export_pdf(*, actor, customer, request=None, http_request=None):
    """Everything kept on ``customer`` as a PDF for the customer (clear values), logged like
    the workbook; an open copy request is closed as done. Returns the PDF bytes."""
    from ..export import customer_pdf

    _require_customer(actor, customer, "view")
    if not actor.has_perm("customers.view_sensitive") or not actor.has_perm(
        "confidentiality.add_customerdatarequest"
    ):
        raise PermissionDenied(_("You may not export a customer's data."))
    content, rows = customer_pdf(customer, user=actor)
    with transaction.atomic():
        export_log(
            user=actor,
            what=_("Customer's own data: %(customer)s") % {"customer": customer},
            file_format="pdf",
            row_count=rows,
            request=http_request,
            clear_values=True,
            purpose=_("The customer's request for a copy of their data"),
        )
        audit_event(
            actor=actor,
            verb="customer_data_exported",
            target=customer,
            message=Text(
                gettext_noop("Copy of the customer's data exported as PDF (%(rows)s rows)"),
                {"rows": rows},
            ),
        )
        if request is not None and request.status == CustomerDataRequest.Status.OPEN:
            data_request_handle(
                actor=actor,
                request=request,
                status=CustomerDataRequest.Status.DONE,
                outcome=_("Copy of the data exported on %(day)s")
                % {"day": timezone.localdate().isoformat()},
            )
    return content
