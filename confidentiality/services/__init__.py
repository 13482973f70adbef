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

from . import (
    login,  # noqa: E402,F401  (login controls: import the module, login.<name>)
    privacy,  # noqa: E402,F401  (the customer's data copy as a PDF)
)
from .review import (  # noqa: E402
    access_alert_close,
    access_alerts_review,
    logs_prune,
    record_class_of,
    record_class_set,
    retention_cutoff,
)

__all__ += [
    "access_alert_close",
    "access_alerts_review",
    "logs_prune",
    "record_class_of",
    "record_class_set",
    "retention_cutoff",
]
