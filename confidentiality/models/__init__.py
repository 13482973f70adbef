"""Confidentiality models, one module per subject."""

from .agreements import (
    Agreement,
    AgreementVersion,
    Breach,
    CustomerDataRequest,
    SensitiveConsent,
    agreement_scan_path,
    consent_evidence_path,
    version_document_path,
)
from .exits import ExitAudit, ExitItem, reminder_scan_path
from .retention import (
    DestructionBatch,
    DestructionCandidate,
    DestructionRecord,
    DocumentKind,
    RetentionRule,
)

__all__ = [
    "DestructionBatch",
    "DestructionCandidate",
    "DestructionRecord",
    "DocumentKind",
    "ExitAudit",
    "ExitItem",
    "RetentionRule",
    "reminder_scan_path",
    "Agreement",
    "AgreementVersion",
    "Breach",
    "CustomerDataRequest",
    "SensitiveConsent",
    "agreement_scan_path",
    "consent_evidence_path",
    "version_document_path",
]
from .login import WEEKDAYS, LoginRule  # noqa: E402

__all__ += ["WEEKDAYS", "LoginRule"]


from .review import AccessAlert, RecordClass  # noqa: E402

__all__ += ["AccessAlert", "RecordClass"]
