"""Confidentiality services, one module per subject."""

from . import exits, retention  # noqa: F401
from .agreements import (
    AGREEMENT_FIELDS,
    BREACH_FIELDS,
    CONSENT_KINDS,
    agreement_record,
    agreement_reminders,
    agreement_sign,
    agreement_update,
    breach_close,
    breach_record,
    breach_update,
    consent_record,
    consent_withdraw,
    customer_data_export,
    data_request_handle,
    data_request_record,
    sensitive_storage_refusals,
    unsigned_agreement_refusals,
)

__all__ = [
    "AGREEMENT_FIELDS",
    "BREACH_FIELDS",
    "CONSENT_KINDS",
    "agreement_record",
    "agreement_reminders",
    "agreement_sign",
    "agreement_update",
    "breach_close",
    "breach_record",
    "breach_update",
    "consent_record",
    "consent_withdraw",
    "customer_data_export",
    "data_request_handle",
    "data_request_record",
    "sensitive_storage_refusals",
    "unsigned_agreement_refusals",
]
