"""A customer's data copy as a PDF (beside the Excel workbook of ``agreements``)."""

from .agreements import customer_data_export


def customer_data_export_pdf(*, actor, customer, request=None, http_request=None):
    """Everything kept on ``customer`` as a PDF for the customer (clear values), logged like
    the workbook; an open copy request is closed as done. Returns the PDF bytes."""
    return customer_data_export(
        actor=actor,
        customer=customer,
        request=request,
        http_request=http_request,
        file_format="pdf",
    )
